// Functional mode end to end, in process (one simulation per test): seeded inputs go through
// the lowering's blocks, DMA, scratchpad, matrix and vector engines, and the outputs read back
// must equal plain-loop references: exactly for GEMMs (same accumulation order and rounding),
// within the fp32 datapath's rounding for vector kernels.
#include <cmath>
#include <fstream>

#include <gtest/gtest.h>

#include "explore/run_point.h"
#include "support/reference.h"

namespace lumen {
namespace {
namespace fs = std::filesystem;

// 8x8 array; a 4 KiB scratchpad forces K blocks (accumulation) and streamed splits.
std::string platform(const std::string& dataflow, int tiles, const std::string& spm) {
  return R"({"chip": {"clock": "1 GHz", "tiles": {"rows": 1, "cols": )" + std::to_string(tiles) +
         R"(},
    "tile": {"matrix": {"rows": 8, "cols": 8, "dataflow": ")" +
         dataflow + R"("},
             "vector": {"lanes": 4},
             "scratchpad": {"size": ")" +
         spm + R"("},
             "dma": {"burst": "256 B", "outstanding": 4, "bandwidth": "16 GB/s"}},
    "memory": {"kind": "simple", "latency": "50 ns", "bandwidth": "32 GB/s"}}})";
}

RunResult run(const std::string& name, const std::string& platform_text,
              const std::string& scenario_text) {
  const fs::path dir = fs::temp_directory_path() / ("lumen_functional_" + name);
  fs::create_directories(dir);
  std::ofstream(dir / "p.json") << platform_text;
  std::ofstream(dir / "s.json") << scenario_text;
  RunRequest request;
  request.platform = dir / "p.json";
  request.scenario = dir / "s.json";
  return run_point(request);
}

const FunctionalTensor& tensor(const RunResult& r, const std::string& name) {
  for (const auto& t : r.tensors)
    if (t.info.name == name) return t;
  throw std::runtime_error("no tensor " + name);
}

struct GemmCase {
  std::string name, dataflow, dtype, weight_dtype, out_dtype;
  int tiles;
  std::string spm;
  std::uint64_t m, n, k;
};

class FunctionalGemm : public ::testing::TestWithParam<GemmCase> {};

TEST_P(FunctionalGemm, OutputsEqualThePlainLoopReference) {
  const GemmCase c = GetParam();
  const std::string scenario = R"({"kind": "gemm", "name": "g", "mode": "functional", "seed": 7,
      "m": )" + std::to_string(c.m) +
                               ", \"n\": " + std::to_string(c.n) +
                               ", \"k\": " + std::to_string(c.k) + ", \"dtype\": \"" + c.dtype +
                               "\", \"weight_dtype\": \"" + c.weight_dtype +
                               "\", \"out_dtype\": \"" + c.out_dtype + "\"}";
  const RunResult r = run(c.name, platform(c.dataflow, c.tiles, c.spm), scenario);
  const auto& a = tensor(r, "g.A");
  const auto& b = tensor(r, "g.B");
  const auto& out = tensor(r, "g.C");
  const auto expected = test::gemm_reference(a.values, b.values, c.m, c.n, c.k, a.info.dtype,
                                             b.info.dtype, out.info.dtype);
  ASSERT_EQ(out.values.size(), expected.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (out.values[i] != expected[i] && mismatches++ < 5)
      ADD_FAILURE() << "C[" << i / c.n << "," << i % c.n << "] = " << out.values[i]
                    << ", reference " << expected[i];
  EXPECT_EQ(mismatches, 0u);
  // Inputs were not all zero, and neither are the outputs.
  double sum = 0;
  for (double v : out.values) sum += std::fabs(v);
  EXPECT_GT(sum, 0);
  EXPECT_GT(r.metrics["total_ns"].get<double>(), 0);
}

TEST(FunctionalBatch, EveryBatchItemEqualsItsPlainLoopReference) {
  // Three independent GEMMs over two tiles (groups take items in turn), stacked in the tensors.
  const std::uint64_t m = 12, n = 20, k = 24, batch = 3;
  const RunResult r = run("batch", platform("ws", 2, "4 KiB"),
                          R"({"kind": "gemm", "name": "g", "mode": "functional", "seed": 3,
                              "m": 12, "n": 20, "k": 24, "batch": 3, "dtype": "bf16"})");
  const auto& a = tensor(r, "g.A");
  const auto& b = tensor(r, "g.B");
  const auto& out = tensor(r, "g.C");
  ASSERT_EQ(out.values.size(), batch * m * n);
  EXPECT_EQ(r.workload.macs, batch * m * n * k);
  for (std::uint64_t item = 0; item < batch; ++item) {
    const std::vector<double> a_item(a.values.begin() + item * m * k,
                                     a.values.begin() + (item + 1) * m * k);
    const std::vector<double> b_item(b.values.begin() + item * k * n,
                                     b.values.begin() + (item + 1) * k * n);
    const auto expected =
        test::gemm_reference(a_item, b_item, m, n, k, a.info.dtype, b.info.dtype, out.info.dtype);
    for (std::uint64_t i = 0; i < m * n; ++i)
      ASSERT_EQ(out.values[item * m * n + i], expected[i]) << "item " << item << " element " << i;
  }
  EXPECT_EQ(r.workload.layers[0].partition.b, 2u);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, FunctionalGemm,
    ::testing::Values(
        GemmCase{"ws_int8_two_tiles_k_split", "ws", "int8", "int8", "int32", 2, "4 KiB", 37, 45,
                 70},
        GemmCase{"os_bf16_fp32", "os", "bf16", "bf16", "fp32", 1, "8 KiB", 33, 17, 29},
        GemmCase{"is_fp16_three_tiles", "is", "fp16", "fp16", "fp16", 3, "4 KiB", 20, 50, 19},
        GemmCase{"ws_fp8_m1", "ws", "fp8", "fp8", "bf16", 1, "4 KiB", 1, 40, 24},
        GemmCase{"os_int4_int32", "os", "int4", "int4", "int32", 2, "2 KiB", 19, 23, 31},
        GemmCase{"ws_fp32_one_block", "ws", "fp32", "fp32", "fp32", 1, "64 KiB", 8, 8, 8},
        GemmCase{"ws_w4a16", "ws", "bf16", "int4", "fp32", 2, "4 KiB", 21, 30, 44},
        GemmCase{"is_w4a8", "is", "int8", "int4", "int32", 1, "4 KiB", 17, 9, 50}),
    [](const auto& info) { return info.param.name; });

