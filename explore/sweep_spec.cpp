#include "explore/sweep_spec.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "core/config_document.h"
#include "core/diagnostics.h"
#include "core/hash.h"
#include "core/schema.h"
#include "core/split_mix.h"
#include "explore/run_point.h"

namespace lumen {

using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

json number_or_quantity(double v, const json& spec) {
  const bool integral = v == std::round(v) && std::fabs(v) < 1e15;
  if (spec.contains("unit")) {
    return integral
               ? fmt::format("{} {}", static_cast<long long>(v), spec["unit"].get<std::string>())
               : fmt::format("{:g} {}", v, spec["unit"].get<std::string>());
  }
  if (integral) return static_cast<long long>(v);
  return v;
}

std::vector<json> axis_values(const json& axis, const std::string& where,
                              const SourceMap& sources) {
  const int kinds = axis.contains("values") + axis.contains("range") + axis.contains("log_range");
  if (kinds != 1)
    throw InputError(sources.diagnose(where, "exactly one of values, range, log_range",
                                      fmt::format("{} of them", kinds)));
  std::vector<json> values;
  if (axis.contains("values")) {
    for (const auto& v : axis["values"]) values.push_back(v);
  } else if (axis.contains("range")) {
    const json& r = axis["range"];
    const double from = r["from"], to = r["to"], step = r.value("step", 1.0);
    if (to < from)
      throw InputError(sources.diagnose(
          where + "/range/to", fmt::format("at least from ({})", from), fmt::format("{}", to)));
    for (double v = from; v <= to + step * 1e-9; v += step)
      values.push_back(number_or_quantity(v, r));
  } else {
    const json& r = axis["log_range"];
    const double from = r["from"], to = r["to"];
    const std::uint32_t points = r["points"];
    const bool integer = r.value("integer", from == std::round(from) && to == std::round(to));
    for (std::uint32_t i = 0; i < points; ++i) {
      double v = from * std::pow(to / from, static_cast<double>(i) / (points - 1));
      if (integer) v = std::round(v);
      json value = number_or_quantity(v, r);
      if (values.empty() || values.back() != value) values.push_back(value);
    }
  }
  if (values.size() > 100000)
    throw InputError(
        sources.diagnose(where, "at most 100000 values", std::to_string(values.size())));
  return values;
}

std::string default_name(const std::string& pointer) {
  const auto last = pointer.rfind('/');
  const auto before = pointer.rfind('/', last - 1);
  return pointer.substr(before == std::string::npos || before == 0 ? last + 1 : before + 1);
}

// The grid, in row-major order (the last axis fastest), or seeded samples of it.
std::vector<std::vector<std::size_t>> sample(const std::vector<SweepAxis>& axes, const json& doc,
                                             const SourceMap& sources) {
  const json s = doc.value("sample", json{{"method", "grid"}});
  const std::string method = s["method"];
  std::vector<std::vector<std::size_t>> picks;
  if (method == "grid") {
    double total = 1;
    for (const auto& a : axes) total *= static_cast<double>(a.values.size());
    if (total > 100000)
      throw InputError(sources.diagnose(
          "/axes", "a grid of at most 100000 points (or sample random / latin_hypercube points)",
          fmt::format("{:.0f} points", total)));
    std::vector<std::size_t> index(axes.size(), 0);
    for (std::size_t n = 0; n < static_cast<std::size_t>(total); ++n) {
      picks.push_back(index);
      for (std::size_t a = axes.size(); a-- > 0;) {
        if (++index[a] < axes[a].values.size()) break;
        index[a] = 0;
      }
    }
    return picks;
  }
  if (!s.contains("points"))
    throw InputError(sources.diagnose("/sample", "\"points\" for " + method + " sampling", "none"));
  const std::size_t points = s["points"];
  SplitMix64 random(s.value("seed", std::uint64_t{1}));
  picks.assign(points, std::vector<std::size_t>(axes.size()));
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const std::size_t n = axes[a].values.size();
    if (method == "random") {
      for (std::size_t p = 0; p < points; ++p) picks[p][a] = random.next() % n;
    } else {
      // Latin hypercube: each of `points` equal strata of the axis holds exactly one point.
      std::vector<std::size_t> strata(points);
      std::iota(strata.begin(), strata.end(), 0);
      for (std::size_t i = points; i > 1; --i) std::swap(strata[i - 1], strata[random.next() % i]);
      for (std::size_t p = 0; p < points; ++p) {
        const double u = (static_cast<double>(strata[p]) + random.uniform()) / points;
        picks[p][a] = std::min(n - 1, static_cast<std::size_t>(u * n));
      }
    }
  }
  return picks;
}

}  // namespace

