// The streaming memory's calibration (platforms/memory_stream.cpp) is what the cycle-level HBM
// model measures: for every standard, the sustained fraction of peak on scenarios/hbm-stream.json
// and the unloaded read latency on scenarios/hbm-latency.json, within 1 %.
#include <gtest/gtest.h>

#include "cli/lumen_process.h"
#include "platforms/memory_stream.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;

TEST(MemoryStream, CalibrationEqualsTheCycleLevelModelForEveryStandard) {
  for (const char* standard :
       {"HBM2-2.0", "HBM2-2.4", "HBM2E-3.2", "HBM2E-3.6", "HBM3-6.4", "HBM3E-9.6"}) {
    const std::string set = std::string("/platform/chip/hbm/standard=\"") + standard + "\"";
    const fs::path out = scratch_dir(std::string("stream_") + standard);
    ASSERT_EQ(run_lumen({"run", "configs/default.json", "scenarios/hbm-stream.json", "--set", set,
                         "-o", (out / "s").string()})
                  .exit_code,
              0);
    ASSERT_EQ(run_lumen({"run", "configs/default.json", "scenarios/hbm-latency.json", "--set", set,
                         "-o", (out / "l").string()})
                  .exit_code,
              0);
    const StreamCalibration c = stream_calibration(standard);
    const double efficiency =
        read_json(out / "s" / "report.json")["metrics"]["hbm_efficiency_pct"].get<double>() / 100;
    const double latency =
        read_json(out / "l" / "report.json")["metrics"]["read_latency_avg_ns"].get<double>();
    EXPECT_NEAR(c.efficiency, efficiency, 0.01 * efficiency) << standard;
    EXPECT_NEAR(c.latency_ns, latency, 0.01 * latency) << standard;
  }
}

}  // namespace
}  // namespace lumen::test
