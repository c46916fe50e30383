// Matrix engine: an R×C systolic array running GEMM commands. Each command takes
// matrix_command_cycles(...) cycles of the tile clock (equations in systolic_timing.h, with the
// rate of the dtype the MACs run in, mac_dtype(A, B)); operands stream from dedicated scratchpad
// ports at the array's rate, as in SCALE-Sim, so they do not contend with DMA for the banks.
//
// Functional mode: the engine also computes C (+)= A·B on the scratchpad contents: A (m×k) at
// spm_a in `dtype` and B (k×n) at spm_b in `weight_dtype`, row-major; accumulators (m×n, int32 or
// fp32) at spm_c, summed in K order as the array's partial sums flow; on a command's `last_k` they
// are rounded to `out_dtype` and packed row-major at spm_c. Integer accumulators saturate.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>

#include "models/compute/command_engine.h"
#include "models/compute/dtype.h"

namespace lumen {

enum class MatrixImpl { kTlm, kRtl };

struct MatrixParams {
  ArrayShape array{32, 32};
  Dataflow dataflow = Dataflow::kWeightStationary;
  DType dtype = DType::kBf16;  // what the array is built for (its PE area and energy)
  SystolicTiming timing = SystolicTiming::kRtl;
  MatrixImpl impl = MatrixImpl::kTlm;  // rtl: the Verilated array in rtl/ (built by platforms/)
  // MACs per PE per cycle for each operand dtype (1 when the config does not say).
  std::array<double, kDTypeCount> rate{1, 1, 1, 1, 1, 1, 1};
};

// MACs per PE per cycle for a command: the rate of mac_dtype(A, B).
double matrix_rate(const MatrixParams& params, const Command& command);

// Cycles of one GEMM command on this array.
std::uint64_t matrix_command_cycles(const MatrixParams& params, const Command& command);

class MatrixEngine;

// Builds the matrix engine of a tile: the TLM model here, or the RTL transactor (rtl/), chosen
// by the platform builder from /chip/tile/matrix/impl.
using MatrixEngineFactory = std::function<std::unique_ptr<MatrixEngine>(
    const char* name, const MatrixParams& params, double clock_hz, bool functional,
    TileController& controller, TraceRecorder* trace)>;

MatrixEngineFactory tlm_matrix_engine_factory();

class MatrixEngine : public CommandEngine {
 public:
  tlm_utils::simple_initiator_socket<MatrixEngine> scratchpad_socket;  // functional data only

  MatrixEngine(const sc_core::sc_module_name& name, const MatrixParams& params, double clock_hz,
               bool functional, TileController& controller, TraceRecorder* trace,
               std::size_t stack_bytes = 0);

  std::uint64_t compute_cycles() const { return cycles_; }
  std::uint64_t macs() const { return macs_; }

 protected:
  void execute(const Command& command) override;
  void collect_own(StatsCollector& stats, double total_ns) const override;

  // Runs one GEMM command (values in functional mode), consuming its simulated time; returns
  // its cycles. The TLM model waits the equation's cycles; the RTL transactor clocks the array.
  virtual std::uint64_t perform(const Command& command);

  // Functional mode: a command's accumulators (zeros unless it adds onto earlier K blocks), and
  // their write-back (int32/fp32, or rounded to out_dtype on the command's last K block).
  std::vector<double> read_accumulators(const Command& command);
  void write_accumulators(const Command& command, const std::vector<double>& acc);

  const MatrixParams& params() const { return params_; }
  double clock_hz() const { return clock_hz_; }
  bool functional() const { return functional_; }

 private:
  void compute(const Command& command);

  MatrixParams params_;
  double clock_hz_;
  bool functional_;
  std::uint64_t cycles_ = 0;
  std::uint64_t macs_ = 0;
  std::uint64_t folds_ = 0;
  double mac_slots_ = 0;  // Σ cycles · R · C · rate
  std::array<std::uint64_t, kDTypeCount> macs_by_dtype_{};
  std::uint64_t spm_read_bytes_ = 0, spm_write_bytes_ = 0;
};

}  // namespace lumen
