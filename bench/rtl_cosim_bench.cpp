// RTL co-simulation speed: the Verilated systolic array running a GEMM fold by fold (clock
// edges per second, one counter per array size), against the TLM model of the same GEMM
// (its cycle equation, and functional mode's plain-loop values). The end-to-end speed-up of a
// whole `lumen run` is bench/rtl_speedup.sh.
#include <vector>

#include <benchmark/benchmark.h>

#include "rtl/systolic/systolic_gemm.h"

namespace {

using namespace lumen;

GemmShape shape_for(std::uint32_t size) {
  return {8ULL * size, 2ULL * size, 2ULL * size};  // 4 folds, T = 8·size
}

void BM_RtlSystolicGemm(benchmark::State& state) {
  const auto size = static_cast<std::uint32_t>(state.range(0));
  auto rtl = make_systolic_rtl(size, size);
  const GemmShape g = shape_for(size);
  std::vector<std::int8_t> a(g.m * g.k, 3), b(g.k * g.n, -2);
  std::vector<std::int32_t> c(g.m * g.n);
  std::uint64_t cycles = 0;
  for (auto _ : state)
    cycles +=
        run_gemm_on_rtl(*rtl, Dataflow::kWeightStationary, g, a.data(), b.data(), c.data(), [] {});
  state.counters["cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
  state.counters["pe_cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles) * size * size, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RtlSystolicGemm)->Arg(4)->Arg(8)->Arg(16)->Arg(32)->Unit(benchmark::kMillisecond);

void BM_TlmSystolicEquation(benchmark::State& state) {
  const auto size = static_cast<std::uint32_t>(state.range(0));
  const GemmShape g = shape_for(size);
  std::uint64_t cycles = 0;
  for (auto _ : state) {
    cycles += systolic_cycles({size, size}, Dataflow::kWeightStationary, SystolicTiming::kRtl, g);
    benchmark::DoNotOptimize(cycles);
  }
  state.counters["cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TlmSystolicEquation)->Arg(4)->Arg(32);

// Functional-mode values of the same GEMM by the TLM engine's method (plain loops, int32).
void BM_TlmFunctionalGemm(benchmark::State& state) {
  const auto size = static_cast<std::uint32_t>(state.range(0));
  const GemmShape g = shape_for(size);
  std::vector<std::int8_t> a(g.m * g.k, 3), b(g.k * g.n, -2);
  std::vector<std::int32_t> c(g.m * g.n);
  for (auto _ : state) {
    for (std::uint64_t i = 0; i < g.m; ++i)
      for (std::uint64_t j = 0; j < g.n; ++j) {
        std::int32_t sum = 0;
        for (std::uint64_t p = 0; p < g.k; ++p) sum += a[i * g.k + p] * b[p * g.n + j];
        c[i * g.n + j] = sum;
      }
    benchmark::DoNotOptimize(c.data());
  }
  const std::uint64_t cycles =
      systolic_cycles({size, size}, Dataflow::kWeightStationary, SystolicTiming::kRtl, g);
  state.counters["cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TlmFunctionalGemm)->Arg(4)->Arg(32)->Unit(benchmark::kMicrosecond);

}  // namespace
