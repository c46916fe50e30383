// The `lumen` command line: run, validate, list.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "core/diagnostics.h"
#include "core/json_text.h"
#include "core/version.h"
#include "explore/report_writer.h"
#include "explore/run_point.h"
#include "platforms/catalog.h"

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

int command_run(const RunRequest& request, fs::path out_dir) {
  if (out_dir.empty())
    out_dir = fs::path("reports") /
              (request.platform.stem().string() + "-" + request.scenario.stem().string());
  if (fs::exists(out_dir) && !fs::is_directory(out_dir)) {
    throw InputError(Diagnostic{"-o " + out_dir.string(), "", "a directory for the report",
                                "an existing file", ""});
  }
  const RunResult result = run_point(request);
  const fs::path report = write_report(result, out_dir, request.trace);
  std::cout << fmt::format("bottleneck: {} — {}\n", result.bottleneck.resource,
                           result.bottleneck.explanation);
  std::cout << fmt::format("total: {:.1f} ns, compute_cycles: {:.0f}, PE utilisation: {:.1f}%\n",
                           result.metrics["total_ns"].get<double>(),
                           result.metrics["compute_cycles"].get<double>(),
                           result.metrics["pe_utilization_pct"].get<double>());
  std::cout << "report: " << report.string() << "\n";
  std::cout << "summary: " << (out_dir / "summary.md").string() << "\n";
  if (request.trace) std::cout << "trace: " << (out_dir / "trace.json").string() << "\n";
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
  std::cout << "rtl blocks:\n  (none yet)\nconfigs:\n";
  list_folder(data_dir() / "configs");
  std::cout << "scenarios:\n";
  list_folder(data_dir() / "scenarios");
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
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
  run->add_flag("--trace", request.trace, "Also write a Chrome/Perfetto trace.json");

  std::vector<fs::path> files;
  auto* validate =
      app.add_subcommand("validate", "Check configs and scenarios; print every problem");
  validate->add_option("files", files, "Files to check")->required();

  auto* list = app.add_subcommand("list", "List models, shipped configs and scenarios");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }

  try {
    if (*run) return command_run(request, out_dir);
    if (*validate) return command_validate(files);
    if (*list) return command_list();
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
