// Sweeps and the roadmap through the command line: every shipped sweep and the shipped roadmap
// run; a sweep killed at random moments (SIGKILL and SIGINT) and resumed ends with every point
// exactly once and the same figures as an uninterrupted sweep; bad sweep and roadmap files are
// input errors with their pointer.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "cli/lumen_process.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(LumenSweep, EveryShippedSweepRuns) {
  for (const auto& e : fs::directory_iterator(fs::path(LUMEN_SOURCE_DIR) / "sweeps")) {
    if (e.path().extension() != ".json") continue;
    const fs::path out = scratch_dir("sweep_" + e.path().stem().string());
    const auto r = run_lumen({"sweep", e.path().string(), "-j", "2", "-o", out.string()});
    ASSERT_EQ(r.exit_code, 0) << e.path() << "\n" << r.err;
    const auto results = read_json(out / "results.json");
    const std::size_t points = results["sweep"]["points"];
    EXPECT_EQ(results["points"].size(), points);
    EXPECT_EQ(lines_of(out / "results.csv").size(), points + 1);  // header + a row per point
    std::size_t ok = 0, on_front = 0;
    for (const auto& p : results["points"]) {
      ok += p["status"] == "ok";
      on_front += p["pareto"].get<bool>();
    }
    EXPECT_GT(ok, 0u) << e.path();
    EXPECT_GT(on_front, 0u) << e.path();
    const std::string summary = read_text(out / "summary.md");
    EXPECT_NE(summary.find("## Best point per objective"), std::string::npos);
    EXPECT_NE(summary.find("## Pareto front"), std::string::npos);
    const std::string html = read_text(out / "report.html");
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("class=\"sortable\""), std::string::npos);
    EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org"));  // nothing fetched
  }
}

TEST(LumenSweep, ArraySizeRejectsPointsOverTheAreaBudget) {
  const fs::path out = scratch_dir("sweep_budget");
  ASSERT_EQ(run_lumen({"sweep", "sweeps/array-size.json", "-o", out.string()}).exit_code, 0);
  const auto results = read_json(out / "results.json");
  for (const auto& p : results["points"]) {
    const double area = p["metrics"]["area_mm2"];
    EXPECT_EQ(p["status"], area > 4 ? "rejected" : "ok") << p.dump();
    if (p["status"] == "rejected") {
      EXPECT_FALSE(p["pareto"].get<bool>());
    }
  }
}

