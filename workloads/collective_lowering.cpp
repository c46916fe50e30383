#include "workloads/collective_lowering.h"

#include <fmt/format.h>

#include <set>

namespace lumen {
namespace {

struct Named {
  const char* name;
  Collective value;
};
constexpr Named kCollectives[] = {{"all_reduce", Collective::kAllReduce},
                                  {"reduce_scatter", Collective::kReduceScatter},
                                  {"all_gather", Collective::kAllGather},
                                  {"all_to_all", Collective::kAllToAll},
                                  {"broadcast", Collective::kBroadcast}};
struct NamedAlgorithm {
  const char* name;
  CollectiveAlgorithm value;
};
constexpr NamedAlgorithm kAlgorithms[] = {
    {"ring", CollectiveAlgorithm::kRing},
    {"bidirectional_ring", CollectiveAlgorithm::kBidirectionalRing},
    {"tree", CollectiveAlgorithm::kTree},
    {"halving_doubling", CollectiveAlgorithm::kHalvingDoubling},
    {"direct", CollectiveAlgorithm::kDirect}};

bool power_of_two(std::uint32_t n) {
  return n && (n & (n - 1)) == 0;
}

std::uint32_t ceil_log2(std::uint32_t n) {
  std::uint32_t k = 0;
  while ((1u << k) < n) ++k;
  return k;
}

// Builds the programs of one chunk of one iteration: every message's tag is its step offset by
// the chunk's base, so sender and receiver agree on it.
class ChunkLowerer {
 public:
  ChunkLowerer(std::vector<FabricProgram>& programs,
               const std::vector<std::vector<std::uint32_t>>& entry, std::uint32_t tag_base,
               std::uint32_t chunk, const std::string& prefix)
      : programs_(programs), entry_(entry), tag_base_(tag_base), chunk_(chunk), prefix_(prefix) {}

  std::uint32_t p() const { return static_cast<std::uint32_t>(programs_.size()); }
  const std::vector<std::uint32_t>& entry(std::uint32_t chip) const { return entry_[chip]; }

  std::uint32_t send(std::uint32_t chip, std::uint32_t to, std::uint64_t bytes, std::uint32_t step,
                     std::vector<std::uint32_t> deps, const char* what) {
    FabricCommand c;
    c.op = FabricOp::kSend;
    c.peer = to;
    c.bytes = bytes;
    c.tag = tag_base_ + step;
    c.phase = step;
    c.deps = std::move(deps);
    c.label = fmt::format("{}{} s{} c{} →{}", prefix_, what, step, chunk_, to);
    return programs_[chip].add(std::move(c));
  }
  std::uint32_t recv(std::uint32_t chip, std::uint32_t from, std::uint32_t step, const char* what) {
    FabricCommand c;
    c.op = FabricOp::kRecv;
    c.peer = from;
    c.tag = tag_base_ + step;
    c.deps = entry_[chip];
    c.label = fmt::format("{}{} s{} c{} ←{}", prefix_, what, step, chunk_, from);
    return programs_[chip].add(std::move(c));
  }
  std::uint32_t reduce(std::uint32_t chip, std::uint64_t bytes, std::vector<std::uint32_t> deps,
                       std::uint32_t step) {
    FabricCommand c;
    c.op = FabricOp::kReduce;
    c.bytes = bytes;
    c.deps = std::move(deps);
    c.label = fmt::format("{}reduce s{} c{}", prefix_, step, chunk_);
    return programs_[chip].add(std::move(c));
  }

