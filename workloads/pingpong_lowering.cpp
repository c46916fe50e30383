#include "workloads/pingpong_lowering.h"

#include <fmt/format.h>

namespace lumen {

std::vector<FabricProgram> lower_pingpong(const PingPongSpec& spec, std::uint32_t chips,
                                          PingPongMarks& marks) {
  std::vector<FabricProgram> programs(chips);
  FabricProgram& a = programs[0];
  FabricProgram& b = programs[spec.peer];
  std::vector<std::uint32_t> a_prev, b_prev;
  std::uint32_t tag = 0;
  for (std::uint64_t size : spec.sizes) {
    for (std::uint32_t it = 0; it < spec.iterations; ++it, tag += 2) {
      FabricCommand ping;
      ping.op = FabricOp::kSend;
      ping.peer = spec.peer;
      ping.bytes = size;
      ping.tag = tag;
      ping.deps = a_prev;
      ping.label = fmt::format("ping {} B", size);
      const std::uint32_t sent = a.add(ping);
      if (it == 0) marks.first_send.push_back(sent);

      FabricCommand catch_ping;
      catch_ping.op = FabricOp::kRecv;
      catch_ping.peer = 0;
      catch_ping.tag = tag;
      catch_ping.deps = b_prev;
      catch_ping.label = fmt::format("catch ping {} B", size);
      const std::uint32_t caught = b.add(catch_ping);

      FabricCommand pong;
      pong.op = FabricOp::kSend;
      pong.peer = 0;
      pong.bytes = size;
      pong.tag = tag + 1;
      pong.deps = {caught};
      pong.label = fmt::format("pong {} B", size);
      b_prev = {b.add(pong)};

      FabricCommand catch_pong;
      catch_pong.op = FabricOp::kRecv;
      catch_pong.peer = spec.peer;
      catch_pong.tag = tag + 1;
      catch_pong.deps = {sent};
      catch_pong.label = fmt::format("catch pong {} B", size);
      a_prev = {a.add(catch_pong)};
    }
    marks.last_recv.push_back(a_prev.front());
  }
  return programs;
}

}  // namespace lumen
