// The `lumen` command line: run, validate, list, cosim.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "core/diagnostics.h"
#include "core/json_text.h"
#include "core/units.h"
#include "core/version.h"
#include "explore/child_run.h"
#include "explore/report_writer.h"
#include "explore/roadmap.h"
#include "explore/run_point.h"
#include "explore/sweep_runner.h"
#include "platforms/catalog.h"
#include "rtl/cosim/systolic_cosim.h"
#include "rtl/simd/simd_cosim.h"
#include "rtl/simd/simd_rtl.h"
#include "rtl/systolic/systolic_rtl.h"

namespace fs = std::filesystem;
using namespace lumen;

namespace {

fs::path data_dir() {
  if (const char* dir = std::getenv("LUMEN_DATA_DIR")) return dir;
  return kDefaultDataDir;
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::cerr << "error: " << d.message() << "\n";
}

// "" = no limit; otherwise a time with its unit, at least 1 ps.
double time_limit(const char* option, const std::string& text) {
  if (text.empty()) return 0;
  double seconds = 0;
  try {
    seconds = parse_quantity(text, Dimension::kTime);
  } catch (const std::exception& e) {
    throw InputError(Diagnostic{option, "", "a time with its unit, e.g. \"50 us\" or \"10 min\"",
                                "\"" + text + "\" (" + e.what() + ")", ""});
  }
  if (!(seconds >= 1e-12))
    throw InputError(
        Diagnostic{option, "", "a positive time (at least 1 ps)", "\"" + text + "\"", ""});
  return seconds;
}

int command_run(const RunRequest& request, fs::path out_dir) {
  if (out_dir.empty())
    out_dir = fs::path("reports") /
              (request.platform.stem().string() + "-" + request.scenario.stem().string());
  if (fs::exists(out_dir) && !fs::is_directory(out_dir)) {
    throw InputError(Diagnostic{"-o " + out_dir.string(), "", "a directory for the report",
                                "an existing file", ""});
  }
  const RunResult result = run_point(request);
  if (!result.stuck.empty()) {
    std::cerr << "error: " << result.stuck << "\n";
    return kExitDeadlock;
  }
  if (!result.complete) std::cerr << "partial run: stopped by " << result.stopped_because << "\n";
  const fs::path report = write_report(result, out_dir, request.trace);
  std::cout << fmt::format("bottleneck: {} — {}\n", result.bottleneck.resource,
                           result.bottleneck.explanation);
  const auto& m = result.metrics;
  if (result.workload.kind == "noc")
    std::cout << fmt::format(
        "zero-load latency: {:.1f} cycles, saturation: {:.3f} flits/node/cycle\n",
        m["noc_zero_load_latency_cycles"].get<double>(),
        m["noc_saturation_flits_per_node_cycle"].get<double>());
  else if (result.workload.kind == "memory")
    std::cout << fmt::format(
        "total: {:.1f} ns, memory: {:.2f} GB/s ({:.1f}% of peak), read "
        "latency {:.1f} ns\n",
        m["total_ns"].get<double>(), m["memory_bandwidth_GBps"].get<double>(),
        m.value("hbm_efficiency_pct", 0.0), m.value("read_latency_avg_ns", 0.0));
  else if (result.workload.kind == "collective")
    std::cout << fmt::format(
        "collective: {:.1f} ns (closed form {:.1f} ns), bus bandwidth {:.1f} GB/s, {:.3g} pJ per "
        "collective\n",
        m.value("collective_ns", 0.0), m.value("closed_form_ns", 0.0),
        m.value("bus_bandwidth_GBps", 0.0), m.value("energy_per_collective_pJ", 0.0));
  else if (result.workload.kind == "pingpong")
    std::cout << fmt::format(
        "latency {:.1f} ns at the smallest message, {:.1f} GB/s at the largest\n",
        m.value("pingpong_latency_ns", 0.0), m.value("pingpong_bandwidth_GBps", 0.0));
  else if (result.workload.kind == "pong")
    std::cout << fmt::format("frame: {:.1f} ns ({:.0f} frames/s), {:.1f}% communicating\n",
                             m.value("frame_ns", 0.0), m.value("frame_rate_hz", 0.0),
                             m.value("communication_share_pct", 0.0));
  else if (result.workload.kind == "llm")
    std::cout << fmt::format("{}: {:.1f} ns, {:.1f} tokens/s, {:.1f} uJ per token\n",
                             m.contains("tpot_ns") ? "time per token" : "time to first token",
                             m.value("total_ns", 0.0), m.value("tokens_per_s", 0.0),
                             m.value("energy_per_token_pJ", 0.0) / 1e6);
  else
    std::cout << fmt::format("total: {:.1f} ns, compute_cycles: {:.0f}, PE utilisation: {:.1f}%\n",
                             m["total_ns"].get<double>(), m["compute_cycles"].get<double>(),
                             m["pe_utilization_pct"].get<double>());
  std::cout << "report: " << report.string() << "\n";
  std::cout << "summary: " << (out_dir / "summary.md").string() << "\n";
  if (request.trace) std::cout << "trace: " << (out_dir / "trace.json").string() << "\n";
  if (!result.complete) {
    // A partial run leaves SystemC threads suspended mid-transaction; their stacks are never
    // unwound, so what they hold would be reported as leaked at exit. The report is written:
    // leave without running the exit handlers.
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(kExitPartial);
  }
  return kExitOk;
}

int command_validate(const std::vector<fs::path>& files) {
  int problems = 0;
  for (const auto& file : files) {
    const auto diagnostics = validate_file(file);
    print_diagnostics(diagnostics);
    problems += static_cast<int>(diagnostics.size());
    if (diagnostics.empty()) std::cout << "ok: " << file.string() << "\n";
  }
  return problems ? kExitBadInput : kExitOk;
}

void list_folder(const fs::path& folder) {
  if (!fs::is_directory(folder)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string description;
    try {
      description = read_json_file(file).value("description", "");
    } catch (const InputError&) {
      description = "(does not parse)";
    }
    std::cout << fmt::format("  {:<34} {}\n", fs::relative(file, data_dir()).string(), description);
  }
}

int command_list() {
  std::cout << "models:\n";
  for (const auto& e : model_catalog())
    std::cout << fmt::format("  {:<20} {:<5} {:<28} {}\n", e.kind, e.impl, e.config_key,
                             e.description);
  std::cout << "rtl blocks (lumen cosim rtl <block>; matrix/impl=rtl in any platform):\n";
  std::string sizes;
  for (const auto& size : systolic_rtl_sizes())
    sizes +=
        (sizes.empty() ? "" : ", ") + std::to_string(size.rows) + "x" + std::to_string(size.cols);
  std::cout << fmt::format("  {:<20} rtl/systolic/systolic_array.v  int8 ws/os array; built: {}\n",
                           "systolic", sizes);
  std::cout << fmt::format("  {:<20} rtl/simd/simd_core.v           4-lane int32 SIMD core\n",
                           "simd");
  std::cout << "configs:\n";
  list_folder(data_dir() / "configs");
  std::cout << "scenarios:\n";
  list_folder(data_dir() / "scenarios");
  std::cout << "transformer models (scenarios/models, for the LLM workloads):\n";
  list_folder(data_dir() / "scenarios/models");
  std::cout << "sweeps (lumen sweep FILE):\n";
  list_folder(data_dir() / "sweeps");
  return kExitOk;
}

struct CosimOptions {
  std::string kind, block, dataflow = "ws", shape = "37x45x70", vcd;
  std::uint32_t rows = 4, cols = 4;
  std::uint64_t seed = 1;
  std::uint32_t programs = 100, length = 40;
};

// The SIMD core against its instruction-level model: `programs` random programs.
int cosim_simd_programs(const CosimOptions& o) {
  if (o.programs == 0 || o.length == 0 || o.length > 255)
    throw InputError(Diagnostic{"--programs/--length", "", "programs >= 1 and length 1..255",
                                std::to_string(o.programs) + ", " + std::to_string(o.length), ""});
  auto rtl = make_simd_rtl();
  if (!o.vcd.empty()) rtl->open_vcd(o.vcd);
  std::uint64_t tlm = 0, rtl_cycles = 0, values = 0;
  double wall = 0;
  std::string mismatch;
  for (std::uint32_t p = 0; p < o.programs && mismatch.empty(); ++p) {
    const auto program = random_simd_program(o.seed + p, o.length);
    const auto r = cosim_simd(*rtl, program, random_simd_dmem(o.seed + p, rtl->lanes()));
    tlm += r.tlm_cycles;
    rtl_cycles += r.rtl_cycles;
    values += r.values_checked;
    wall += r.wall_s;
    if (!r.first_mismatch.empty())
      mismatch = "program " + std::to_string(p) + " (seed " + std::to_string(o.seed + p) +
                 "): " + r.first_mismatch;
  }
  std::cout << fmt::format("simd {} lanes: {} random programs of {} instructions, seed {}\n",
                           rtl->lanes(), o.programs, o.length, o.seed);
  std::cout << fmt::format("  tlm cycles: {}\n  rtl cycles: {}{}\n", tlm, rtl_cycles,
                           tlm == rtl_cycles ? " (equal)" : " (DIFFERENT)");
  std::cout << fmt::format(
      "  values: {} registers and memory lanes checked, {}\n", values,
      mismatch.empty() ? "all equal to the reference" : "first mismatch " + mismatch);
  std::cout << fmt::format("  speed: {:.0f} cycles/s of RTL co-simulation ({:.3f} s)\n",
                           wall > 0 ? static_cast<double>(rtl_cycles) / wall : 0.0, wall);
  if (!o.vcd.empty()) std::cout << "  vcd: " << o.vcd << "\n";
  return tlm == rtl_cycles && mismatch.empty() ? kExitOk : kExitInternal;
}

GemmShape parse_shape(const std::string& text) {
  GemmShape g;
  char x1 = 0, x2 = 0;
  std::istringstream in(text);
  if (!(in >> g.m >> x1 >> g.n >> x2 >> g.k) || x1 != 'x' || x2 != 'x' || !in.eof() || !g.m ||
      !g.n || !g.k || g.m > (1u << 20) || g.n > (1u << 20) || g.k > (1u << 20))
    throw InputError(Diagnostic{"--shape", "", "MxNxK with each in 1..1048576, e.g. 37x45x70",
                                "\"" + text + "\"", ""});
  return g;
}

int command_cosim(const CosimOptions& o) {
  if (o.kind != "rtl" || (o.block != "systolic" && o.block != "simd"))
    throw InputError(
        Diagnostic{"cosim", "", "rtl systolic or rtl simd", o.kind + " " + o.block, ""});
  if (o.block == "simd") return cosim_simd_programs(o);
  const auto dataflow = dataflow_from_name(o.dataflow);
  if (!dataflow) throw InputError(Diagnostic{"--dataflow", "", "ws, os or is", o.dataflow, ""});
  const GemmShape g = parse_shape(o.shape);
  SystolicCosimResult r;
  try {
    r = cosim_systolic({o.rows, o.cols}, *dataflow, g, o.seed, o.vcd);
  } catch (const std::invalid_argument& e) {
    throw InputError(Diagnostic{"--rows/--cols", "", "an array size that was Verilated",
                                std::to_string(o.rows) + "x" + std::to_string(o.cols), e.what()});
  }
  std::cout << fmt::format("systolic {}x{} {} GEMM {}x{}x{} (M x N x K), seed {}\n", o.rows, o.cols,
                           o.dataflow, g.m, g.n, g.k, o.seed);
  std::cout << fmt::format("  tlm cycles: {}\n  rtl cycles: {}{}\n", r.tlm_cycles, r.rtl_cycles,
                           r.tlm_cycles == r.rtl_cycles ? " (equal)" : " (DIFFERENT)");
  std::cout << fmt::format("  values: {} checked, {}\n", r.values_checked,
                           r.first_mismatch.empty() ? "all equal to the reference"
                                                    : "first mismatch " + r.first_mismatch);
  std::cout << fmt::format("  speed: {:.0f} cycles/s of RTL co-simulation ({:.3f} s)\n",
                           r.cycles_per_s(), r.wall_s);
  if (!o.vcd.empty()) std::cout << "  vcd: " << o.vcd << "\n";
  return r.tlm_cycles == r.rtl_cycles && r.first_mismatch.empty() ? kExitOk : kExitInternal;
}

}  // namespace

