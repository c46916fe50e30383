// Speed of the NoC core: simulated cycles per second of wall time for an 8×8 mesh under uniform
// random traffic below saturation, flit and packet granularity (the peer comparison is
// bench/booksim_ratio.sh).
#include <benchmark/benchmark.h>

#include "models/interconnect/noc_traffic.h"

namespace lumen {
namespace {

void NocMesh8x8Uniform(benchmark::State& state) {
  NocParams p;
  p.rows = p.cols = 8;
  p.buffer_flits = 8;
  p.granularity = state.range(0) ? NocGranularity::kPacket : NocGranularity::kFlit;
  NocTrafficParams t;
  t.rate = 0.3;
  t.packet_flits = 4;
  t.warmup_cycles = 2000;
  t.measure_cycles = 10000;
  std::uint64_t cycles = 0, flits = 0;
  for (auto _ : state) {
    const NocTrafficResult r = run_noc_traffic(p, t);
    benchmark::DoNotOptimize(r.latency_avg_cycles);
    cycles += t.warmup_cycles + t.measure_cycles;
    flits += static_cast<std::uint64_t>(r.accepted * 64 * t.measure_cycles);
  }
  state.counters["cycles_per_s"] =
      benchmark::Counter(static_cast<double>(cycles), benchmark::Counter::kIsRate);
  state.counters["flits_per_s"] =
      benchmark::Counter(static_cast<double>(flits), benchmark::Counter::kIsRate);
  state.SetLabel(state.range(0) ? "packet granularity" : "flit granularity");
}
BENCHMARK(NocMesh8x8Uniform)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace lumen
