#include "rtl/cosim/systolic_cosim.h"

#include <chrono>
#include <stdexcept>
#include <vector>

#include "core/split_mix.h"
#include "rtl/systolic/systolic_gemm.h"

namespace lumen {
namespace {

std::string sizes_built() {
  std::string list;
  for (const auto& s : systolic_rtl_sizes())
    list += (list.empty() ? "" : ", ") + std::to_string(s.rows) + "x" + std::to_string(s.cols);
  return list;
}

}  // namespace

SystolicCosimResult cosim_systolic(ArrayShape array, Dataflow dataflow, GemmShape g,
                                   std::uint64_t seed, const std::string& vcd_path) {
  auto rtl = make_systolic_rtl(array.rows, array.cols);
  if (!rtl)
    throw std::invalid_argument("no Verilated " + std::to_string(array.rows) + "x" +
                                std::to_string(array.cols) +
                                " systolic array (built: " + sizes_built() + ")");
  if (!vcd_path.empty()) rtl->open_vcd(vcd_path);
  SplitMix64 rng(seed);  // the same operands on every platform for a given seed
  std::vector<std::int8_t> a(g.m * g.k), b(g.k * g.n);
  for (auto& v : a) v = static_cast<std::int8_t>(rng.next());
  for (auto& v : b) v = static_cast<std::int8_t>(rng.next());

  SystolicCosimResult result;
  result.tlm_cycles = systolic_cycles(array, dataflow, SystolicTiming::kRtl, g);
  std::vector<std::int32_t> c(g.m * g.n, 0);
  const auto start = std::chrono::steady_clock::now();
  result.rtl_cycles = run_gemm_on_rtl(*rtl, dataflow, g, a.data(), b.data(), c.data(), [] {});
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (std::uint64_t i = 0; i < g.m && result.first_mismatch.empty(); ++i) {
    for (std::uint64_t j = 0; j < g.n; ++j) {
      std::int64_t want = 0;
      for (std::uint64_t p = 0; p < g.k; ++p)
        want += static_cast<std::int64_t>(a[i * g.k + p]) * b[p * g.n + j];
      const auto wrapped = static_cast<std::int32_t>(static_cast<std::uint32_t>(want));
      ++result.values_checked;
      if (c[i * g.n + j] != wrapped) {
        result.first_mismatch = "C[" + std::to_string(i) + "][" + std::to_string(j) + "]: rtl " +
                                std::to_string(c[i * g.n + j]) + ", reference " +
                                std::to_string(wrapped);
        break;
      }
    }
  }
  return result;
}

}  // namespace lumen
