// Which target terminal of the NoC serves an address: `way_terminal.size()` ways interleaved by
// `granule_bytes` (way = address / granule mod ways), e.g. HBM channels grouped into ports. The
// platform builder makes it from the memory's own address map, so a request always enters the
// port whose channels hold its bytes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace lumen {

struct NocTargetMap {
  std::uint64_t granule_bytes = 4096;
  std::vector<std::uint32_t> way_terminal;  // one entry: a single target

  std::uint32_t terminal(std::uint64_t address) const {
    return way_terminal[(address / granule_bytes) % way_terminal.size()];
  }
  // The end of the run of bytes from `address` served by the same terminal, at most `limit`.
  std::uint64_t run_end(std::uint64_t address, std::uint64_t limit) const {
    if (way_terminal.size() == 1) return limit;
    const std::uint32_t first = terminal(address);
    std::uint64_t end = (address / granule_bytes + 1) * granule_bytes;
    while (end < limit && terminal(end) == first) end += granule_bytes;
    return std::min(end, limit);
  }
};

}  // namespace lumen
