#include "models/compute/systolic_timing.h"

#include <cmath>

namespace lumen {
namespace {
std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}
}  // namespace

SystolicMapping systolic_mapping(ArrayShape array, Dataflow dataflow, GemmShape gemm) {
  SystolicMapping map{};
  switch (dataflow) {
    case Dataflow::kOutputStationary:
      map = {gemm.m, gemm.n, gemm.k, 0, 0};
      break;
    case Dataflow::kWeightStationary:
      map = {gemm.k, gemm.n, gemm.m, 0, 0};
      break;
    case Dataflow::kInputStationary:
      map = {gemm.k, gemm.m, gemm.n, 0, 0};
      break;
  }
  map.row_folds = ceil_div(map.row_dim, array.rows);
  map.col_folds = ceil_div(map.col_dim, array.cols);
  return map;
}

std::uint64_t systolic_cycles_per_fold(ArrayShape array, Dataflow dataflow, SystolicTiming timing,
                                       std::uint64_t streamed) {
  const std::uint64_t r = array.rows, c = array.cols;
  const bool scalesim_os =
      timing == SystolicTiming::kScaleSim && dataflow == Dataflow::kOutputStationary;
  return scalesim_os ? r + c + streamed - 2 : 2 * r + c + streamed - 2;
}

std::uint64_t streamed_cycles(std::uint64_t streamed, double rate) {
  if (rate == 1.0) return streamed;
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(streamed) / rate));
}

std::uint64_t systolic_cycles(ArrayShape array, Dataflow dataflow, SystolicTiming timing,
                              GemmShape gemm, bool layer_start, double rate) {
  const SystolicMapping map = systolic_mapping(array, dataflow, gemm);
  const std::uint64_t cycles =
      map.folds() *
      systolic_cycles_per_fold(array, dataflow, timing, streamed_cycles(map.streamed, rate));
  const bool last_cycle_index = timing == SystolicTiming::kScaleSim && layer_start;
  return last_cycle_index ? cycles - 1 : cycles;
}

SystolicTraffic systolic_traffic(ArrayShape array, Dataflow dataflow, GemmShape gemm,
                                 bool accumulate) {
  const SystolicMapping map = systolic_mapping(array, dataflow, gemm);
  SystolicTraffic t{};
  if (dataflow == Dataflow::kOutputStationary) {
    t.a_reads = map.row_dim * map.streamed * map.col_folds;  // from the left edge
    t.b_reads = map.col_dim * map.streamed * map.row_folds;  // from the top edge
    t.accumulator_writes = map.row_dim * map.col_dim;
    t.accumulator_reads = accumulate ? t.accumulator_writes : 0;
  } else {
    const std::uint64_t outputs = map.streamed * map.col_dim;
    const std::uint64_t stationary = map.row_dim * map.col_dim;
    const std::uint64_t streamed = map.streamed * map.row_dim * map.col_folds;
    const bool ws = dataflow == Dataflow::kWeightStationary;  // B stationary; is: A stationary
    t.a_reads = ws ? streamed : stationary;
    t.b_reads = ws ? stationary : streamed;
    t.accumulator_writes = outputs * map.row_folds;
    t.accumulator_reads = outputs * (map.row_folds - 1 + (accumulate ? 1 : 0));
  }
  return t;
}

const char* dataflow_name(Dataflow dataflow) {
  switch (dataflow) {
    case Dataflow::kWeightStationary:
      return "ws";
    case Dataflow::kOutputStationary:
      return "os";
    case Dataflow::kInputStationary:
      return "is";
  }
  return "?";
}

std::optional<Dataflow> dataflow_from_name(const std::string& name) {
  if (name == "ws") return Dataflow::kWeightStationary;
  if (name == "os") return Dataflow::kOutputStationary;
  if (name == "is") return Dataflow::kInputStationary;
  return std::nullopt;
}

const char* timing_name(SystolicTiming timing) {
  return timing == SystolicTiming::kRtl ? "rtl" : "scalesim";
}

std::optional<SystolicTiming> timing_from_name(const std::string& name) {
  if (name == "rtl") return SystolicTiming::kRtl;
  if (name == "scalesim") return SystolicTiming::kScaleSim;
  return std::nullopt;
}

}  // namespace lumen
