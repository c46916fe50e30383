#include "explore/sweep_report.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "explore/atomic_file.h"
#include "explore/html_page.h"
#include "explore/svg_chart.h"

namespace lumen {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

bool has_metric(const json& r, const std::string& m) {
  return r.contains("metrics") && r["metrics"].contains(m) && r["metrics"][m].is_number();
}
double metric(const json& r, const std::string& m) {
  return r["metrics"][m].get<double>();
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v)) && std::abs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.6g}", v);
}

std::string axes_text(const SweepSpec& spec, const json& r) {
  std::string text;
  for (const auto& a : spec.axes)
    text += (text.empty() ? "" : ", ") + a.name + " = " + value_text(r["axes"][a.name]);
  return text;
}

// The best ok point for an objective, if any.
const json* best(const std::map<std::uint32_t, json>& records, const SweepObjective& o) {
  const json* pick = nullptr;
  for (const auto& [id, r] : records) {
    if (r["status"] != "ok" || !has_metric(r, o.metric)) continue;
    if (!pick || (o.maximise ? metric(r, o.metric) > metric(*pick, o.metric)
                             : metric(r, o.metric) < metric(*pick, o.metric)))
      pick = &r;
  }
  return pick;
}

std::string summary(const SweepSpec& spec, const std::map<std::uint32_t, json>& records,
                    const std::vector<std::uint32_t>& front) {
  std::map<std::string, int> status;
  for (const auto& [id, r] : records) ++status[r["status"].get<std::string>()];
  std::string out = fmt::format("# Lumen sweep: {}\n\n", spec.name);
  if (!spec.description.empty()) out += spec.description + "\n\n";
  if (records.size() < spec.points.size())
    out += fmt::format(
        "> **Incomplete**: {} of {} points done; run the same command again to continue.\n\n",
        records.size(), spec.points.size());
  out += fmt::format(
      "{} points of `{}` × `{}`: {} ok, {} failed, {} rejected by a constraint, {} "
      "partial.\n\n",
      spec.points.size(), spec.platform.string(), spec.scenario.string(), status["ok"],
      status["failed"], status["rejected"], status["partial"]);
  out += "Axes: ";
  for (std::size_t a = 0; a < spec.axes.size(); ++a)
    out += fmt::format("{}`{}` ({} values)", a ? ", " : "", spec.axes[a].pointer,
                       spec.axes[a].values.size());
  out += ".\n";
  if (!spec.objectives.empty()) {
    out +=
        "\n## Best point per objective\n\n| objective | point | value | inputs "
        "|\n|---|---|---|---|\n";
    for (const auto& o : spec.objectives) {
      const json* b = best(records, o);
      out +=
          b ? fmt::format("| {} {} | {} | {} | {} |\n", o.maximise ? "max" : "min", o.metric,
                          (*b)["id"].get<int>(), number(metric(*b, o.metric)), axes_text(spec, *b))
            : fmt::format("| {} {} | — | — | no ok point reports it |\n",
                          o.maximise ? "max" : "min", o.metric);
    }
  }
  if (spec.objectives.size() >= 2) {
    out += fmt::format("\n## Pareto front ({} points)\n\n| point | inputs |", front.size());
    std::string rule = "|---|---|";
    for (const auto& o : spec.objectives) {
      out += " " + o.metric + " |";
      rule += "---|";
    }
    out += "\n" + rule + "\n";
    for (std::uint32_t id : front) {
      const json& r = records.at(id);
      out += fmt::format("| {} | {} |", id, axes_text(spec, r));
      for (const auto& o : spec.objectives) out += " " + number(metric(r, o.metric)) + " |";
      out += "\n";
    }
    out += "\n![Pareto front](pareto.svg)\n";
  }
  std::string failures;
  for (const auto& [id, r] : records)
    if (r["status"] == "failed" || r["status"] == "rejected") {
      std::string error = r.value("error", "");
      const auto nl = error.find('\n');
      failures += fmt::format(
          "- point {} ({}): {} — {}\n", id, axes_text(spec, r), r["status"].get<std::string>(),
          error.substr(0, nl == std::string::npos ? 300 : std::min<std::size_t>(nl, 300)));
    }
  if (!failures.empty()) out += "\n## Failed and rejected points\n\n" + failures;
  out +=
      "\nEvery point: `results.csv`, `results.json`; charts and a sortable table: "
      "`report.html`.\n";
  return out;
}

