// A prototype roadmap (configs/roadmap.json, schema configs/schema/roadmap.schema.json): stages
// such as FPGA prototype, small test chip, optical chiplet and multi-chip system, each a
// platform, the scenarios that matter at that stage, and targets it must meet. `lumen roadmap`
// runs every (stage, scenario) as its own process and writes summary.md, report.html (charts of
// the key metrics across stages) and roadmap.json: the stages side by side, the change from one
// stage to the next, and which targets each meets.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lumen {

struct RoadmapTarget {
  std::string scenario;  // a scenario file of the stage, as written
  std::string metric;
  bool has_min = false, has_max = false;
  double min = 0, max = 0;
  std::string why;
};

struct RoadmapStage {
  std::string name, description;
  std::filesystem::path platform;
  std::vector<std::string> overrides;
  std::vector<std::string> scenario_names;  // as written in the file
  std::vector<std::filesystem::path> scenarios;
  std::vector<RoadmapTarget> targets;
};

struct Roadmap {
  std::filesystem::path file;
  std::string name, description;
  std::vector<RoadmapStage> stages;
};

// Loads and checks every stage (its platform and scenarios load, each target names one of the
// stage's scenarios). Throws InputError naming the roadmap file and pointer.
Roadmap load_roadmap(const std::filesystem::path& file);

// Runs every stage; returns 0 when every run finished (targets met or not), else 1.
int run_roadmap(const Roadmap& roadmap, const std::filesystem::path& out, unsigned jobs);

}  // namespace lumen
