// Runs barrier commands: the tile waits at the chip's BarrierHub.
#pragma once

#include "models/compute/barrier_hub.h"
#include "models/compute/command_engine.h"

namespace lumen {

class SyncEngine : public CommandEngine {
 public:
  SyncEngine(const sc_core::sc_module_name& name, BarrierHub& hub, TileController& controller,
             TraceRecorder* trace)
      : CommandEngine(name, controller, trace), hub_(hub) {}

 protected:
  void execute(const Command& command) override {
    hub_.arrive(command.barrier, command.participants);
  }

 private:
  BarrierHub& hub_;
};

}  // namespace lumen
