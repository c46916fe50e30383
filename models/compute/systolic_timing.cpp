#include "models/compute/systolic_timing.h"

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

std::uint64_t systolic_cycles(ArrayShape array, Dataflow dataflow, SystolicTiming timing,
                              GemmShape gemm, bool layer_start) {
  const SystolicMapping map = systolic_mapping(array, dataflow, gemm);
  const std::uint64_t cycles =
      map.folds() * systolic_cycles_per_fold(array, dataflow, timing, map.streamed);
  const bool last_cycle_index = timing == SystolicTiming::kScaleSim && layer_start;
  return last_cycle_index ? cycles - 1 : cycles;
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
