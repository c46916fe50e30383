#include "explore/roadmap.h"

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/config_document.h"
#include "core/diagnostics.h"
#include "core/schema.h"
#include "explore/atomic_file.h"
#include "explore/child_run.h"
#include "explore/html_page.h"
#include "explore/run_point.h"
#include "explore/svg_chart.h"

namespace lumen {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Metrics compared across stages when a stage reports them (the targets' metrics come first).
const char* kKeyMetrics[] = {"achieved_tflops",
                             "pe_utilization_pct",
                             "tops_per_W",
                             "energy_pJ",
                             "area_mm2",
                             "pingpong_latency_ns",
                             "pingpong_bandwidth_GBps",
                             "link_ber",
                             "bus_bandwidth_GBps",
                             "energy_per_collective_pJ",
                             "frame_rate_hz",
                             "fabric_energy_per_bit_pJ"};

std::string number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v)) && std::abs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.4g}", v);
}

std::string slug(const std::string& text) {
  std::string out;
  for (char c : text)
    out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-';
  return out;
}

struct StageRun {
  std::size_t stage = 0, scenario = 0;
  fs::path dir;
  int exit_code = -1;
  json report;
};

}  // namespace

Roadmap load_roadmap(const fs::path& file) {
  const ConfigDocument doc = load_config_file(file);
  if (auto problems = roadmap_schema().validate(doc.value, "", doc.sources); !problems.empty())
    throw InputError(problems);
  Roadmap r;
  r.file = file;
  r.name = doc.value.value("name", file.stem().string());
  r.description = doc.value.value("description", "");
  const fs::path base = file.parent_path();
  std::vector<Diagnostic> problems;
  for (std::size_t i = 0; i < doc.value["stages"].size(); ++i) {
    const json& s = doc.value["stages"][i];
    const std::string where = fmt::format("/stages/{}", i);
    RoadmapStage stage;
    stage.name = s["name"];
    stage.description = s.value("description", "");
    stage.platform = (base / s["platform"].get<std::string>()).lexically_normal();
    for (const auto& o : s.value("set", json::array())) stage.overrides.push_back(o);
    for (const auto& sc : s["scenarios"]) {
      stage.scenario_names.push_back(sc);
      stage.scenarios.push_back((base / sc.get<std::string>()).lexically_normal());
    }
    for (std::size_t k = 0; k < stage.scenarios.size(); ++k) {
      try {
        load_run_document(RunRequest::of(stage.platform, stage.scenarios[k], stage.overrides));
      } catch (const InputError& e) {
        problems.push_back(doc.sources.diagnose(
            where, "a stage whose platform and scenarios load",
            fmt::format("{} with {}: {}", stage.platform.string(), stage.scenario_names[k],
                        e.diagnostics().front().message())));
      }
    }
    for (std::size_t t = 0; t < s.value("targets", json::array()).size(); ++t) {
      const json& tj = s["targets"][t];
      RoadmapTarget target;
      target.scenario = tj["scenario"];
      target.metric = tj["metric"];
      target.why = tj.value("why", "");
      if (tj.contains("min")) target.has_min = true, target.min = tj["min"];
      if (tj.contains("max")) target.has_max = true, target.max = tj["max"];
      if (std::find(stage.scenario_names.begin(), stage.scenario_names.end(), target.scenario) ==
          stage.scenario_names.end())
        problems.push_back(doc.sources.diagnose(fmt::format("{}/targets/{}/scenario", where, t),
                                                "one of the stage's scenarios",
                                                "\"" + target.scenario + "\""));
      stage.targets.push_back(target);
    }
    r.stages.push_back(std::move(stage));
  }
  if (!problems.empty()) throw InputError(problems);
  return r;
}

