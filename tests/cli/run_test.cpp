// `lumen run`, `validate`, `list` end to end: every shipped config and scenario runs, reports are
// complete and deterministic, deadlocks exit 3.
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "cli/lumen_process.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;

// The shipped platforms or scenarios of a folder (configs/roadmap.json is not a platform).
std::vector<fs::path> shipped(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(LUMEN_SOURCE_DIR) / folder))
    if (e.path().extension() == ".json" && !read_json(e.path()).contains("stages"))
      files.push_back(fs::relative(e.path(), LUMEN_SOURCE_DIR));
  std::sort(files.begin(), files.end());
  return files;
}

TEST(LumenRun, EveryShippedConfigRunsEveryShippedScenario) {
  const auto configs = shipped("configs");
  const auto scenarios = shipped("scenarios");
  ASSERT_GE(configs.size(), 2u);
  ASSERT_GE(scenarios.size(), 2u);
  for (const auto& config : configs) {
    for (const auto& scenario : scenarios) {
      const fs::path out =
          scratch_dir("shipped") / (config.stem().string() + "-" + scenario.stem().string());
      const fs::path root(LUMEN_SOURCE_DIR);
      const bool has_noc =
          read_text(root / config).find("\"noc\"") != std::string::npos ||
          read_text(root / config).find("\"extends\": \"default.json\"") != std::string::npos;
      const bool is_system = read_text(root / config).find("\"system\"") != std::string::npos;
      const std::string kind = read_json(root / scenario).value("kind", "");
      const bool system_kind = kind == "collective" || kind == "pingpong" || kind == "pong";
      const bool llm = kind == "llm";
      if (is_system && !system_kind && !llm) continue;  // one chip of it: LumenSystem.Chip...
      const auto r = run_lumen({"run", config.string(), scenario.string(), "-o", out.string()});
      if (llm) {
        // Runs on a chip and on a system alike, unless it asks for more chips (tp · pp) than the
        // platform has or compares a fabric it cannot build: then a clear input error.
        if (r.exit_code == 2) {
          EXPECT_TRUE(r.err.find(": /parallel") != std::string::npos ||
                      r.err.find(": /compare") != std::string::npos)
              << config << " " << scenario << "\n"
              << r.err;
          continue;
        }
        ASSERT_EQ(r.exit_code, 0) << config << " " << scenario << "\n" << r.err;
        const auto report = read_json(out / "report.json");
        EXPECT_GT(report["metrics"]["tokens_per_s"].get<double>(), 0) << config << " " << scenario;
        EXPECT_FALSE(report["summary"]["bottleneck"].get<std::string>().empty());
        continue;
      }
      if (system_kind && !is_system) {
        // A multi-chip scenario needs chips to talk: a clear input error on one chip.
        EXPECT_EQ(r.exit_code, 2) << config << " " << scenario;
        EXPECT_NE(r.err.find(": /system: expected a multi-chip system"), std::string::npos)
            << r.err;
        continue;
      }
      if (system_kind) {
        ASSERT_EQ(r.exit_code, 0) << config << " " << scenario << "\n" << r.err;
        const auto report = read_json(out / "report.json");
        EXPECT_GE(report["series"]["fabrics"].size(), 2u) << "optical and electrical side by side";
        EXPECT_GT(report["metrics"]["total_ns"].get<double>(), 0);
        EXPECT_FALSE(report["summary"]["bottleneck"].get<std::string>().empty());
        EXPECT_NE(read_text(out / "summary.md").find("Bottleneck"), std::string::npos);
        continue;
      }
      if (read_text(root / scenario).find("\"kind\": \"noc\"") != std::string::npos && !has_noc) {
        // A network scenario needs a network: a clear input error on chips without one.
        EXPECT_EQ(r.exit_code, 2) << config << " " << scenario;
        EXPECT_NE(r.err.find("a mesh NoC"), std::string::npos) << r.err;
        continue;
      }
      ASSERT_EQ(r.exit_code, 0) << config << " " << scenario << "\n" << r.err;
      const auto report = read_json(out / "report.json");
      if (report["plan"]["kind"] == "noc") {
        EXPECT_GT(report["metrics"]["noc_saturation_flits_per_node_cycle"].get<double>(), 0);
        EXPECT_EQ(report["summary"]["bottleneck"], "NoC");
        continue;
      }
      EXPECT_GT(report["metrics"]["total_ns"].get<double>(), 0) << config << " " << scenario;
      if (report["plan"]["kind"] == "memory")
        EXPECT_GT(report["metrics"]["memory_bandwidth_GBps"].get<double>(), 0);
      else
        EXPECT_GT(report["metrics"]["compute_cycles"].get<double>() +
                      report["metrics"]["vector_cycles"].get<double>(),
                  0);
      EXPECT_FALSE(report["summary"]["bottleneck"].get<std::string>().empty());
      EXPECT_NE(read_text(out / "summary.md").find("Bottleneck"), std::string::npos);
    }
  }
}

