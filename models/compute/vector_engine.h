// Vector engine: an L-lane SIMD unit running vector kernel commands (softmax, norms,
// activations, rotary, residual add, (de)quantisation). A command takes vector_cycles(...)
// cycles (equations in vector_ops.h); operands stream from a dedicated scratchpad port.
// Functional mode computes the kernel's values (vector_functional.h): input at spm_a (and
// spm_b), result at spm_c.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>

#include <functional>
#include <memory>

#include "models/compute/command_engine.h"
#include "models/compute/vector_ops.h"

namespace lumen {

class VectorEngine;
// Builds the vector engine of a tile: the TLM model here, or the RTL transactor (rtl/), chosen
// by the platform builder from /chip/tile/vector/impl.
using VectorEngineFactory = std::function<std::unique_ptr<VectorEngine>(
    const char* name, const VectorParams& params, double clock_hz, bool functional,
    TileController& controller, TraceRecorder* trace)>;
VectorEngineFactory tlm_vector_engine_factory();

class VectorEngine : public CommandEngine {
 public:
  tlm_utils::simple_initiator_socket<VectorEngine> scratchpad_socket;  // functional data only

  VectorEngine(const sc_core::sc_module_name& name, const VectorParams& params, double clock_hz,
               bool functional, TileController& controller, TraceRecorder* trace);

 protected:
  void execute(const Command& command) override;
  void collect_own(StatsCollector& stats, double total_ns) const override;
  // Counts the command's cycles, element operations and scratchpad bytes.
  void account(const Command& command, std::uint64_t cycles);

 private:
  void compute(const Command& command);

 protected:
  VectorParams params_;
  double clock_hz_;
  bool functional_;
  std::uint64_t cycles_ = 0;
  std::array<std::uint64_t, kDTypeCount> element_ops_{};
  std::uint64_t spm_read_bytes_ = 0, spm_write_bytes_ = 0;
};

}  // namespace lumen
