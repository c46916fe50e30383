// A sweep file (sweeps/*.json, schema sweeps/schema/sweep.schema.json) and the points it expands
// to. Axes give values (a list, a linear range or a log range); the sample is the full grid, or
// `points` random or Latin-hypercube draws (seeded: the same file gives the same points);
// derived inputs follow an axis. Every point is checked before anything runs: its run document
// must load and validate, so a sweep never fails on its 900th point for a typo.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lumen {

struct SweepAxis {
  std::string name;     // column in results
  std::string pointer;  // into the run document
  std::vector<nlohmann::json> values;
};

struct SweepObjective {
  std::string metric;
  bool maximise = false;
};

struct SweepConstraint {
  std::string metric;
  bool has_min = false, has_max = false;
  double min = 0, max = 0;
};

struct SweepPoint {
  std::uint32_t id = 0;
  std::vector<nlohmann::json> values;  // one per axis
  std::vector<std::string> overrides;  // "POINTER=VALUE", fixed sets first
};

struct SweepSpec {
  std::filesystem::path file;
  std::string name, description;
  std::filesystem::path platform, scenario;  // resolved against the sweep file
  std::vector<std::string> fixed;            // `set`
  std::vector<SweepAxis> axes;
  std::vector<SweepObjective> objectives;
  std::vector<SweepConstraint> constraints;
  std::vector<std::string> metrics;  // charted and tabled
  std::vector<SweepPoint> points;
  std::string hash;  // of the expanded points: a resumed sweep must be the same sweep
};

// Loads, validates and expands. Throws InputError naming the sweep file and pointer.
SweepSpec load_sweep(const std::filesystem::path& file);

// The point's value of an axis, as text for tables and --set ("32", "1.5 GHz", "ws").
std::string value_text(const nlohmann::json& value);

}  // namespace lumen