TEST(LumenRoadmap, ShippedRoadmapComparesItsStages) {
  const fs::path out = scratch_dir("roadmap");
  const auto r = run_lumen({"roadmap", "configs/roadmap.json", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto roadmap = read_json(out / "roadmap.json");
  ASSERT_EQ(roadmap["stages"].size(), 4u);
  for (const auto& stage : roadmap["stages"]) {
    EXPECT_FALSE(stage["targets"].empty()) << stage["name"];
    for (const auto& t : stage["targets"]) EXPECT_TRUE(t["value"].is_number()) << t.dump();
  }
  const std::string summary = read_text(out / "summary.md");
  EXPECT_NE(summary.find("| FPGA prototype |"), std::string::npos);
  EXPECT_NE(summary.find("## Stage by stage"), std::string::npos);
  EXPECT_NE(read_text(out / "report.html").find("<svg"), std::string::npos);
}

// A sweep of 24 points of about 0.05 s each (the default chip, small GEMMs), written into the
// test's directory: long enough that the kills below land mid-sweep.
fs::path write_small_sweep(const fs::path& dir) {
  const fs::path root(LUMEN_SOURCE_DIR);
  const fs::path file = dir / "small.json";
  std::ofstream(file) << json{
      {"name", "small"},
      {"platform", (root / "configs/default.json").string()},
      {"scenario", (root / "scenarios/gemm.json").string()},
      {"axes",
       {{{"pointer", "/platform/chip/tile/matrix/rows"}, {"values", {8, 16, 32, 64}}},
        {{"pointer", "/platform/chip/tile/matrix/dataflow"}, {"values", {"ws", "os", "is"}}},
        {{"pointer", "/scenario/m"}, {"values", {128, 384}}}}},
      {"objectives", {{{"metric", "total_ns"}, {"goal", "min"}}}}};
  return file;
}

pid_t start_sweep(const fs::path& sweep, const fs::path& out) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(LUMEN_BINARY, LUMEN_BINARY, "sweep", sweep.c_str(), "-j", "2", "-o", out.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

TEST(LumenSweep, KilledAtRandomMomentsAndResumedRunsEveryPointExactlyOnce) {
  const fs::path dir = scratch_dir("sweep_resume");
  const fs::path sweep = write_small_sweep(dir);
  const fs::path out = dir / "out", clean = dir / "clean";
  std::uint64_t state = 12345;  // a fixed seed: the same kill moments every run
  const auto next_ms = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return 30 + (state >> 33) % 250;
  };
  int interrupted = 0;
  for (int round = 0; round < 6; ++round) {
    const pid_t pid = start_sweep(sweep, out);
    std::this_thread::sleep_for(std::chrono::milliseconds(next_ms()));
    kill(pid, round % 2 ? SIGINT : SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    const std::size_t done =
        fs::exists(out / "journal.jsonl") ? lines_of(out / "journal.jsonl").size() : 0;
    interrupted += done < 24;
  }
  EXPECT_GE(interrupted, 3) << "the kills must land mid-sweep for the test to mean anything";
  // The same command again finishes the sweep.
  const auto r = run_lumen({"sweep", sweep.string(), "-j", "2", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(run_lumen({"sweep", sweep.string(), "-j", "2", "-o", clean.string()}).exit_code, 0);

  // The journal holds each point once, every line whole.
  std::multiset<int> journal_ids;
  for (const auto& line : lines_of(out / "journal.jsonl"))
    journal_ids.insert(json::parse(line)["id"].get<int>());
  EXPECT_EQ(journal_ids.size(), 24u);
  for (int id = 0; id < 24; ++id) EXPECT_EQ(journal_ids.count(id), 1u) << "point " << id;
  // The results: 24 rows, ids 0..23 once each, figures equal to the uninterrupted sweep's.
  const auto resumed = read_json(out / "results.json")["points"];
  const auto reference = read_json(clean / "results.json")["points"];
  ASSERT_EQ(resumed.size(), 24u);
  for (std::size_t i = 0; i < 24; ++i) {
    EXPECT_EQ(resumed[i]["id"], i);
    EXPECT_EQ(resumed[i]["status"], "ok");
    EXPECT_EQ(resumed[i]["metrics"], reference[i]["metrics"]) << "point " << i;
  }
  EXPECT_EQ(lines_of(out / "results.csv").size(), 25u);
}

TEST(LumenSweep, ADirectoryOfAnotherSweepIsRefused) {
  const fs::path dir = scratch_dir("sweep_other");
  const fs::path sweep = write_small_sweep(dir);
  ASSERT_EQ(run_lumen({"sweep", sweep.string(), "-o", (dir / "out").string()}).exit_code, 0);
  const auto r = run_lumen({"sweep", "sweeps/array-size.json", "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("another sweep"), std::string::npos) << r.err;
}

TEST(LumenSweep, AnAxisPointingNowhereIsAnInputError) {
  const fs::path dir = scratch_dir("sweep_nowhere");
  std::ofstream(dir / "s.json")
      << R"({"platform": ")" << LUMEN_SOURCE_DIR << R"(/configs/single-tile.json", "scenario": ")"
      << LUMEN_SOURCE_DIR
      << R"(/scenarios/gemm.json", "axes": [{"pointer": "/platform/chip/tyle/matrix/rows", "values": [8]}]})";
  const auto r = run_lumen({"sweep", (dir / "s.json").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "s.json").string() + ": /axes/0/pointer"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("/platform/chip/tyle/matrix is not there"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(LumenSweep, AnAxisValueTheSchemaRefusesIsCaughtBeforeAnyPointRuns) {
  const fs::path dir = scratch_dir("sweep_bad_value");
  std::ofstream(dir / "s.json")
      << R"({"platform": ")" << LUMEN_SOURCE_DIR << R"(/configs/single-tile.json", "scenario": ")"
      << LUMEN_SOURCE_DIR
      << R"(/scenarios/gemm.json", "axes": [{"pointer": "/platform/chip/tile/matrix/dataflow", "values": ["ws", "xs"]}]})";
  const auto r = run_lumen({"sweep", (dir / "s.json").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("point 1 is not"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/platform/chip/tile/matrix/dataflow"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(LumenRoadmap, AStageWithoutAPlatformIsAnInputError) {
  const fs::path dir = scratch_dir("roadmap_no_platform");
  std::ofstream(dir / "r.json") << R"({"stages": [{"name": "FPGA", "scenarios": ["x.json"]}]})";
  const auto r = run_lumen({"roadmap", (dir / "r.json").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "r.json").string() + ": /stages/0"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\"platform\""), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(LumenSweep, SlurmDryRunPrintsAJobArray) {
  const fs::path dir = scratch_dir("sweep_dry");
  const auto r = run_lumen({"sweep", "sweeps/array-size.json", "--backend", "slurm", "--dry-run",
                            "-j", "4", "-o", (dir / "out").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("#SBATCH --array=0-3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--task \"$SLURM_ARRAY_TASK_ID\" --tasks 4"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "out" / "journal.jsonl"));
}

}  // namespace
}  // namespace lumen::test
