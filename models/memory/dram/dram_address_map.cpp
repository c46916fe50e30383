#include "models/memory/dram/dram_address_map.h"

#include <sstream>

namespace lumen {
namespace {

bool power_of_two(std::uint64_t v) {
  return v != 0 && (v & (v - 1)) == 0;
}
std::uint32_t log2_exact(std::uint64_t v) {
  std::uint32_t bits = 0;
  while ((std::uint64_t{1} << bits) < v) ++bits;
  return bits;
}

const char* const kFieldNames[] = {"ch", "pc", "sid", "bg", "ba", "ro", "co"};

std::optional<AddressField> field_from_name(const std::string& name) {
  if (name == "ch") return AddressField::kChannel;
  if (name == "pc") return AddressField::kPc;
  if (name == "sid") return AddressField::kSid;
  if (name == "bg") return AddressField::kBg;
  if (name == "ba") return AddressField::kBank;
  if (name == "ro") return AddressField::kRow;
  if (name == "co") return AddressField::kColumn;
  return std::nullopt;
}

std::uint64_t field_count(AddressField f, const DramOrganisation& org, std::uint32_t channels) {
  switch (f) {
    case AddressField::kChannel:
      return channels;
    case AddressField::kPc:
      return org.pseudo_channels;
    case AddressField::kSid:
      return org.stack_ids;
    case AddressField::kBg:
      return org.bank_groups;
    case AddressField::kBank:
      return org.banks_per_group;
    case AddressField::kRow:
      return org.rows;
    case AddressField::kColumn:
      return org.columns;
  }
  return 1;
}

}  // namespace

std::optional<DramAddressMap> DramAddressMap::make(const std::string& order,
                                                   const DramOrganisation& org,
                                                   std::uint32_t channels,
                                                   std::uint64_t granule_bytes,
                                                   std::string& error) {
  DramAddressMap map;
  map.order_ = order;
  map.channels_ = channels;
  map.access_shift_ = log2_exact(org.access_bytes());
  if (!power_of_two(org.access_bytes())) {
    error = "the access size (dq_bits/8 x burst_length) must be a power of two";
    return std::nullopt;
  }
  std::vector<std::string> names;
  std::stringstream in(order);
  for (std::string part; std::getline(in, part, '_');) names.push_back(part);
  // A field may be split: "co3" takes 3 of the column's bits at that place; the lowest place holds
  // the low bits. At most one place of a field leaves out its count and takes the bits left.
  std::uint32_t given[7] = {}, places[7] = {}, open_places[7] = {};
  struct Place {
    AddressField field;
    std::uint32_t bits;  // 0: the bits left
  };
  std::vector<Place> places_lsb_first;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    // A place is a field name, then optionally its bit count (one or two digits).
    const std::string& text = *it;
    const std::size_t digits = text.find_first_of("0123456789");
    const std::string name = text.substr(0, digits);
    std::uint32_t bits = 0;
    if (digits != std::string::npos) {
      const std::string count = text.substr(digits);
      if (count.size() > 2 || count.find_first_not_of("0123456789") != std::string::npos) {
        error = "field '" + text + "': a bit count is one or two digits after the name (e.g. co2)";
        return std::nullopt;
      }
      bits = static_cast<std::uint32_t>(std::stoul(count));
      if (bits == 0) {
        error = "field '" + text + "' takes no bits";
        return std::nullopt;
      }
    }
    const auto field = field_from_name(name);
    if (!field) {
      error = "unknown field '" + text + "' (expected ch, pc, sid, bg, ba, ro, co joined by _)";
      return std::nullopt;
    }
    const int f = static_cast<int>(*field);
    ++places[f];
    if (bits == 0 && ++open_places[f] > 1) {
      error = "field '" + name + "' appears twice without a bit count";
      return std::nullopt;
    }
    given[f] += bits;
    places_lsb_first.push_back({*field, bits});
  }
  bool seen[7] = {};
  std::uint32_t field_bits[7] = {};
  for (int f = 0; f < 7; ++f) {
    const std::uint64_t count = field_count(static_cast<AddressField>(f), org, channels);
    seen[f] = places[f] != 0;
    if (!seen[f]) continue;
    if (!power_of_two(count)) {
      error = std::string("field '") + kFieldNames[f] + "' has " + std::to_string(count) +
              " values; mapped fields need a power of two";
      return std::nullopt;
    }
    field_bits[f] = log2_exact(count);
    if (given[f] > field_bits[f] || (open_places[f] == 0 && given[f] != field_bits[f])) {
      error = std::string("field '") + kFieldNames[f] + "' has " + std::to_string(field_bits[f]) +
              " bits; its places give " + std::to_string(given[f]);
      return std::nullopt;
    }
  }
  std::uint32_t shift[7] = {};
  for (const Place& place : places_lsb_first) {
    const int f = static_cast<int>(place.field);
    const std::uint32_t bits = place.bits ? place.bits : field_bits[f] - given[f];
    if (bits != 0) map.lsb_first_.push_back({place.field, bits, shift[f]});
    shift[f] += bits;
  }
  for (int f = 1; f < 7; ++f)
    if (!seen[f] && field_count(static_cast<AddressField>(f), org, channels) > 1) {
      error = std::string("field '") + kFieldNames[f] + "' is missing";
      return std::nullopt;
    }
  if (seen[0]) {
    map.granule_accesses_ = 0;
  } else {
    if (granule_bytes < org.access_bytes() || granule_bytes % org.access_bytes() != 0) {
      error = "the channel interleave granule must be a multiple of the " +
              std::to_string(org.access_bytes()) + "-byte access";
      return std::nullopt;
    }
    map.granule_accesses_ = granule_bytes / org.access_bytes();
  }
  map.capacity_ = org.channel_bytes() * channels;
  return map;
}

DramAddress DramAddressMap::map(std::uint64_t address) const {
  std::uint64_t access = (address % capacity_) >> access_shift_;
  DramAddress a;
  if (granule_accesses_ != 0) {
    const std::uint64_t granule = access / granule_accesses_;
    a.channel = static_cast<std::uint32_t>(granule % channels_);
    access = (granule / channels_) * granule_accesses_ + access % granule_accesses_;
  }
  for (const Field& f : lsb_first_) {
    const auto value = static_cast<std::uint32_t>(access & ((std::uint64_t{1} << f.bits) - 1))
                       << f.shift;
    access >>= f.bits;
    switch (f.field) {
      case AddressField::kChannel:
        a.channel |= value;
        break;
      case AddressField::kPc:
        a.pc |= value;
        break;
      case AddressField::kSid:
        a.sid |= value;
        break;
      case AddressField::kBg:
        a.bg |= value;
        break;
      case AddressField::kBank:
        a.bank |= value;
        break;
      case AddressField::kRow:
        a.row |= value;
        break;
      case AddressField::kColumn:
        a.column |= value;
        break;
    }
  }
  return a;
}

}  // namespace lumen