 private:
  std::vector<FabricProgram>& programs_;
  const std::vector<std::vector<std::uint32_t>>& entry_;
  std::uint32_t tag_base_, chunk_;
  const std::string& prefix_;
};

using Deps = std::vector<std::uint32_t>;

// Ring reduce-scatter and/or all-gather of `bytes` (the whole buffer) around the ring in
// direction `dir` (+1: i → i+1, −1: i → i−1). Reduce-scatter leaves each chip with one segment
// reduced; all-gather starts from the segment each chip holds. Segments are numbered by the
// chip's place along the direction, so both directions run the same schedule mirrored.
void ring(ChunkLowerer& l, std::uint64_t bytes, bool reduce_scatter, bool all_gather,
          std::vector<Deps>& prev, int dir = 1) {
  const std::uint32_t p = l.p();
  const auto seg = [&](std::uint32_t index) { return part_size(bytes, p, index % p); };
  const auto place = [&](std::uint32_t i) { return dir > 0 ? i : (p - i) % p; };
  const auto next = [&](std::uint32_t i) { return dir > 0 ? (i + 1) % p : (i + p - 1) % p; };
  const auto last = [&](std::uint32_t i) { return dir > 0 ? (i + p - 1) % p : (i + 1) % p; };
  std::uint32_t step = 0;
  if (reduce_scatter) {
    for (std::uint32_t s = 0; s + 1 < p; ++s, ++step)
      for (std::uint32_t i = 0; i < p; ++i) {
        const std::uint32_t v = place(i);
        l.send(i, next(i), seg(v + p - s), step, prev[i], "rs");
        const std::uint32_t r = l.recv(i, last(i), step, "rs");
        prev[i] = {l.reduce(i, seg(v + 2 * p - s - 1), {r}, step)};
      }
  }
  if (all_gather) {
    const std::uint32_t held = reduce_scatter ? 1 : 0;
    for (std::uint32_t s = 0; s + 1 < p; ++s, ++step)
      for (std::uint32_t i = 0; i < p; ++i) {
        l.send(i, next(i), seg(place(i) + held + p - s), step, prev[i], "ag");
        prev[i] = {l.recv(i, last(i), step, "ag")};
      }
  }
}

// Rabenseifner: reduce-scatter by recursive halving (partner at distance p/2, p/4, ...), then
// all-gather by recursive doubling (distance 1, 2, ...); step k moves bytes / 2^(k+1).
void halving_doubling(ChunkLowerer& l, std::uint64_t bytes, bool reduce_scatter, bool all_gather,
                      std::vector<Deps>& prev) {
  const std::uint32_t p = l.p(), levels = ceil_log2(p);
  std::uint32_t step = 0;
  if (reduce_scatter)
    for (std::uint32_t k = 0; k < levels; ++k, ++step)
      for (std::uint32_t i = 0; i < p; ++i) {
        const std::uint32_t partner = i ^ (p >> (k + 1));
        const std::uint64_t size = bytes >> (k + 1);
        l.send(i, partner, size, step, prev[i], "rs");
        const std::uint32_t r = l.recv(i, partner, step, "rs");
        prev[i] = {l.reduce(i, size, {r}, step)};
      }
  if (all_gather)
    for (std::uint32_t k = levels; k-- > 0; ++step)
      for (std::uint32_t i = 0; i < p; ++i) {
        const std::uint32_t partner = i ^ (p >> (k + 1));
        const std::uint64_t size = bytes >> (k + 1);
        l.send(i, partner, size, step, prev[i], "ag");
        prev[i] = {l.recv(i, partner, step, "ag")};
      }
}

// Binomial tree over virtual ranks v = (chip − root) mod p: reduce toward v = 0 (step k: v with
// bit k lowest sends to v − 2^k), broadcast away from it (the same edges reversed).
void binomial(ChunkLowerer& l, std::uint64_t bytes, std::uint32_t root, bool reduce, bool broadcast,
              std::vector<Deps>& prev) {
  const std::uint32_t p = l.p(), levels = ceil_log2(p);
  const auto chip = [&](std::uint32_t v) { return (v + root) % p; };
  std::uint32_t step = 0;
  if (reduce)
    for (std::uint32_t k = 0; k < levels; ++k, ++step) {
      const std::uint32_t mask = 1u << k;
      for (std::uint32_t v = 0; v < p; ++v) {
        if (v % (2 * mask) == mask) {
          l.send(chip(v), chip(v - mask), bytes, step, prev[chip(v)], "up");
        } else if (v % (2 * mask) == 0 && v + mask < p) {
          const std::uint32_t r = l.recv(chip(v), chip(v + mask), step, "up");
          Deps deps = prev[chip(v)];
          deps.push_back(r);
          prev[chip(v)] = {l.reduce(chip(v), bytes, deps, step)};
        }
      }
    }
  if (broadcast)
    for (std::uint32_t k = levels; k-- > 0; ++step) {
      const std::uint32_t mask = 1u << k;
      for (std::uint32_t v = 0; v < p; ++v) {
        if (v % (2 * mask) == 0 && v + mask < p)
          l.send(chip(v), chip(v + mask), bytes, step, prev[chip(v)], "down");
        else if (v % (2 * mask) == mask)
          prev[chip(v)] = {l.recv(chip(v), chip(v - mask), step, "down")};
      }
    }
}

// A chain from the root: virtual rank v receives from v − 1 at step v − 1, sends on at step v.
void chain(ChunkLowerer& l, std::uint64_t bytes, std::uint32_t root, std::vector<Deps>& prev) {
  const std::uint32_t p = l.p();
  for (std::uint32_t v = 0; v < p; ++v) {
    const std::uint32_t at = (v + root) % p;
    if (v > 0) prev[at] = {l.recv(at, (at + p - 1) % p, v - 1, "chain")};
    if (v + 1 < p) l.send(at, (at + 1) % p, bytes, v, prev[at], "chain");
  }
}

// p − 1 rounds; round r sends bytes / p to chip i + r. Rounds do not wait for each other.
void all_to_all(ChunkLowerer& l, std::uint64_t bytes) {
  const std::uint32_t p = l.p();
  for (std::uint32_t r = 1; r < p; ++r)
    for (std::uint32_t i = 0; i < p; ++i) {
      l.send(i, (i + r) % p, part_size(bytes, p, (i + r) % p), r - 1, l.entry(i), "a2a");
      l.recv(i, (i + p - r) % p, r - 1, "a2a");
    }
}

}  // namespace

const char* collective_name(Collective c) {
  for (const auto& n : kCollectives)
    if (n.value == c) return n.name;
  return "?";
}
const char* algorithm_name(CollectiveAlgorithm a) {
  for (const auto& n : kAlgorithms)
    if (n.value == a) return n.name;
  return "?";
}
std::optional<Collective> collective_from_name(const std::string& name) {
  for (const auto& n : kCollectives)
    if (name == n.name) return n.value;
  return std::nullopt;
}
std::optional<CollectiveAlgorithm> algorithm_from_name(const std::string& name) {
  for (const auto& n : kAlgorithms)
    if (name == n.name) return n.value;
  return std::nullopt;
}

bool algorithm_supports(Collective c, CollectiveAlgorithm a, std::uint32_t chips) {
  switch (c) {
    case Collective::kAllReduce:
      return a == CollectiveAlgorithm::kRing || a == CollectiveAlgorithm::kBidirectionalRing ||
             a == CollectiveAlgorithm::kTree ||
             (a == CollectiveAlgorithm::kHalvingDoubling && power_of_two(chips));
    case Collective::kReduceScatter:
    case Collective::kAllGather:
      return a == CollectiveAlgorithm::kRing || a == CollectiveAlgorithm::kBidirectionalRing ||
             (a == CollectiveAlgorithm::kHalvingDoubling && power_of_two(chips));
    case Collective::kAllToAll:
      return a == CollectiveAlgorithm::kDirect;
    case Collective::kBroadcast:
      return a == CollectiveAlgorithm::kTree || a == CollectiveAlgorithm::kRing;
  }
  return false;
}

std::uint64_t part_size(std::uint64_t total, std::uint32_t parts, std::uint32_t index) {
  return total / parts + (index < total % parts ? 1 : 0);
}

void append_collective(std::vector<FabricProgram>& programs, const CollectiveSpec& spec,
                       std::vector<std::vector<std::uint32_t>>& entry, std::uint32_t& tag_base) {
  const auto chips = static_cast<std::uint32_t>(programs.size());
  const std::uint32_t steps = 2 * chips + 2;  // more than any algorithm takes
  for (std::uint32_t it = 0; it < spec.iterations; ++it) {
    std::vector<std::size_t> first(chips);
    for (std::uint32_t i = 0; i < chips; ++i) first[i] = programs[i].commands.size();
    for (std::uint32_t c = 0; c < spec.chunks; ++c, tag_base += steps) {
      ChunkLowerer l(programs, entry, tag_base, c, spec.label);
      const std::uint64_t bytes = part_size(spec.bytes, spec.chunks, c);
      std::vector<Deps> prev = entry;
      const bool ar = spec.op == Collective::kAllReduce;
      switch (spec.algorithm) {
        case CollectiveAlgorithm::kRing:
          if (spec.op == Collective::kBroadcast)
            chain(l, bytes, spec.root, prev);
          else
            ring(l, bytes, ar || spec.op == Collective::kReduceScatter,
                 ar || spec.op == Collective::kAllGather, prev);
          break;
        case CollectiveAlgorithm::kBidirectionalRing: {
          // Half the chunk each way round, on tags of their own.
          const bool rs = ar || spec.op == Collective::kReduceScatter;
          const bool ag = ar || spec.op == Collective::kAllGather;
          ring(l, part_size(bytes, 2, 0), rs, ag, prev, +1);
          ChunkLowerer back(programs, entry, tag_base + steps, c, spec.label);
          std::vector<Deps> prev_back = entry;
          ring(back, part_size(bytes, 2, 1), rs, ag, prev_back, -1);
          tag_base += steps;
          break;
        }
        case CollectiveAlgorithm::kHalvingDoubling:
          halving_doubling(l, bytes, ar || spec.op == Collective::kReduceScatter,
                           ar || spec.op == Collective::kAllGather, prev);
          break;
        case CollectiveAlgorithm::kTree:
          binomial(l, bytes, ar ? 0 : spec.root, ar, true, prev);
          break;
        case CollectiveAlgorithm::kDirect:
          all_to_all(l, bytes);
          break;
      }
    }
    // The next iteration starts on a chip once everything of this one has finished there.
    for (std::uint32_t i = 0; i < chips; ++i) {
      auto& commands = programs[i].commands;
      std::set<std::uint32_t> depended;
      for (std::size_t k = first[i]; k < commands.size(); ++k)
        depended.insert(commands[k].deps.begin(), commands[k].deps.end());
      Deps terminal;
      for (std::size_t k = first[i]; k < commands.size(); ++k)
        if (!depended.count(static_cast<std::uint32_t>(k)))
          terminal.push_back(static_cast<std::uint32_t>(k));
      if (!terminal.empty()) entry[i] = terminal;
    }
  }
}

std::vector<FabricProgram> lower_collective(const CollectiveSpec& spec, std::uint32_t chips) {
  std::vector<FabricProgram> programs(chips);
  std::vector<std::vector<std::uint32_t>> entry(chips);
  std::uint32_t tag_base = 0;
  append_collective(programs, spec, entry, tag_base);
  return programs;
}

}  // namespace lumen
