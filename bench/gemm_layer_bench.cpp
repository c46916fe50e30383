// Cost of modelling one GEMM layer. SystemC allows one elaboration per process, so the whole
// simulation is measured as a `lumen run` subprocess (BM_LumenRunProcess, manual time), and the
// in-process part (lowering + timing equations) separately (BM_LowerGemmLayer).
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include <benchmark/benchmark.h>

#include "core/source_map.h"
#include "models/compute/systolic_timing.h"
#include "workloads/gemm_lowering.h"

namespace {

using namespace lumen;

ChipParams bench_chip(std::uint32_t array, Dataflow dataflow) {
  ChipParams chip;
  chip.tile.matrix.array = {array, array};
  chip.tile.matrix.dataflow = dataflow;
  chip.tile.scratchpad.size_bytes = 512 * 1024;
  return chip;
}

void BM_LowerGemmLayer(benchmark::State& state) {
  const auto size = static_cast<std::uint64_t>(state.range(0));
  const ChipParams chip = bench_chip(32, Dataflow::kWeightStationary);
  const SourceMap sources;
  std::size_t commands = 0;
  for (auto _ : state) {
    const Workload w = lower_gemm_layers(
        {make_gemm_layer("layer", {size, size, size}, DType::kBf16)}, chip, sources);
    commands = w.programs[0].commands.size();
    benchmark::DoNotOptimize(w.macs);
  }
  state.counters["commands"] = static_cast<double>(commands);
}
BENCHMARK(BM_LowerGemmLayer)->Arg(128)->Arg(512)->Arg(2048);

void BM_SystolicEquation(benchmark::State& state) {
  std::uint64_t m = 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(systolic_cycles({128, 128}, Dataflow::kOutputStationary,
                                             SystolicTiming::kRtl, {m, 4096, 4096}));
    m = m % 512 + 1;
  }
}
BENCHMARK(BM_SystolicEquation);

// The whole `lumen run` of one layer (process start, load, validate, elaborate, simulate, report).
void BM_LumenRunProcess(benchmark::State& state) {
  const std::string size = std::to_string(state.range(0));
  const std::string command =
      std::string("cd ") + LUMEN_SOURCE_DIR + " && " + LUMEN_BINARY +
      " run configs/single-tile.json scenarios/gemm.json -o /tmp/lumen_bench_run"
      " --set /scenario/m=" +
      size + " --set /scenario/n=" + size + " --set /scenario/k=" + size + " > /dev/null";
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (status != 0) state.SkipWithError("lumen run failed");
  }
}
BENCHMARK(BM_LumenRunProcess)->Arg(256)->Arg(1024)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