int main(int argc, char** argv) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  // Every -j: a process count ("--jobs: Value 0 not in range 1 to 4096" otherwise).
  const CLI::Range kJobsRange(1u, 4096u);
  CLI::App app{"Lumen: SystemC TLM-2.0 architecture explorer for ML accelerators"};
  app.set_version_flag("--version", std::string("lumen ") + kVersion);
  app.require_subcommand(1);

  RunRequest request;
  std::string out_dir;
  auto* run = app.add_subcommand("run", "Simulate a scenario on a platform and write a report");
  run->add_option("platform", request.platform, "Platform config (JSON)")->required();
  run->add_option("scenario", request.scenario, "Scenario (JSON)")->required();
  run->add_option(
      "--set", request.overrides,
      "Override POINTER=VALUE in the run document, e.g. /platform/chip/tile/matrix/rows=8");
  run->add_option("-o,--out", out_dir, "Report directory (default reports/<platform>-<scenario>)");
  run->add_option("-j,--jobs", request.jobs,
                  "child processes at once, for an LLM run too large for one (default: the cores)")
      ->check(kJobsRange);
  run->add_flag("--trace", request.trace, "Also write a Chrome/Perfetto trace.json");
  std::string max_sim_time, max_wall_time;
  run->add_option("--max-sim-time", max_sim_time,
                  "Stop after this much simulated time, e.g. \"50 us\" (partial report, exit 4)");
  run->add_option("--max-wall-time", max_wall_time,
                  "Stop after this much wall-clock time, e.g. \"10 min\" (partial report, exit 4)");

  // A child of an LLM run too large for one elaboration (explore/llm_point.h): not for users.
  RunRequest ops_request;
  auto* llm_ops = app.add_subcommand("llm-ops", "")->group("");
  llm_ops->add_option("platform", ops_request.platform)->required();
  llm_ops->add_option("scenario", ops_request.scenario)->required();
  llm_ops->add_option("--set", ops_request.overrides);
  llm_ops->add_option("--first", ops_request.llm_ops_first)->required();
  llm_ops->add_option("--count", ops_request.llm_ops_count)->required();
  llm_ops->add_option("--out", ops_request.llm_ops_out)->required();
  std::string ops_max_sim_time, ops_max_wall_time;  // the parent's limits
  llm_ops->add_option("--max-sim-time", ops_max_sim_time);
  llm_ops->add_option("--max-wall-time", ops_max_wall_time);

  std::vector<fs::path> files;
  auto* validate =
      app.add_subcommand("validate", "Check configs and scenarios; print every problem");
  validate->add_option("files", files, "Files to check")->required();

  auto* list = app.add_subcommand("list", "List models, RTL blocks, shipped configs and scenarios");

  CosimOptions cosim_options;
  auto* cosim = app.add_subcommand(
      "cosim", "Run an RTL block alone against its TLM model: cycles, values, speed");
  cosim->add_option("kind", cosim_options.kind, "rtl")->required();
  cosim->add_option("block", cosim_options.block, "systolic or simd")->required();
  cosim->add_option("--rows", cosim_options.rows, "array rows R (default 4)");
  cosim->add_option("--cols", cosim_options.cols, "array columns C (default 4)");
  cosim->add_option("--dataflow", cosim_options.dataflow, "ws, os or is (default ws)");
  cosim->add_option("--shape", cosim_options.shape, "MxNxK (default 37x45x70)");
  cosim->add_option("--seed", cosim_options.seed, "seed of the random int8 operands");
  cosim->add_option("--vcd", cosim_options.vcd, "write a VCD of every RTL signal");
  cosim->add_option("--programs", cosim_options.programs, "simd: random programs (default 100)");
  cosim->add_option("--length", cosim_options.length, "simd: instructions each (default 40)");

  fs::path sweep_file;
  SweepOptions sweep_options;
  std::string sweep_out;
  auto* sweep = app.add_subcommand(
      "sweep", "Run every point of a sweep (each its own process); resumable, local or Slurm");
  sweep->add_option("file", sweep_file, "Sweep (sweeps/*.json)")->required();
  sweep
      ->add_option("-j,--jobs", sweep_options.jobs,
                   "local: points at once (default: the cores); slurm: array tasks")
      ->check(kJobsRange);
  sweep->add_option("-o,--out", sweep_out, "Results directory (default reports/sweep-<name>)");
  sweep->add_option("--backend", sweep_options.backend, "local (default) or slurm")
      ->check(CLI::IsMember({"local", "slurm"}));
  sweep->add_flag("--dry-run", sweep_options.dry_run, "slurm: print the job script only");
  sweep->add_option("--task", sweep_options.task, "inside a Slurm array task: its index")
      ->group("");
  sweep->add_option("--tasks", sweep_options.tasks, "inside a Slurm array task: the task count")
      ->group("");

  fs::path roadmap_file;
  std::string roadmap_out;
  unsigned roadmap_jobs = 0;
  auto* roadmap = app.add_subcommand(
      "roadmap", "Run each stage of a prototype plan and compare the stages side by side");
  roadmap->add_option("file", roadmap_file, "Roadmap (configs/roadmap.json)")->required();
  roadmap->add_option("-o,--out", roadmap_out, "Report directory (default reports/roadmap)");
  roadmap->add_option("-j,--jobs", roadmap_jobs, "runs at once (default: the cores)")
      ->check(kJobsRange);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }

  try {
    if (*run) {
      request.limits.max_sim_time_s = time_limit("--max-sim-time", max_sim_time);
      request.limits.max_wall_time_s = time_limit("--max-wall-time", max_wall_time);
      request.limits.max_sim_time_text = max_sim_time;
      request.limits.max_wall_time_text = max_wall_time;
      request.limits.progress = isatty(fileno(stderr)) != 0;
      return command_run(request, out_dir);
    }
    if (*llm_ops) {
      ops_request.limits.max_sim_time_s = time_limit("--max-sim-time", ops_max_sim_time);
      ops_request.limits.max_wall_time_s = time_limit("--max-wall-time", ops_max_wall_time);
      ops_request.limits.max_sim_time_text = ops_max_sim_time;
      ops_request.limits.max_wall_time_text = ops_max_wall_time;
      const RunResult result = run_point(ops_request);
      return result.stuck.empty() ? kExitOk : kExitDeadlock;
    }
    if (*sweep) {
      const SweepSpec spec = load_sweep(sweep_file);
      if (sweep_options.jobs == 0) sweep_options.jobs = cores();
      if (sweep->count("--jobs") == 0 && sweep_options.backend == "slurm")
        sweep_options.jobs = static_cast<unsigned>(std::min<std::size_t>(spec.points.size(), 64));
      sweep_options.out =
          sweep_out.empty() ? fs::path("reports") / ("sweep-" + spec.name) : fs::path(sweep_out);
      sweep_options.progress_bar = isatty(fileno(stderr)) != 0;
      const int code = run_sweep(spec, sweep_options);
      if (code == 0 && !sweep_options.dry_run && sweep_options.task < 0)
        std::cout << "results: " << (sweep_options.out / "results.csv").string() << "\n"
                  << "summary: " << (sweep_options.out / "summary.md").string() << "\n"
                  << "report: " << (sweep_options.out / "report.html").string() << "\n";
      return code;
    }
    if (*roadmap) {
      const fs::path out =
          roadmap_out.empty() ? fs::path("reports/roadmap") : fs::path(roadmap_out);
      return run_roadmap(load_roadmap(roadmap_file), out, roadmap_jobs ? roadmap_jobs : cores());
    }
    if (*validate) return command_validate(files);
    if (*list) return command_list();
    if (*cosim) return command_cosim(cosim_options);
  } catch (const InputError& e) {
    print_diagnostics(e.diagnostics());
    return kExitBadInput;
  } catch (const SimulationStuck& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitDeadlock;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  return kExitOk;
}