// Relative tolerance of a result rounded to `t`: two of its ulps, plus the fp32 datapath's.
double tolerance(DType t, double reference) {
  const double ulp = t == DType::kBf16   ? std::ldexp(1, -7)
                     : t == DType::kFp16 ? std::ldexp(1, -10)
                                         : std::ldexp(1, -20);
  return 2 * ulp * std::max(1.0, std::fabs(reference)) + 1e-6;
}

struct VectorCase {
  std::string kernel, dtype, out_dtype;
  std::uint64_t rows, cols;
};

class FunctionalVector : public ::testing::TestWithParam<VectorCase> {};

TEST_P(FunctionalVector, OutputsMatchTheTextbookDefinition) {
  const VectorCase c = GetParam();
  const std::string scenario = R"({"kind": "vector", "name": "v", "mode": "functional",
      "op": ")" + c.kernel +
                               "\", \"rows\": " + std::to_string(c.rows) +
                               ", \"cols\": " + std::to_string(c.cols) + ", \"dtype\": \"" +
                               c.dtype + "\", \"out_dtype\": \"" + c.out_dtype + "\"}";
  const RunResult r = run("v_" + c.kernel, platform("ws", 2, "4 KiB"), scenario);
  const VectorKernel kernel = *kernel_from_name(c.kernel);
  const auto& x = tensor(r, "v.X");
  const auto& out = tensor(r, "v.out");
  std::vector<double> no_y(c.cols);
  for (std::uint64_t row = 0; row < c.rows; ++row) {
    const auto begin = x.values.begin() + static_cast<std::ptrdiff_t>(row * c.cols);
    const std::vector<double> xs(begin, begin + static_cast<std::ptrdiff_t>(c.cols));
    std::vector<double> ys = no_y;
    if (kernel_has_second_operand(kernel)) {
      const auto& y = tensor(r, "v.Y");
      const auto yb = y.values.begin() + static_cast<std::ptrdiff_t>(row * c.cols);
      ys.assign(yb, yb + static_cast<std::ptrdiff_t>(c.cols));
    }
    const auto expected = test::kernel_reference(kernel, xs, ys);
    for (std::uint64_t col = 0; col < c.cols; ++col) {
      const double want = round_to(out.info.dtype, expected[col]);
      const double got = out.values[row * c.cols + col];
      const double tol = dtype_is_integer(out.info.dtype) ? 1.0 : tolerance(out.info.dtype, want);
      ASSERT_NEAR(got, want, tol) << c.kernel << " row " << row << " col " << col;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, FunctionalVector,
                         ::testing::Values(VectorCase{"softmax", "fp32", "fp32", 6, 37},
                                           VectorCase{"layernorm", "fp32", "fp32", 5, 64},
                                           VectorCase{"rmsnorm", "bf16", "bf16", 7, 48},
                                           VectorCase{"gelu", "fp32", "fp32", 9, 33},
                                           VectorCase{"silu", "bf16", "bf16", 4, 40},
                                           VectorCase{"rotary", "fp32", "fp32", 6, 32},
                                           VectorCase{"residual_add", "fp16", "fp16", 8, 30},
                                           VectorCase{"relu", "bf16", "bf16", 3, 17},
                                           VectorCase{"quantize", "bf16", "int8", 5, 20},
                                           VectorCase{"dequantize", "int8", "bf16", 5, 20}),
                         [](const auto& info) { return info.param.kernel; });

// The fused MLP epilogue: C = gelu(round_bf16(A·B)), computed in the scratchpad.
TEST(FunctionalEpilogue, GeluOnEachOutputBlockMatchesReference) {
  const RunResult r = run("epilogue", platform("ws", 2, "4 KiB"),
                          R"({"kind": "gemm", "name": "g", "mode": "functional", "m": 12,
                              "n": 20, "k": 16, "dtype": "bf16", "epilogue": "gelu"})");
  const auto& a = tensor(r, "g.A");
  const auto& b = tensor(r, "g.B");
  const auto& out = tensor(r, "g.C");
  const auto c = test::gemm_reference(a.values, b.values, 12, 20, 16, DType::kBf16, DType::kBf16,
                                      DType::kBf16);
  const auto expected = test::kernel_reference(VectorKernel::kGelu, c, c);
  for (std::size_t i = 0; i < c.size(); ++i) {
    const double want = round_to(DType::kBf16, expected[i]);
    EXPECT_NEAR(out.values[i], want, tolerance(DType::kBf16, want)) << i;
  }
}

}  // namespace
}  // namespace lumen
