// Physical address → (channel, pseudo-channel, SID, bank group, bank, row, column).
//
// The access offset (log2 of the burst bytes) is dropped first. Channels are then interleaved with
// a granule: channel = (a / granule) mod channels, and the channel-local address keeps the other
// bits in order (any channel count works, not only powers of two). The channel-local access index
// is cut into fields in the order the mapping names them, most significant first, e.g.
//   "ro_ba_bg_sid_pc_co"      row-major ("row_major"): a whole row is contiguous (Ramulator's
//                             RoBaRaCoCh); a stream pays tCCD_L and uses one pseudo-channel
//   "ro_ba_sid_co_pc_bg"      bank-group interleaved ("bank_interleaved"): consecutive 32 B
//                             accesses rotate bank groups, then pseudo-channels, then walk the
//                             columns of those open rows, so a stream pays tCCD_S; but each
//                             256 B granule opens 8 banks, so concurrent streams conflict
//   "ro_ba_sid_co_bg_pc_co2"  line interleaved ("line_interleaved", the default): 4 accesses
//                             (a 128 B line) stay in one row, lines rotate pseudo-channels and
//                             bank groups: a stream still pays tCCD_S between lines, and a
//                             granule opens 2 banks, not 8
// A field may be split over places by giving bit counts: "co2" is the column's 2 low bits there,
// and the one place without a count takes the bits left (most significant places take the high
// bits). A mapping may also name "ch" itself (e.g. "ch_pc_sid_bg_ba_ro_co", Ramulator's
// ChRaBaRoCo); the granule is then unused and the channel count must be a power of two.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/memory/dram/dram_spec.h"

namespace lumen {

struct DramAddress {
  std::uint32_t channel = 0, pc = 0, sid = 0, bg = 0, bank = 0, row = 0, column = 0;
};

enum class AddressField : std::uint8_t { kChannel, kPc, kSid, kBg, kBank, kRow, kColumn };

class DramAddressMap {
 public:
  // Returns an empty optional and sets `error` when the mapping string is malformed.
  static std::optional<DramAddressMap> make(const std::string& order, const DramOrganisation& org,
                                            std::uint32_t channels, std::uint64_t granule_bytes,
                                            std::string& error);

  DramAddress map(std::uint64_t address) const;
  std::uint64_t capacity_bytes() const { return capacity_; }
  std::uint32_t channels() const { return channels_; }
  const std::string& order() const { return order_; }

 private:
  struct Field {
    AddressField field;
    std::uint32_t bits;
    std::uint32_t shift;  // where these bits go in the field's value
  };
  std::string order_;
  std::vector<Field> lsb_first_;  // fields from the least significant upwards
  std::uint32_t channels_ = 1, access_shift_ = 5;
  std::uint64_t granule_accesses_ = 1;  // 0 when the mapping places "ch" itself
  std::uint64_t capacity_ = 0;
};

}  // namespace lumen
