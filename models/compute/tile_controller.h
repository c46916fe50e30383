// The tile's scoreboard: which commands have completed. Engines ask it whether a command's
// dependencies are met and wait on its completion event; after the simulation it tells which
// commands never ran (a deadlock).
#pragma once

#include <cstdint>
#include <vector>

#include <systemc>

#include "models/compute/tile_program.h"

namespace lumen {

class TileController {
 public:
  void load(const TileProgram& program) {
    program_ = program;
    completed_.assign(program_.commands.size(), false);
    remaining_ = program_.commands.size();
  }
  const TileProgram& program() const { return program_; }

  bool ready(const Command& command) const {
    for (std::uint32_t dep : command.deps)
      if (!completed_.at(dep)) return false;
    return true;
  }
  void complete(const Command& command) {
    completed_.at(command.id) = true;
    --remaining_;
    last_completion_ = sc_core::sc_time_stamp();
    completion_.notify(sc_core::SC_ZERO_TIME);
  }
  bool completed(std::uint32_t id) const { return completed_.at(id); }
  const sc_core::sc_event& completion_event() const { return completion_; }
  std::size_t remaining() const { return remaining_; }
  // When the latest command completed: the tile's finishing time once remaining() is 0.
  sc_core::sc_time last_completion() const { return last_completion_; }

 private:
  TileProgram program_;
  std::vector<bool> completed_;
  std::size_t remaining_ = 0;
  sc_core::sc_time last_completion_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_event completion_;
};

}  // namespace lumen