std::map<std::string, std::string> charts(const SweepSpec& spec,
                                          const std::map<std::uint32_t, json>& records,
                                          const std::vector<std::uint32_t>& front) {
  std::map<std::string, std::string> svgs;
  const std::set<std::uint32_t> on_front(front.begin(), front.end());
  for (const auto& m : spec.metrics)
    for (const auto& a : spec.axes) {
      // A categorical axis (strings, objects) is drawn at each value's index.
      bool numeric = true;
      for (const auto& v : a.values) numeric &= v.is_number();
      std::string x_label = a.name;
      if (!numeric) {
        x_label += " (";
        for (std::size_t i = 0; i < a.values.size() && i < 8; ++i)
          x_label += fmt::format("{}{} = {}", i ? ", " : "", i, value_text(a.values[i]));
        x_label += a.values.size() > 8 ? ", ...)" : ")";
      }
      std::vector<ScatterPoint> points;
      for (const auto& [id, r] : records) {
        if (!has_metric(r, m)) continue;
        const json& v = r["axes"][a.name];
        const auto index = std::find(a.values.begin(), a.values.end(), v) - a.values.begin();
        points.push_back({numeric ? v.get<double>() : static_cast<double>(index), metric(r, m),
                          fmt::format("point {}: {}", id, axes_text(spec, r)),
                          r["status"] == "ok"});
      }
      if (!points.empty())
        svgs[fmt::format("{} vs {}", m, a.name)] =
            scatter_chart_svg(m + " against " + a.name, x_label, m, points);
    }
  if (spec.objectives.size() >= 2) {
    const auto &ox = spec.objectives[0], &oy = spec.objectives[1];
    std::vector<ScatterPoint> points;
    for (const auto& [id, r] : records) {
      if (!has_metric(r, ox.metric) || !has_metric(r, oy.metric)) continue;
      std::string label = fmt::format("point {}: {}", id, axes_text(spec, r));
      for (std::size_t k = 2; k < spec.objectives.size(); ++k)
        if (has_metric(r, spec.objectives[k].metric))
          label += fmt::format("; {} = {}", spec.objectives[k].metric,
                               number(metric(r, spec.objectives[k].metric)));
      points.push_back({metric(r, ox.metric), metric(r, oy.metric), label, on_front.count(id) > 0});
    }
    svgs["pareto.svg"] = scatter_chart_svg(
        fmt::format("Pareto front: {} ({}) against {} ({}); grey: dominated or rejected", oy.metric,
                    oy.maximise ? "max" : "min", ox.metric, ox.maximise ? "max" : "min"),
        ox.metric, oy.metric, points, true);
  }
  return svgs;
}

std::string html(const SweepSpec& spec, const std::map<std::uint32_t, json>& records,
                 const std::vector<std::string>& metric_names, const std::string& summary_md,
                 const std::map<std::string, std::string>& svgs) {
  std::string body = markdown_to_html(summary_md, svgs);
  body += "<h2>Charts</h2>\n<div class=\"charts\">\n";
  for (const auto& [name, svg] : svgs)
    if (name != "pareto.svg") body += svg;
  body +=
      "</div>\n<h2>All points</h2>\n<table "
      "class=\"sortable\"><thead><tr><th>id</th><th>status</th>";
  for (const auto& a : spec.axes) body += "<th>" + html_escape(a.name) + "</th>";
  body += "<th>bottleneck</th>";
  for (const auto& m : metric_names) body += "<th>" + html_escape(m) + "</th>";
  body += "</tr></thead><tbody>\n";
  for (const auto& [id, r] : records) {
    body += fmt::format("<tr{}><td>{}</td><td>{}</td>", r["status"] == "ok" ? "" : " class=\"dim\"",
                        id, html_escape(r["status"].get<std::string>()));
    for (const auto& a : spec.axes)
      body += "<td>" + html_escape(value_text(r["axes"][a.name])) + "</td>";
    body += "<td>" + html_escape(r.value("bottleneck", "")) + "</td>";
    for (const auto& m : metric_names)
      body += "<td>" + (has_metric(r, m) ? number(metric(r, m)) : std::string()) + "</td>";
    body += "</tr>\n";
  }
  body += "</tbody></table>\n";
  return html_page("Lumen sweep: " + spec.name, body);
}

}  // namespace

