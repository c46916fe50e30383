// Replays one channel's command log against the DRAM standard, independently of the controller:
// the controller keeps "earliest next command" registers, the checker keeps the history of past
// commands per node and checks every constraint of the table pair by pair (and the n-th previous
// command for windowed ones, tFAW). It also checks bank state (ACT only to a closed bank, RD/WR
// only to the open row, REF only with the banks closed), command-bus occupancy, and that no
// pseudo-channel (or bank) goes longer than 9·tREFI (8 postponed refreshes) without a refresh.
#pragma once

#include <string>
#include <vector>

#include "models/memory/dram/dram_controller.h"

namespace lumen {

struct ProtocolReport {
  std::uint64_t commands = 0;
  std::uint64_t violations = 0;
  std::vector<std::string> first;  // the first few, readable
};

// `end_tick`: when the simulation ended (for the refresh-interval check); `refresh` says which
// refresh scheme the controller was asked for.
ProtocolReport check_protocol(const DramSpec& spec, const std::vector<IssuedCommand>& log,
                              std::uint64_t end_tick, RefreshPolicy refresh);

}  // namespace lumen
