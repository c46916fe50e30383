// Ping-pong between two chips (the OSU latency test): for each message size, `iterations`
// round trips, chip 0 sends m bytes to the peer, the peer sends m bytes back. One-way latency is
// half the round trip; bandwidth is m over the one-way latency.
#pragma once

#include <cstdint>
#include <vector>

#include "models/io/fabric_program.h"

namespace lumen {

struct PingPongSpec {
  std::vector<std::uint64_t> sizes;
  std::uint32_t iterations = 4;
  std::uint32_t peer = 1;
};

// Command ids on chip 0 where each size's round trips begin (first send) and end (last recv).
struct PingPongMarks {
  std::vector<std::uint32_t> first_send, last_recv;
};

std::vector<FabricProgram> lower_pingpong(const PingPongSpec& spec, std::uint32_t chips,
                                          PingPongMarks& marks);

}  // namespace lumen
