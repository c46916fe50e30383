// The RTL systolic array swapped in for the TLM matrix engine with one --set: for GEMMs of many
// shapes (including M = 1 and shapes that do not divide the array) and every dataflow, the
// compute cycles and the functional-mode output values are equal. Also `lumen cosim` and its
// VCD.
#include <fstream>

#include <gtest/gtest.h>

#include "cli/lumen_process.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

// 2 tiles of a 4x4 int8 array with a 2 KiB scratchpad: most shapes are split over tiles and
// into K blocks, so accumulation across commands is exercised too.
constexpr const char* kPlatform = R"({"chip": {"clock": "1 GHz", "tiles": {"rows": 1, "cols": 2},
  "tile": {"matrix": {"rows": 4, "cols": 4, "dtype": "int8"},
           "scratchpad": {"size": "2 KiB"},
           "dma": {"burst": "256 B", "bandwidth": "16 GB/s"}},
  "memory": {"kind": "simple", "latency": "40 ns", "bandwidth": "32 GB/s"}}})";

struct Shape {
  std::uint64_t m, n, k;
};

const std::vector<Shape> kShapes = {
    {1, 1, 1},   {1, 9, 5},    {1, 16, 16},  {3, 5, 7},  {4, 4, 4},    {5, 4, 3},
    {7, 13, 11}, {8, 8, 8},    {9, 1, 17},   {16, 3, 2}, {17, 17, 17}, {2, 33, 9},
    {31, 6, 4},  {12, 12, 40}, {40, 12, 12}, {6, 50, 3}, {33, 2, 30},  {13, 29, 5},
    {64, 8, 1},  {1, 64, 33},  {25, 25, 25}, {3, 3, 64}};

json run(const fs::path& dir, const std::string& impl, const std::string& dataflow, Shape s) {
  const fs::path out = dir / (impl + "_" + std::to_string(s.m) + "x" + std::to_string(s.n) + "x" +
                              std::to_string(s.k));
  const auto r = run_lumen({"run", (dir / "p.json").string(), (dir / "s.json").string(), "-o",
                            out.string(), "--set", "/platform/chip/tile/matrix/impl=" + impl,
                            "--set", "/platform/chip/tile/matrix/dataflow=" + dataflow, "--set",
                            "/scenario/m=" + std::to_string(s.m), "--set",
                            "/scenario/n=" + std::to_string(s.n), "--set",
                            "/scenario/k=" + std::to_string(s.k)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return read_json(out / "report.json");
}

class RtlAgreement : public ::testing::TestWithParam<std::string> {};

TEST_P(RtlAgreement, CyclesAndValuesEqualTheTlmModelOnEveryShape) {
  const std::string dataflow = GetParam();
  const fs::path dir = scratch_dir("rtl_" + dataflow);
  std::ofstream(dir / "p.json") << kPlatform;
  std::ofstream(dir / "s.json") << R"({"kind": "gemm", "name": "g", "m": 1, "n": 1, "k": 1,
      "dtype": "int8", "out_dtype": "int32", "mode": "functional", "seed": 3})";
  for (const Shape& s : kShapes) {
    const json tlm = run(dir, "tlm", dataflow, s);
    const json rtl = run(dir, "rtl", dataflow, s);
    const std::string shape =
        std::to_string(s.m) + "x" + std::to_string(s.n) + "x" + std::to_string(s.k);
    ASSERT_TRUE(tlm.contains("metrics") && rtl.contains("metrics")) << shape;
    EXPECT_EQ(tlm["metrics"]["compute_cycles"], rtl["metrics"]["compute_cycles"]) << shape;
    EXPECT_EQ(tlm["metrics"]["compute_cycles_all_tiles"],
              rtl["metrics"]["compute_cycles_all_tiles"])
        << shape;
    EXPECT_EQ(tlm["metrics"]["total_ns"], rtl["metrics"]["total_ns"]) << shape;
    EXPECT_EQ(tlm["functional"], rtl["functional"]) << shape << ": output checksums";
    EXPECT_EQ(rtl["inputs"]["platform"]["chip"]["tile"]["matrix"]["impl"], "rtl");
  }
}

INSTANTIATE_TEST_SUITE_P(Dataflows, RtlAgreement, ::testing::Values("ws", "os", "is"));

TEST(RtlCosim, PrintsBothCycleCountsAndWritesAWellFormedVcd) {
  const fs::path dir = scratch_dir("cosim_vcd");
  const fs::path vcd = dir / "fold.vcd";
  const auto r = run_lumen({"cosim", "rtl", "systolic", "--rows", "8", "--cols", "8", "--dataflow",
                            "os", "--shape", "10x12x9", "--vcd", vcd.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  // os on 8x8, M=10 N=12 K=9: 2·2 folds of 2·8 + 8 + 9 − 2 = 31 cycles.
  EXPECT_NE(r.out.find("tlm cycles: 124"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rtl cycles: 124 (equal)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("all equal to the reference"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cycles/s"), std::string::npos) << r.out;
  const std::string text = read_text(vcd);
  EXPECT_EQ(text.rfind("$version", 0), 0u) << "a VCD starts with its header";
  for (const char* marker : {"$timescale", "$scope module systolic_array", "$var wire", "$upscope",
                             "$enddefinitions $end"})
    EXPECT_NE(text.find(marker), std::string::npos) << marker;
  // Two dumps per clock (rising and falling edge) after the two reset cycles.
  std::size_t timestamps = 0;
  for (std::size_t at = text.find("\n#"); at != std::string::npos; at = text.find("\n#", at + 1))
    ++timestamps;
  EXPECT_GE(timestamps, 2u * 124);
}

TEST(RtlCosim, SimdCoreAgreesWithItsInstructionModelOnRandomPrograms) {
  const fs::path vcd = scratch_dir("simd_vcd") / "simd.vcd";
  const auto r = run_lumen({"cosim", "rtl", "simd", "--programs", "200", "--length", "60", "--seed",
                            "11", "--vcd", vcd.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("(equal)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("all equal to the reference"), std::string::npos) << r.out;
  EXPECT_NE(read_text(vcd).find("$scope module simd_core"), std::string::npos);
}

TEST(RtlCosim, BadArgumentsAreInputErrors) {
  EXPECT_EQ(run_lumen({"cosim", "rtl", "systolic", "--shape", "4x4"}).exit_code, 2);
  EXPECT_EQ(run_lumen({"cosim", "rtl", "systolic", "--rows", "3", "--cols", "3"}).exit_code, 2);
  EXPECT_EQ(run_lumen({"cosim", "rtl", "systolic", "--dataflow", "xs"}).exit_code, 2);
  EXPECT_EQ(run_lumen({"cosim", "tlm", "systolic"}).exit_code, 2);
  EXPECT_EQ(run_lumen({"cosim", "rtl", "simd", "--length", "300"}).exit_code, 2);
}

}  // namespace
}  // namespace lumen::test