std::vector<std::uint32_t> pareto_front(const std::vector<SweepObjective>& objectives,
                                        const std::map<std::uint32_t, json>& records) {
  std::vector<const json*> ok;
  for (const auto& [id, r] : records) {
    if (r["status"] != "ok") continue;
    bool all = true;
    for (const auto& o : objectives) all &= has_metric(r, o.metric);
    if (all) ok.push_back(&r);
  }
  const auto better_or_equal = [&](const json& a, const json& b, const SweepObjective& o) {
    return o.maximise ? metric(a, o.metric) >= metric(b, o.metric)
                      : metric(a, o.metric) <= metric(b, o.metric);
  };
  std::vector<std::uint32_t> front;
  for (const json* b : ok) {
    bool dominated = false;
    for (const json* a : ok) {
      if (a == b) continue;
      bool all = true, strictly = false;
      for (const auto& o : objectives) {
        all &= better_or_equal(*a, *b, o);
        strictly |= !better_or_equal(*b, *a, o);
      }
      if (all && strictly) {
        dominated = true;
        break;
      }
    }
    if (!dominated) front.push_back((*b)["id"].get<std::uint32_t>());
  }
  return front;
}

void write_sweep_results(const SweepSpec& spec, const fs::path& out,
                         const std::map<std::uint32_t, json>& records) {
  const auto front = spec.objectives.empty() ? std::vector<std::uint32_t>{}
                                             : pareto_front(spec.objectives, records);
  const std::set<std::uint32_t> on_front(front.begin(), front.end());
  std::set<std::string> metric_set;
  for (const auto& [id, r] : records)
    if (r.contains("metrics"))
      for (const auto& [key, value] : r["metrics"].items()) metric_set.insert(key);
  const std::vector<std::string> metric_names(metric_set.begin(), metric_set.end());

  std::string csv = "id,status";
  for (const auto& a : spec.axes) csv += "," + csv_field(a.name);
  csv += ",pareto,bottleneck,wall_s,error";
  for (const auto& m : metric_names) csv += "," + csv_field(m);
  csv += "\n";
  json points = json::array();
  for (const auto& [id, r] : records) {
    csv += fmt::format("{},{}", id, r["status"].get<std::string>());
    for (const auto& a : spec.axes) csv += "," + csv_field(value_text(r["axes"][a.name]));
    csv += fmt::format(",{},{},{},{}", on_front.count(id) ? 1 : 0,
                       csv_field(r.value("bottleneck", "")), number(r.value("wall_s", 0.0)),
                       csv_field(r.value("error", "")));
    for (const auto& m : metric_names) csv += "," + (has_metric(r, m) ? number(metric(r, m)) : "");
    csv += "\n";
    json p = r;
    p["pareto"] = on_front.count(id) > 0;
    points.push_back(p);
  }
  json axes = json::array();
  for (const auto& a : spec.axes)
    axes.push_back({{"name", a.name}, {"pointer", a.pointer}, {"values", a.values}});
  json objectives = json::array();
  for (const auto& o : spec.objectives)
    objectives.push_back({{"metric", o.metric}, {"goal", o.maximise ? "max" : "min"}});
  const json results = {{"sweep",
                         {{"name", spec.name},
                          {"file", spec.file.string()},
                          {"platform", spec.platform.string()},
                          {"scenario", spec.scenario.string()},
                          {"hash", spec.hash},
                          {"points", spec.points.size()},
                          {"done", records.size()},
                          {"axes", axes},
                          {"objectives", objectives}}},
                        {"points", points}};
  const std::string md = summary(spec, records, front);
  const auto svgs = charts(spec, records, front);
  std::vector<PendingFile> files = {
      {out / "results.json", results.dump(2) + "\n"},
      {out / "results.csv", csv},
      {out / "summary.md", md},
      {out / "report.html", html(spec, records, metric_names, md, svgs)}};
  if (svgs.count("pareto.svg")) files.push_back({out / "pareto.svg", svgs.at("pareto.svg")});
  write_files_atomically(files);
}

}  // namespace lumen
