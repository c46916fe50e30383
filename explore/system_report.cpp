#include "explore/system_report.h"

#include <fmt/format.h>

#include "explore/pong_svg.h"
#include "explore/svg_chart.h"
#include "explore/system_point.h"

namespace lumen {

using json = nlohmann::json;

namespace {

double number(const json& f, const char* key) {
  return f.contains(key) && f[key].is_number() ? f[key].get<double>() : 0.0;
}

std::string header(const RunResult& r) {
  const json& scenario = r.inputs.at("scenario");
  std::string out =
      fmt::format("# Lumen run: {} × {}\n\n", r.chip.name.empty() ? "platform" : r.chip.name,
                  scenario.value("name", scenario.value("kind", "scenario")));
  if (!r.complete)
    out += fmt::format(
        "> **Partial run**: stopped by {}. Every figure below covers only the simulated part; "
        "this is not the result of the whole scenario.\n\n",
        r.stopped_because);
  out +=
      fmt::format("**Bottleneck: {}** — {}.\n\n", r.bottleneck.resource, r.bottleneck.explanation);
  return out;
}

std::string fabrics_line(const json& fabrics) {
  std::string out = "Fabrics, side by side in one simulation:\n\n";
  for (const auto& f : fabrics)
    out += fmt::format(
        "- **{}**: {} chips, {} topology, {} link `{}` ({:.0f} GB/s of I/O per chip and "
        "direction, {:.0f} W static: lasers, tuning, switch)\n",
        f["name"].get<std::string>(), f["chips"].get<int>(), f["topology"].get<std::string>(),
        f["link_kind"].get<std::string>(), f["link"].get<std::string>(), number(f, "chip_io_GBps"),
        number(f, "fabric_static_W"));
  return out + "\n";
}

std::string links_table(const RunResult& r) {
  const std::string prefix = "system.fabric.link.";
  std::string out =
      "\n## Links of the first fabric\n\n| link | bytes | busy % | GB/s while busy | "
      "retransmitted frames | energy pJ |\n|---|---|---|---|---|---|\n";
  std::size_t rows = 0;
  for (const auto& [path, v] : r.components.components()) {
    if (path.rfind(prefix, 0) != 0) continue;
    if (++rows > 64) break;
    out += fmt::format("| {} | {:.0f} | {:.1f} | {:.1f} | {:.0f} | {:.4g} |\n",
                       path.substr(prefix.size()), v.at("bytes"), v.at("busy_pct"),
                       v.at("achieved_GBps"), v.at("retransmitted_frames"),
                       v.at("energy_dynamic_pJ") + v.at("energy_static_pJ"));
  }
  return out + "\n![link utilisation](fabric_links.svg)\n";
}

std::string collective_markdown(const RunResult& r) {
  const json& s = r.inputs.at("scenario");
  const json& fabrics = r.series.at("fabrics");
  std::string out = header(r);
  out +=
      fmt::format("{} ({}, {} chunk(s), {} iteration(s)) of {} per chip.\n\n",
                  s.at("op").get<std::string>(), s.value("algorithm", "default algorithm"),
                  s.value("chunks", 1), s.value("iterations", 1), s.at("bytes").get<std::string>());
  out += fabrics_line(fabrics);
  out +=
      "| fabric | time µs | closed form µs | error % | algbw GB/s | busbw GB/s | fabric µJ | "
      "per collective µJ | fabric pJ/bit | static share % | busiest link % | OCS "
      "reconfigurations |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& f : fabrics)
    out += fmt::format(
        "| {} | {:.2f} | {:.2f} | {:+.2f} | {:.1f} | {:.1f} | {:.2f} | {:.2f} | {:.2f} | {:.1f} | "
        "{:.1f} | {:.0f} |\n",
        f["name"].get<std::string>(), number(f, "collective_ns") / 1e3,
        number(f, "closed_form_ns") / 1e3, number(f, "closed_form_error_pct"),
        number(f, "algorithm_bandwidth_GBps"), number(f, "bus_bandwidth_GBps"),
        number(f, "fabric_energy_pJ") / 1e6, number(f, "energy_per_collective_pJ") / 1e6,
        number(f, "fabric_energy_per_bit_pJ"), number(f, "laser_static_share_pct"),
        number(f, "fabric_link_util_max_pct"), number(f, "ocs_reconfigurations"));
  out += "\nClosed forms (α-β-γ, contention-free; `docs/models/fabric.md`)";
  if (s.value("chunks", 1) > 1)
    out += fmt::format(
        ", for one chunk: with {} chunks each chip reduces one chunk while the next crosses the "
        "link, so a run faster than its closed form is that overlap",
        s.value("chunks", 1));
  out += ":\n\n";
  for (const auto& f : fabrics)
    if (f.contains("closed_form"))
      out += fmt::format(
          "- {}: `{}` with α = {:.1f} ns, B = {:.1f} GB/s per hop, reduction {:.0f} GB/s: "
          "latency {:.2f} µs + bandwidth {:.2f} µs + reduction {:.2f} µs + reconfiguration "
          "{:.2f} µs\n",
          f["name"].get<std::string>(), f["closed_form"].get<std::string>(), number(f, "alpha_ns"),
          number(f, "hop_GBps"), number(f, "reduce_GBps"), number(f, "latency_term_ns") / 1e3,
          number(f, "bandwidth_term_ns") / 1e3, number(f, "reduce_term_ns") / 1e3,
          number(f, "reconfiguration_term_ns") / 1e3);
  out += "\n![time per fabric](collective_fabrics.svg)\n";
  out += fmt::format(
      "\n## Energy\n\nPer collective, first fabric: {:.3g} µJ of fabric ({:.3g} µJ moving bits, "
      "{:.3g} µJ static: {:.1f}% of it) and {:.3g} µJ reducing on the chips.\n",
      number(fabrics[0], "fabric_energy_pJ") / 1e6, number(fabrics[0], "fabric_dynamic_pJ") / 1e6,
      number(fabrics[0], "fabric_static_pJ") / 1e6, number(fabrics[0], "laser_static_share_pct"),
      number(fabrics[0], "reduction_energy_pJ") / 1e6);
  return out + links_table(r);
}

std::string pingpong_markdown(const RunResult& r) {
  const json& fabrics = r.series.at("fabrics");
  std::string out = header(r) + fabrics_line(fabrics);
  out += "| bytes |";
  std::string rule = "|---|";
  for (const auto& f : fabrics) {
    out += fmt::format(" {} latency ns | {} GB/s |", f["name"].get<std::string>(),
                       f["name"].get<std::string>());
    rule += "---|---|";
  }
  out += "\n" + rule + "\n";
  const std::size_t sizes = fabrics[0]["curve"].size();
  for (std::size_t z = 0; z < sizes; ++z) {
    out += fmt::format("| {} |", fabrics[0]["curve"][z]["bytes"].get<std::uint64_t>());
    for (const auto& f : fabrics)
      out += fmt::format(" {:.1f} | {:.2f} |", f["curve"][z]["latency_ns"].get<double>(),
                         f["curve"][z]["bandwidth_GBps"].get<double>());
    out += "\n";
  }
  out += "\n";
  for (const auto& f : fabrics)
    out += fmt::format(
        "- {}: α = {:.1f} ns over {} hop(s), {:.1f} GB/s per hop, half bandwidth at n½ = {:.0f} "
        "B\n",
        f["name"].get<std::string>(), number(f, "alpha_ns"), f["hops"].get<int>(),
        number(f, "hop_GBps"), number(f, "n_half_bytes"));
  out += "\n![latency](pingpong_latency.svg)\n\n![bandwidth](pingpong_bandwidth.svg)\n";
  return out;
}

std::string pong_markdown(const RunResult& r) {
  const json& fabrics = r.series.at("fabrics");
  const json& pong = r.series.at("pong");
  std::string out = header(r) + fabrics_line(fabrics);
  out += fmt::format("A {}×{} court on {} chips, {} frames. Final score {} : {}.\n\n",
                     pong["width"].get<int>(), pong["height"].get<int>(), pong["chips"].get<int>(),
                     pong["frames"].size(), pong["left_score"].get<int>(),
                     pong["right_score"].get<int>());
  out +=
      "| fabric | frame µs | highest frame rate /s | render µs | communicating % | fabric µJ "
      "per frame |\n|---|---|---|---|---|---|\n";
  for (const auto& f : fabrics)
    out += fmt::format(
        "| {} | {:.3f} | {:.0f} | {:.3f} | {:.1f} | {:.3g} |\n", f["name"].get<std::string>(),
        number(f, "frame_ns") / 1e3, number(f, "frame_rate_hz"), number(f, "render_ns") / 1e3,
        number(f, "communication_share_pct"),
        number(f, "fabric_energy_pJ") / 1e6 / std::max<std::size_t>(1, pong["frames"].size()));
  out +=
      "\nEvery frame each chip renders its strip, hands the ball and paddles to its "
      "neighbours and waits at a barrier: the frame rate is set by the slowest of those, "
      "and on small strips by the fabric's latency, not its bandwidth.\n\n"
      "![court](pong_court.svg)\n\n![one frame](pong_frame.svg)\n\n![frame rate](pong_fps.svg)\n";
  return out;
}

}  // namespace

std::string system_markdown(const RunResult& r) {
  std::string out;
  if (!r.complete || !r.series.contains("fabrics") || !r.series["fabrics"][0].contains("name"))
    out = header(r);
  else if (r.workload.kind == "collective" && r.series["fabrics"][0].contains("collective_ns"))
    out = collective_markdown(r);
  else if (r.workload.kind == "pingpong" && r.series["fabrics"][0].contains("curve"))
    out = pingpong_markdown(r);
  else if (r.workload.kind == "pong" && r.series["fabrics"][0].contains("timeline"))
    out = pong_markdown(r);
  else
    out = header(r);
  if (r.chip.functional && r.series.contains("fabrics"))
    for (const json& f : r.series["fabrics"]) {
      const double intact = number(f, "fabric_payloads_intact"),
                   corrupted = number(f, "fabric_payloads_corrupted");
      out += fmt::format(
          "\n**Payloads ({})**: {:.0f} messages checked byte for byte at their receivers, {:.0f} "
          "intact, {:.0f} corrupted; {:.0f} frames resent ({:.0f} ns lost), {:.0f} delivered "
          "with errors, {:.0f} messages rerouted.{}\n",
          f.value("name", "fabric"), intact + corrupted, intact, corrupted,
          number(f, "fabric_retransmitted_frames"), number(f, "fabric_retransmission_ns"),
          number(f, "fabric_corrupted_frames"), number(f, "fabric_rerouted_messages"),
          corrupted > 0 ? " **Data was lost: the link does not retransmit.**" : "");
    }
  return out + fmt::format("\nInputs hash `{}`. Full figures in `report.json`.\n",
                           r.inputs.at("hash").get<std::string>());
}

std::vector<PendingFile> system_charts(const RunResult& r, const std::filesystem::path& directory) {
  std::vector<PendingFile> files;
  if (!is_system_kind(r.workload.kind) || !r.complete) return files;
  const json& fabrics = r.series.at("fabrics");
  std::vector<Bar> links;
  const std::string prefix = "system.fabric.link.";
  for (const auto& [path, v] : r.components.components())
    if (path.rfind(prefix, 0) == 0) links.push_back({path.substr(prefix.size()), v.at("busy_pct")});
  if (!links.empty())
    files.push_back({directory / "fabric_links.svg", bar_chart_svg("Link utilisation, first fabric",
                                                                   "busy %", links, 100, "100%")});
  if (r.workload.kind == "collective") {
    std::vector<Bar> bars;
    for (const auto& f : fabrics) bars.push_back({f["name"], number(f, "collective_ns") / 1e3});
    files.push_back({directory / "collective_fabrics.svg",
                     bar_chart_svg("Collective time per fabric", "µs", bars)});
  }
  if (r.workload.kind == "pingpong") {
    std::vector<Series> latency, bandwidth;
    for (const auto& f : fabrics) {
      Series l{f["name"], {}}, b{f["name"], {}};
      for (const auto& p : f["curve"]) {
        l.points.push_back({p["bytes"].get<double>(), p["latency_ns"].get<double>()});
        b.points.push_back({p["bytes"].get<double>(), p["bandwidth_GBps"].get<double>()});
      }
      latency.push_back(l);
      bandwidth.push_back(b);
    }
    files.push_back({directory / "pingpong_latency.svg",
                     log_log_chart_svg("One-way latency", "message bytes", "ns", latency)});
    files.push_back({directory / "pingpong_bandwidth.svg",
                     log_log_chart_svg("Bandwidth", "message bytes", "GB/s", bandwidth)});
  }
  if (r.workload.kind == "pong") {
    const json& pong = r.series.at("pong");
    files.push_back({directory / "pong_court.svg", pong_court_svg(pong)});
    files.push_back({directory / "pong_frame.svg", pong_frame_svg(fabrics, pong["chips"])});
    std::vector<Bar> fps;
    for (const auto& f : fabrics) fps.push_back({f["name"], number(f, "frame_rate_hz") / 1e3});
    files.push_back(
        {directory / "pong_fps.svg",
         bar_chart_svg("Highest frame rate each fabric sustains", "thousand frames/s", fps)});
  }
  return files;
}

}  // namespace lumen
