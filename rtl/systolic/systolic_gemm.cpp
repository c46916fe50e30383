#include "rtl/systolic/systolic_gemm.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace lumen {
namespace {

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}

// One fold's operands, as functions of the array row/column and the streamed step.
struct Fold {
  bool output_stationary = false;
  std::uint64_t t_len = 0;
  std::function<std::int8_t(std::uint32_t r, std::uint32_t j)> weight;  // ws: preloaded
  std::function<std::int8_t(std::uint64_t t, std::uint32_t i)> a;       // a_col element i, step t
  std::function<std::int8_t(std::uint64_t t, std::uint32_t j)> b;       // os: w_row element j
  std::function<void(std::uint64_t row, const std::int32_t* values)> out;
};

std::uint64_t run_fold(SystolicArrayRtl& rtl, const Fold& f,
                       const std::function<void()>& each_cycle) {
  const std::uint32_t R = rtl.rows(), C = rtl.cols();
  std::vector<std::int8_t> w(C), x(R);
  std::vector<std::int32_t> row(C);
  const std::uint64_t limit = 2ULL * R + C + f.t_len + 16;  // generous; the contract says D
  std::uint64_t edge = 0, out_rows = 0;
  while (true) {
    // Inputs for this edge (zeros outside their windows).
    std::fill(w.begin(), w.end(), 0);
    std::fill(x.begin(), x.end(), 0);
    if (f.output_stationary) {
      if (edge < f.t_len) {
        for (std::uint32_t i = 0; i < R; ++i) x[i] = f.a(edge, i);
        for (std::uint32_t j = 0; j < C; ++j) w[j] = f.b(edge, j);
      }
    } else {
      if (edge < R)
        for (std::uint32_t j = 0; j < C; ++j) w[j] = f.weight(static_cast<std::uint32_t>(edge), j);
      if (edge >= R && edge < R + f.t_len)
        for (std::uint32_t i = 0; i < R; ++i) x[i] = f.a(edge - R, i);
    }
    rtl.set_control(edge == 0, f.output_stationary, static_cast<std::uint32_t>(f.t_len));
    rtl.set_w_row(w.data());
    rtl.set_a_col(x.data());
    rtl.tick();
    ++edge;
    each_cycle();
    // Outputs belonging to the edge just reached.
    if (rtl.c_valid()) {
      rtl.c_row(row.data());
      if (f.out) f.out(out_rows, row.data());
      ++out_rows;
    }
    if (rtl.done()) return edge;
    if (edge > limit)
      throw std::runtime_error(
          "RTL systolic array did not finish a fold of T=" + std::to_string(f.t_len) + " within " +
          std::to_string(limit) + " cycles");
  }
}

std::int8_t at(const std::int8_t* m, std::uint64_t rows, std::uint64_t cols, std::uint64_t r,
               std::uint64_t c) {
  return (m && r < rows && c < cols) ? m[r * cols + c] : std::int8_t{0};
}

void add(std::int32_t* c, std::uint64_t rows, std::uint64_t cols, std::uint64_t r,
         std::uint64_t col, std::int32_t v) {
  if (!c || r >= rows || col >= cols) return;
  std::int32_t& dst = c[r * cols + col];
  dst = static_cast<std::int32_t>(static_cast<std::uint32_t>(dst) + static_cast<std::uint32_t>(v));
}

}  // namespace

std::uint64_t run_gemm_on_rtl(SystolicArrayRtl& rtl, Dataflow dataflow, GemmShape g,
                              const std::int8_t* a, const std::int8_t* b, std::int32_t* c,
                              const std::function<void()>& each_cycle) {
  const std::uint64_t R = rtl.rows(), C = rtl.cols(), m = g.m, n = g.n, k = g.k;
  std::uint64_t cycles = 0;
  Fold f;
  switch (dataflow) {
    case Dataflow::kWeightStationary:  // rows K, columns N, streamed M
      f.t_len = m;
      for (std::uint64_t kr = 0; kr < ceil_div(k, R); ++kr) {
        for (std::uint64_t nc = 0; nc < ceil_div(n, C); ++nc) {
          f.weight = [&](std::uint32_t r, std::uint32_t j) {
            return at(b, k, n, kr * R + r, nc * C + j);
          };
          f.a = [&](std::uint64_t t, std::uint32_t i) { return at(a, m, k, t, kr * R + i); };
          f.out = [&](std::uint64_t t, const std::int32_t* v) {
            for (std::uint64_t j = 0; j < C; ++j) add(c, m, n, t, nc * C + j, v[j]);
          };
          cycles += run_fold(rtl, f, each_cycle);
        }
      }
      break;
    case Dataflow::kInputStationary:  // rows K, columns M, streamed N: ws on Cᵀ = Bᵀ·Aᵀ
      f.t_len = n;
      for (std::uint64_t kr = 0; kr < ceil_div(k, R); ++kr) {
        for (std::uint64_t mc = 0; mc < ceil_div(m, C); ++mc) {
          f.weight = [&](std::uint32_t r, std::uint32_t j) {
            return at(a, m, k, mc * C + j, kr * R + r);
          };
          f.a = [&](std::uint64_t t, std::uint32_t i) { return at(b, k, n, kr * R + i, t); };
          f.out = [&](std::uint64_t t, const std::int32_t* v) {
            for (std::uint64_t j = 0; j < C; ++j) add(c, m, n, mc * C + j, t, v[j]);
          };
          cycles += run_fold(rtl, f, each_cycle);
        }
      }
      break;
    case Dataflow::kOutputStationary:  // rows M, columns N, streamed K
      f.output_stationary = true;
      f.t_len = k;
      for (std::uint64_t mr = 0; mr < ceil_div(m, R); ++mr) {
        for (std::uint64_t nc = 0; nc < ceil_div(n, C); ++nc) {
          f.a = [&](std::uint64_t t, std::uint32_t i) { return at(a, m, k, mr * R + i, t); };
          f.b = [&](std::uint64_t t, std::uint32_t j) { return at(b, k, n, t, nc * C + j); };
          f.out = [&](std::uint64_t i, const std::int32_t* v) {
            for (std::uint64_t j = 0; j < C; ++j) add(c, m, n, mr * R + i, nc * C + j, v[j]);
          };
          cycles += run_fold(rtl, f, each_cycle);
        }
      }
      break;
  }
  return cycles;
}

}  // namespace lumen