std::string value_text(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

SweepSpec load_sweep(const fs::path& file) {
  const ConfigDocument doc = load_config_file(file);
  if (auto problems = sweep_schema().validate(doc.value, "", doc.sources); !problems.empty())
    throw InputError(problems);
  const json& v = doc.value;
  SweepSpec spec;
  spec.file = file;
  spec.name = v.value("name", file.stem().string());
  spec.description = v.value("description", "");
  const fs::path base = file.parent_path();
  // Absolute, so that a Slurm task started elsewhere expands (and hashes) the same sweep.
  spec.platform = fs::weakly_canonical(fs::absolute(base / v["platform"].get<std::string>()));
  spec.scenario = fs::weakly_canonical(fs::absolute(base / v["scenario"].get<std::string>()));
  for (const auto& s : v.value("set", json::array())) spec.fixed.push_back(s);

  // The resolved run document of the base point: every axis must point into it.
  RunRequest base_request = RunRequest::of(spec.platform, spec.scenario, spec.fixed);
  ConfigDocument base_run;
  try {
    base_run = load_run_document(base_request);
  } catch (const InputError& e) {
    std::vector<Diagnostic> problems = e.diagnostics();
    problems.insert(problems.begin(),
                    doc.sources.diagnose("/platform", "a platform and scenario that load",
                                         "the problems below"));
    throw InputError(problems);
  }
  for (std::size_t i = 0; i < v["axes"].size(); ++i) {
    const json& a = v["axes"][i];
    const std::string where = fmt::format("/axes/{}", i);
    SweepAxis axis;
    axis.pointer = a["pointer"];
    axis.name = a.value("name", default_name(axis.pointer));
    const json::json_pointer pointer(axis.pointer);
    if (!base_run.value.contains(pointer.parent_pointer()))
      throw InputError(doc.sources.diagnose(
          where + "/pointer", "a pointer into the run document (its parent must exist)",
          "\"" + axis.pointer + "\": " + pointer.parent_pointer().to_string() + " is not there"));
    axis.values = axis_values(a, where, doc.sources);
    spec.axes.push_back(std::move(axis));
  }
  std::vector<std::pair<std::string, std::pair<std::size_t, double>>> derived;
  for (std::size_t i = 0; i < v.value("derived", json::array()).size(); ++i) {
    const json& d = v["derived"][i];
    const std::string from = d["from"];
    const auto it = std::find_if(spec.axes.begin(), spec.axes.end(), [&](const SweepAxis& a) {
      return a.name == from || a.pointer == from;
    });
    if (it == spec.axes.end())
      throw InputError(doc.sources.diagnose(fmt::format("/derived/{}/from", i),
                                            "the name or pointer of an axis", "\"" + from + "\""));
    derived.push_back(
        {d["pointer"], {static_cast<std::size_t>(it - spec.axes.begin()), d.value("scale", 1.0)}});
  }
  for (const auto& o : v.value("objectives", json::array()))
    spec.objectives.push_back({o["metric"], o["goal"] == "max"});
  for (const auto& c : v.value("constraints", json::array())) {
    SweepConstraint constraint;
    constraint.metric = c["metric"];
    if (c.contains("min")) constraint.has_min = true, constraint.min = c["min"];
    if (c.contains("max")) constraint.has_max = true, constraint.max = c["max"];
    spec.constraints.push_back(constraint);
  }
  for (const auto& m : v.value("metrics", json::array())) spec.metrics.push_back(m);
  if (spec.metrics.empty()) {
    spec.metrics.push_back("total_ns");
    for (const auto& o : spec.objectives) spec.metrics.push_back(o.metric);
    for (const auto& c : spec.constraints) spec.metrics.push_back(c.metric);
    std::vector<std::string> unique;
    for (const auto& m : spec.metrics)
      if (std::find(unique.begin(), unique.end(), m) == unique.end()) unique.push_back(m);
    spec.metrics = unique;
  }

  const auto picks = sample(spec.axes, v, doc.sources);
  std::string all;
  for (std::size_t p = 0; p < picks.size(); ++p) {
    SweepPoint point;
    point.id = static_cast<std::uint32_t>(p);
    point.overrides = spec.fixed;
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
      const json& value = spec.axes[a].values[picks[p][a]];
      point.values.push_back(value);
      point.overrides.push_back(spec.axes[a].pointer + "=" + value.dump());
    }
    for (const auto& [pointer, source] : derived) {
      json value = point.values[source.first];
      if (value.is_number() && source.second != 1.0)
        value = number_or_quantity(value.get<double>() * source.second, json::object());
      point.overrides.push_back(pointer + "=" + value.dump());
    }
    // Checked before anything runs: the point's run document loads and validates.
    try {
      load_run_document(RunRequest::of(spec.platform, spec.scenario, point.overrides));
    } catch (const InputError& e) {
      std::vector<Diagnostic> problems = e.diagnostics();
      problems.insert(problems.begin(),
                      doc.sources.diagnose("/axes", "axes whose every point is a valid run",
                                           fmt::format("point {} is not", p)));
      throw InputError(problems);
    }
    for (const auto& o : point.overrides) all += o + "\n";
    all += "\n";
    spec.points.push_back(std::move(point));
  }
  spec.hash = fnv1a64_hex(spec.platform.string() + "\n" + spec.scenario.string() + "\n" + all);
  return spec;
}

}  // namespace lumen
