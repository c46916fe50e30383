// What a chip does on a multi-chip fabric: send and receive messages, reduce received data into
// its own, and compute (a stretch of on-chip work whose duration the lowering took from the
// chip's models). Commands depend on earlier commands of the same chip; a receive also waits for
// its message (matched by sender and tag). Lowered from collectives, ping-pong and Pong by
// workloads/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumen {

enum class FabricOp { kSend, kRecv, kReduce, kCompute };

inline const char* fabric_op_name(FabricOp op) {
  switch (op) {
    case FabricOp::kSend:
      return "send";
    case FabricOp::kRecv:
      return "recv";
    case FabricOp::kReduce:
      return "reduce";
    case FabricOp::kCompute:
      return "compute";
  }
  return "?";
}

struct FabricCommand {
  std::uint32_t id = 0;
  FabricOp op = FabricOp::kCompute;
  std::vector<std::uint32_t> deps;
  std::uint32_t peer = 0;   // send: destination; recv: sender
  std::uint64_t bytes = 0;  // send, reduce
  std::uint32_t tag = 0;    // send/recv matching
  std::uint32_t phase = 0;  // send: the circuit phase (optical circuit switch)
  double seconds = 0;       // compute
  std::string label;        // traces, timelines, deadlock reports
};

struct FabricProgram {
  std::vector<FabricCommand> commands;
  std::uint32_t add(FabricCommand command) {
    command.id = static_cast<std::uint32_t>(commands.size());
    commands.push_back(std::move(command));
    return commands.back().id;
  }
};

}  // namespace lumen
