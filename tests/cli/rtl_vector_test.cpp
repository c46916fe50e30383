// The Verilated SIMD core swapped in as the tile's vector unit (vector/impl=rtl): its cycles
// equal the TLM engine's with timing "rtl" (the core's cycle contract in closed form,
// models/compute/simd_kernels.h) and, in functional mode, its values equal the TLM kernels'.
#include <gtest/gtest.h>

#include <fstream>

#include "cli/lumen_process.h"
#include "support/minimal_platform.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

struct VectorShape {
  std::uint64_t rows, cols;
};
// Single elements, partial vectors, one program exactly (64 / 48 vectors), one more, and
// many programs.
const std::vector<VectorShape> kShapes = {{1, 1},   {1, 3},   {3, 5},   {4, 4},
                                          {1, 256}, {1, 257}, {16, 12}, {7, 129},
                                          {2, 96},  {64, 64}, {5, 191}, {33, 17}};

// The minimal platform with a 4-lane vector unit.
std::string platform() {
  std::string p = kMinimalPlatform;
  const std::string matrix = R"("dataflow": "ws"},)";
  return p.replace(p.find(matrix), matrix.size(), matrix + R"( "vector": {"lanes": 4},)");
}

json run(const fs::path& dir, const std::string& impl, VectorShape s, const std::string& tag) {
  const fs::path out =
      dir / (impl + "_" + tag + "_" + std::to_string(s.rows) + "x" + std::to_string(s.cols));
  const auto r = run_lumen({"run", (dir / "p.json").string(), (dir / "s.json").string(), "-o",
                            out.string(), "--set", "/platform/chip/tile/vector/impl=" + impl,
                            "--set", "/platform/chip/tile/vector/timing=rtl", "--set",
                            "/scenario/rows=" + std::to_string(s.rows), "--set",
                            "/scenario/cols=" + std::to_string(s.cols)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return read_json(out / "report.json");
}

// models/compute/simd_kernels.h, written out again: programs of V vectors, 3 + 3v (relu) or
// 2 + 4v (residual_add) cycles each.
std::uint64_t closed_form(const std::string& op, std::uint64_t elements) {
  const std::uint64_t vectors = (elements + 3) / 4, per = op == "relu" ? 64 : 48;
  std::uint64_t cycles = 0;
  for (std::uint64_t first = 0; first < vectors; first += per) {
    const std::uint64_t v = std::min(per, vectors - first);
    cycles += op == "relu" ? 3 + 3 * v : 2 + 4 * v;
  }
  return cycles;
}

class RtlVectorAgreement : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(RtlVectorAgreement, CyclesAndValuesEqualTheTlmEngine) {
  const auto& [op, dtype] = GetParam();
  const fs::path dir = scratch_dir("rtl_vector_" + op + "_" + dtype);
  std::ofstream(dir / "p.json") << platform();
  std::ofstream(dir / "s.json") << json{{"kind", "vector"},
                                        {"op", op},
                                        {"rows", 1},
                                        {"cols", 1},
                                        {"dtype", dtype},
                                        {"out_dtype", "int8"},
                                        {"mode", "functional"},
                                        {"seed", 5}};
  for (const VectorShape& s : kShapes) {
    const json tlm = run(dir, "tlm", s, "f");
    const json rtl = run(dir, "rtl", s, "f");
    const std::string shape = std::to_string(s.rows) + "x" + std::to_string(s.cols);
    ASSERT_TRUE(tlm.contains("metrics") && rtl.contains("metrics")) << shape;
    EXPECT_EQ(rtl["metrics"]["vector_cycles"].get<double>(),
              static_cast<double>(closed_form(op, s.rows * s.cols)))
        << shape;
    EXPECT_EQ(tlm["metrics"]["vector_cycles"], rtl["metrics"]["vector_cycles"]) << shape;
    EXPECT_EQ(tlm["metrics"]["total_ns"], rtl["metrics"]["total_ns"]) << shape;
    EXPECT_EQ(tlm["functional"], rtl["functional"]) << shape << ": output checksums";
    EXPECT_EQ(rtl["inputs"]["platform"]["chip"]["tile"]["vector"]["impl"], "rtl");
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, RtlVectorAgreement,
                         ::testing::Combine(::testing::Values("relu", "residual_add"),
                                            ::testing::Values("int8", "int4")),
                         [](const auto& info) {
                           return std::get<0>(info.param) + "_" + std::get<1>(info.param);
                         });

TEST(RtlVector, TimingModeRunsWithZerosAndTheSameCycles) {
  const fs::path dir = scratch_dir("rtl_vector_timing");
  std::ofstream(dir / "p.json") << platform();
  std::ofstream(dir / "s.json")
      << R"({"kind": "vector", "op": "relu", "rows": 40, "cols": 50, "dtype": "int8"})";
  const json tlm = run(dir, "tlm", {40, 50}, "t");
  const json rtl = run(dir, "rtl", {40, 50}, "t");
  EXPECT_EQ(tlm["metrics"]["vector_cycles"], rtl["metrics"]["vector_cycles"]);
  EXPECT_EQ(rtl["metrics"]["vector_cycles"].get<double>(),
            static_cast<double>(closed_form("relu", 2000)));
}

}  // namespace
}  // namespace lumen::test