TEST(LumenRun, DefaultRunWritesReportSummaryAndTrace) {
  const fs::path out = scratch_dir("default");
  const auto r = run_lumen(
      {"run", "configs/default.json", "scenarios/ffn-up.json", "-o", out.string(), "--trace"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("report: " + (out / "report.json").string()), std::string::npos) << r.out;
  const auto report = read_json(out / "report.json");
  for (const char* section : {"inputs", "metrics", "components", "run", "summary", "plan"})
    EXPECT_TRUE(report.contains(section)) << section;
  EXPECT_EQ(report["inputs"]["platform"]["chip"]["tiles"]["rows"], 4) << "extends resolved";
  EXPECT_FALSE(report["inputs"]["platform"].contains("extends"));
  EXPECT_EQ(report["inputs"]["hash"].get<std::string>().size(), 16u);
  EXPECT_TRUE(report["components"].contains("chip0.tile3.matrix"));
  EXPECT_TRUE(report["components"].contains("chip0.memory"));
  const auto trace = read_json(out / "trace.json");
  std::set<std::string> engines;
  std::size_t gemms = 0;
  for (const auto& e : trace["traceEvents"]) {
    if (e["ph"] == "X" && e["name"].get<std::string>().find("gemm") != std::string::npos) ++gemms;
    if (e["ph"] == "M" && e["name"] == "thread_name")
      engines.insert(e["args"]["name"].get<std::string>());
  }
  EXPECT_EQ(gemms, report["plan"]["layers"][0]["gemm_blocks"].get<std::size_t>());
  EXPECT_TRUE(engines.count("chip0.tile0.dma_load"));
  EXPECT_TRUE(engines.count("chip0.tile0.matrix"));
  for (const auto& entry : fs::directory_iterator(out))
    EXPECT_NE(entry.path().extension(), ".tmp") << "temporary left behind";
}

TEST(LumenRun, IdenticalRunsGiveIdenticalReportsButForRun) {
  const fs::path a = scratch_dir("det_a"), b = scratch_dir("det_b");
  const std::vector<std::string> args = {"run", "configs/default.json", "scenarios/mlp.json",
                                         "--set", "/platform/chip/tile/matrix/dataflow=os"};
  auto args_a = args, args_b = args;
  args_a.insert(args_a.end(), {"-o", a.string()});
  args_b.insert(args_b.end(), {"-o", b.string()});
  ASSERT_EQ(run_lumen(args_a).exit_code, 0);
  ASSERT_EQ(run_lumen(args_b).exit_code, 0);
  auto ra = read_json(a / "report.json"), rb = read_json(b / "report.json");
  ra.erase("run");
  rb.erase("run");
  EXPECT_EQ(ra, rb);
  EXPECT_EQ(read_text(a / "summary.md"), read_text(b / "summary.md"));
}

TEST(LumenRun, OverridesChangeTheResolvedInputs) {
  const fs::path out = scratch_dir("set");
  const auto r = run_lumen({"run", "configs/single-tile.json", "scenarios/gemm.json", "-o",
                            out.string(), "--set", "/platform/chip/tile/matrix/rows=8", "--set",
                            "/scenario/m=128", "--set", "/platform/chip/tile/matrix/dataflow=os"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = read_json(out / "report.json");
  EXPECT_EQ(report["inputs"]["platform"]["chip"]["tile"]["matrix"]["rows"], 8);
  EXPECT_EQ(report["inputs"]["platform"]["chip"]["tile"]["matrix"]["dataflow"], "os");
  EXPECT_EQ(report["inputs"]["scenario"]["m"], 128);
  // os on 8x32, M=128 N=256 K=256, rtl timing: 16·8 folds of 2·8+32+256−2.
  EXPECT_EQ(report["metrics"]["compute_cycles"], 16 * 8 * (2 * 8 + 32 + 256 - 2));
}

TEST(LumenRun, MemoryBoundAndComputeBoundNameTheirBottleneck) {
  const fs::path mem = scratch_dir("membound"), comp = scratch_dir("compbound");
  // The same GEMM with a 4 GB/s memory: moving A, B and C takes longer than computing.
  auto r =
      run_lumen({"run", "configs/single-tile.json", "scenarios/gemm.json", "-o", mem.string(),
                 "--set", "/scenario/m=1024", "--set", "/platform/chip/memory/bandwidth=4 GB/s"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_json(mem / "report.json")["summary"]["bottleneck"], "memory bandwidth");
  r = run_lumen({"run", "configs/single-tile.json", "scenarios/gemm.json", "-o", comp.string(),
                 "--set", "/scenario/m=1024"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_json(comp / "report.json")["summary"]["bottleneck"], "compute");
}

TEST(LumenRun, DeadlockExitsThreeNamingTheStuckEngines) {
  const fs::path dir = scratch_dir("deadlock");
  std::ofstream(dir / "stuck.json") << R"({"kind": "program", "tiles": [{"tile": 0, "commands": [
      {"op": "barrier", "barrier": 7, "participants": 2, "label": "wait for a tile that never comes"},
      {"op": "dma_load", "bytes": "4 KiB", "deps": [0]}]}]})";
  const auto r = run_lumen(
      {"run", "configs/default.json", (dir / "stuck.json").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("chip0.tile0.sync"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("chip0.tile0.dma_load waiting for the dependencies of command 1"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "report.json"));
}

TEST(LumenRun, CircularWaitBetweenTilesExitsThreeNamingBothTiles) {
  // Tile 0 waits at barrier 1 for tile 1, which waits at barrier 2 for tile 0: a cycle, on the
  // whole chip (NoC and HBM included), with DMA traffic in flight before it.
  const fs::path dir = scratch_dir("circular");
  std::ofstream(dir / "cycle.json") << R"({"kind": "program", "tiles": [
      {"tile": 0, "commands": [
        {"op": "dma_load", "bytes": "8 KiB"},
        {"op": "barrier", "barrier": 1, "participants": 2, "deps": [0], "label": "A waits for B"},
        {"op": "barrier", "barrier": 2, "participants": 2, "deps": [1]}]},
      {"tile": 1, "commands": [
        {"op": "dma_load", "bytes": "8 KiB"},
        {"op": "barrier", "barrier": 2, "participants": 2, "deps": [0], "label": "B waits for A"},
        {"op": "barrier", "barrier": 1, "participants": 2, "deps": [1]}]}]})";
  const auto r = run_lumen(
      {"run", "configs/default.json", (dir / "cycle.json").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("deadlock"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("chip0.tile0.sync"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("chip0.tile1.sync"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("A waits for B"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "report.json"));
}

TEST(LumenRun, OutputPathThatIsAFileIsBadInput) {
  const fs::path dir = scratch_dir("out_file");
  std::ofstream(dir / "taken") << "not a directory";
  const auto r = run_lumen(
      {"run", "configs/single-tile.json", "scenarios/gemm.json", "-o", (dir / "taken").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("expected a directory for the report, found an existing file"),
            std::string::npos)
      << r.err;
}

TEST(LumenValidate, ShippedFilesAreValid) {
  std::vector<std::string> args = {"validate"};
  for (const auto& f : shipped("configs")) args.push_back(f.string());
  for (const auto& f : shipped("scenarios")) args.push_back(f.string());
  for (const auto& f : shipped("sweeps")) args.push_back(f.string());
  for (const auto& f : shipped("scenarios/models")) args.push_back(f.string());
  args.push_back("configs/roadmap.json");
  const auto r = run_lumen(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(LumenValidate, ReportsEveryProblemWithItsPointer) {
  const fs::path dir = scratch_dir("validate");
  std::ofstream(dir / "bad.json")
      << R"({"extends": ")" << LUMEN_SOURCE_DIR
      << R"(/configs/single-tile.json", "chip": {"clock": "fast", "tilez": {}}})";
  const auto r = run_lumen({"validate", (dir / "bad.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/chip/clock"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/chip/tilez"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean \"tile"), std::string::npos) << r.err;
}

TEST(LumenCli, ListVersionHelp) {
  auto r = run_lumen({"list"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("compute/matrix"), std::string::npos);
  EXPECT_NE(r.out.find("configs/default.json"), std::string::npos);
  EXPECT_NE(r.out.find("scenarios/gemm.json"), std::string::npos);
  r = run_lumen({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("lumen "), std::string::npos);
  r = run_lumen({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("run"), std::string::npos);
  r = run_lumen({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace lumen::test

namespace lumen::test {
namespace {

TEST(LumenRun, MaxSimTimeWritesAPartialReportMarkedSoAndExitsFour) {
  const fs::path dir = scratch_dir("max_sim_time");
  const auto full = run_lumen(
      {"run", "configs/default.json", "scenarios/ffn-up.json", "-o", (dir / "full").string()});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  const auto r = run_lumen({"run", "configs/default.json", "scenarios/ffn-up.json", "-o",
                            (dir / "part").string(), "--max-sim-time", "50 us"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("partial run"), std::string::npos) << r.err;
  const auto part = read_json(dir / "part" / "report.json");
  EXPECT_FALSE(part["run"]["complete"].get<bool>());
  EXPECT_NE(part["run"]["stopped_because"].get<std::string>().find("--max-sim-time 50 us"),
            std::string::npos);
  EXPECT_LE(part["metrics"]["total_ns"].get<double>(), 50000.0);
  EXPECT_NE(read_text(dir / "part" / "summary.md").find("**Partial run**"), std::string::npos);
  const auto whole = read_json(dir / "full" / "report.json");
  EXPECT_TRUE(whole["run"]["complete"].get<bool>());
  EXPECT_GT(whole["metrics"]["total_ns"].get<double>(), 50000.0);
  // A limit the run never reaches changes nothing.
  const auto roomy =
      run_lumen({"run", "configs/default.json", "scenarios/ffn-up.json", "-o",
                 (dir / "roomy").string(), "--max-sim-time", "1 s", "--max-wall-time", "10 min"});
  ASSERT_EQ(roomy.exit_code, 0) << roomy.err;
  EXPECT_EQ(read_json(dir / "roomy" / "report.json")["metrics"], whole["metrics"]);
}

TEST(LumenRun, MaxWallTimeStopsALongRunCleanly) {
  const fs::path dir = scratch_dir("max_wall_time");
  std::ofstream(dir / "s.json")
      << R"({"kind": "memory", "pattern": "rand_read64", "requests": 20000000})";
  const auto r = run_lumen({"run", "configs/default.json", (dir / "s.json").string(), "-o",
                            (dir / "out").string(), "--max-wall-time", "300 ms"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  const auto report = read_json(dir / "out" / "report.json");
  EXPECT_FALSE(report["run"]["complete"].get<bool>());
  EXPECT_NE(report["run"]["stopped_because"].get<std::string>().find("--max-wall-time 300 ms"),
            std::string::npos);
}

TEST(LumenRun, BadLimitIsABadInput) {
  const fs::path dir = scratch_dir("bad_limit");
  for (const char* bad : {"fast", "10 GB", "-5 us", "0 s"}) {
    const auto r = run_lumen({"run", "configs/default.json", "scenarios/ffn-up.json", "-o",
                              (dir / "out").string(), "--max-sim-time", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--max-sim-time"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out" / "report.json")) << bad;
  }
}

TEST(LumenCli, BadJobCountIsABadInputForEveryCommand) {
  const fs::path dir = scratch_dir("bad_jobs");
  const std::vector<std::vector<std::string>> commands = {
      {"run", "configs/default.json", "scenarios/gemm.json"},
      {"sweep", "sweeps/array-size.json"},
      {"roadmap", "configs/roadmap.json"}};
  for (const auto& command : commands)
    for (const char* bad : {"0", "-3", "x"}) {
      std::vector<std::string> args = command;
      args.insert(args.end(), {"-j", bad, "-o", (dir / "out").string()});
      const auto r = run_lumen(args);
      EXPECT_EQ(r.exit_code, 2) << command[0] << " -j " << bad;
      EXPECT_NE(r.err.find("--jobs: Value " + std::string(bad) + " not in range 1 to 4096"),
                std::string::npos)
          << r.err;
      EXPECT_FALSE(fs::exists(dir / "out")) << command[0] << " -j " << bad;
    }
}

}  // namespace
}  // namespace lumen::test
