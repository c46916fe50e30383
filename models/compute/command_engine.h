// Base of every tile engine (DMA channel, matrix engine, vector engine, sync unit): an SC_THREAD
// that takes its commands in program order, waits for each command's dependencies, executes it
// (consuming simulated time), records it on the trace, and marks it complete. An engine whose
// commands overlap (a DMA channel issues the next command's bursts while the previous one's are
// still in flight) defers completion and calls finish() itself when the command is done; busy
// time is then the union of the commands' intervals.
#pragma once

#include <deque>
#include <string>

#include <systemc>

#include "core/stats.h"
#include "core/trace.h"
#include "models/compute/tile_controller.h"

namespace lumen {

class CommandEngine : public sc_core::sc_module {
 public:
  // `stack_bytes` sizes the engine's SystemC thread (0: the kernel's default); engines that call
  // deep code from their thread, such as a Verilated model's eval(), need more.
  CommandEngine(const sc_core::sc_module_name& name, TileController& controller,
                TraceRecorder* trace, std::size_t stack_bytes = 0);

  void enqueue(const Command* command);

  // What the engine is doing, for deadlock reports; empty when it has nothing left to do.
  std::string pending_state() const;

  // Adds this engine's statistics (busy time, commands) and its own.
  virtual void collect(StatsCollector& stats, double total_ns) const;

 protected:
  virtual void execute(const Command& command) = 0;
  // Called from execute(): the command completes later, when the engine calls finish().
  void defer_completion() { deferred_ = true; }
  // Marks a command complete now; `start` is when its execution began.
  void finish(const Command& command, sc_core::sc_time start);
  virtual void collect_own(StatsCollector&, double) const {}

  double busy_ns() const { return busy_ns_; }

 private:
  void run();

  TileController& controller_;
  TraceRecorder* trace_;
  std::deque<const Command*> queue_;
  sc_core::sc_event enqueued_;
  const Command* current_ = nullptr;
  bool waiting_for_deps_ = false;
  bool deferred_ = false;
  sc_core::sc_time last_end_ = sc_core::SC_ZERO_TIME;
  std::uint64_t commands_done_ = 0;
  double busy_ns_ = 0;
};

}  // namespace lumen