int run_roadmap(const Roadmap& roadmap, const fs::path& out, unsigned jobs) {
  std::vector<StageRun> runs;
  std::vector<std::vector<std::string>> commands;
  std::vector<fs::path> logs;
  std::size_t run_count = 0;
  for (const RoadmapStage& stage : roadmap.stages) run_count += stage.scenarios.size();
  const unsigned child_jobs = jobs_per_run(jobs, run_count);
  for (std::size_t s = 0; s < roadmap.stages.size(); ++s) {
    const RoadmapStage& stage = roadmap.stages[s];
    for (std::size_t k = 0; k < stage.scenarios.size(); ++k) {
      StageRun run{s,
                   k,
                   out / "stages" / fmt::format("{}-{}", s + 1, slug(stage.name)) /
                       stage.scenarios[k].stem(),
                   -1,
                   {}};
      std::vector<std::string> args = {"run", stage.platform.string(), stage.scenarios[k].string()};
      args.insert(args.end(), {"-j", std::to_string(child_jobs)});
      for (const auto& o : stage.overrides) args.insert(args.end(), {"--set", o});
      args.insert(args.end(), {"-o", run.dir.string()});
      commands.push_back(args);
      logs.push_back(run.dir.string() + ".log");
      runs.push_back(run);
    }
  }
  std::cerr << fmt::format("roadmap: {} runs over {} stages, {} at a time\n", runs.size(),
                           roadmap.stages.size(), jobs);
  const auto codes = run_all_lumen(commands, logs, jobs);
  bool all_ok = true;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    runs[i].exit_code = codes[i];
    if (codes[i] == 0) {
      std::ifstream in(runs[i].dir / "report.json");
      runs[i].report = json::parse(in);
    } else {
      all_ok = false;
      std::ifstream in(logs[i]);
      std::stringstream text;
      text << in.rdbuf();
      std::cerr << fmt::format(
          "roadmap: stage {} / {} failed (exit {}):\n{}", roadmap.stages[runs[i].stage].name,
          roadmap.stages[runs[i].stage].scenario_names[runs[i].scenario], codes[i], text.str());
    }
  }
  const auto find_run = [&](std::size_t s, const std::string& scenario) -> const StageRun* {
    for (const auto& r : runs)
      if (r.stage == s && roadmap.stages[s].scenario_names[r.scenario] == scenario) return &r;
    return nullptr;
  };

  // Targets: met or not, per stage.
  json stages = json::array();
  std::string md = fmt::format("# Lumen roadmap: {}\n\n", roadmap.name);
  if (!roadmap.description.empty()) md += roadmap.description + "\n\n";
  md += "| stage | platform | scenarios | targets met |\n|---|---|---|---|\n";
  std::string targets_md =
      "\n## Targets\n\n| stage | scenario | metric | value | target | met | why |\n"
      "|---|---|---|---|---|---|---|\n";
  for (std::size_t s = 0; s < roadmap.stages.size(); ++s) {
    const RoadmapStage& stage = roadmap.stages[s];
    json targets = json::array();
    int met = 0;
    for (const auto& t : stage.targets) {
      const StageRun* run = find_run(s, t.scenario);
      const bool have = run && run->exit_code == 0 && run->report["metrics"].contains(t.metric);
      const double value = have ? run->report["metrics"][t.metric].get<double>() : 0;
      const bool ok = have && (!t.has_min || value >= t.min) && (!t.has_max || value <= t.max);
      met += ok;
      const std::string bound = (t.has_min ? fmt::format("≥ {}", number(t.min)) : "") +
                                (t.has_min && t.has_max ? ", " : "") +
                                (t.has_max ? fmt::format("≤ {}", number(t.max)) : "");
      targets_md +=
          fmt::format("| {} | {} | `{}` | {} | {} | {} | {} |\n", stage.name, t.scenario, t.metric,
                      have ? number(value) : "—", bound, ok ? "yes" : "**no**", t.why);
      targets.push_back({{"scenario", t.scenario},
                         {"metric", t.metric},
                         {"value", have ? json(value) : json()},
                         {"target", bound},
                         {"met", ok},
                         {"why", t.why}});
    }
    md += fmt::format("| {} | `{}` | {} | {} of {} |\n", stage.name, stage.platform.string(),
                      stage.scenario_names.size(), met, stage.targets.size());
    json scenario_results = json::object();
    for (const auto& r : runs)
      if (r.stage == s)
        scenario_results[stage.scenario_names[r.scenario]] =
            r.exit_code == 0 ? json{{"metrics", r.report["metrics"]},
                                    {"bottleneck", r.report["summary"]["bottleneck"]}}
                             : json{{"exit_code", r.exit_code}};
    stages.push_back({{"name", stage.name},
                      {"description", stage.description},
                      {"platform", stage.platform.string()},
                      {"targets", targets},
                      {"targets_met", met},
                      {"results", scenario_results}});
  }

  // Key metrics side by side: each stage's value from its first scenario reporting it.
  std::vector<std::string> metrics;
  for (const auto& stage : roadmap.stages)
    for (const auto& t : stage.targets)
      if (std::find(metrics.begin(), metrics.end(), t.metric) == metrics.end())
        metrics.push_back(t.metric);
  for (const char* m : kKeyMetrics)
    if (std::find(metrics.begin(), metrics.end(), m) == metrics.end()) metrics.push_back(m);
  std::string side =
      "\n## Stage by stage\n\nEach stage's value from its first scenario that "
      "reports the metric; × is the change from the stage before.\n\n| metric |";
  std::string rule = "|---|";
  for (const auto& stage : roadmap.stages) {
    side += " " + stage.name + " |";
    rule += "---|";
  }
  side += "\n" + rule + "\n";
  std::map<std::string, std::string> svgs;
  for (const auto& m : metrics) {
    std::vector<Bar> bars;
    std::string row = "| `" + m + "` |";
    double previous = 0;
    bool any = false;
    for (std::size_t s = 0; s < roadmap.stages.size(); ++s) {
      const StageRun* found = nullptr;
      for (const auto& r : runs)
        if (r.stage == s && r.exit_code == 0 && r.report["metrics"].contains(m) && !found)
          found = &r;
      if (!found) {
        row += " — |";
        previous = 0;
        continue;
      }
      any = true;
      const double v = found->report["metrics"][m].get<double>();
      row += " " + number(v) + (previous > 0 ? fmt::format(" ({:.3g}×)", v / previous) : "") + " |";
      bars.push_back({roadmap.stages[s].name, v});
      previous = v;
    }
    if (!any) continue;
    side += row + "\n";
    if (bars.size() >= 2) svgs[m] = bar_chart_svg(m + " by stage", m, bars);
  }
  md += targets_md + side;
  md += "\n## Stages\n\n";
  for (const auto& stage : roadmap.stages)
    md += fmt::format("- **{}** — {}\n", stage.name, stage.description);
  md += "\nEvery run's report: `stages/<n>-<stage>/<scenario>/`.\n";
  std::string body = markdown_to_html(md, {}) + "<h2>Charts</h2>\n<div class=\"charts\">\n";
  for (const auto& [name, svg] : svgs) body += svg;
  body += "</div>\n";
  write_files_atomically(
      {{out / "summary.md", md},
       {out / "report.html", html_page("Lumen roadmap: " + roadmap.name, body)},
       {out / "roadmap.json", json{{"name", roadmap.name}, {"stages", stages}}.dump(2) + "\n"}});
  std::cout << "summary: " << (out / "summary.md").string()
            << "\nreport: " << (out / "report.html").string() << "\n";
  return all_ok ? 0 : 1;
}

}  // namespace lumen
