#include "explore/noc_report.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "explore/svg_chart.h"
#include "platforms/instance_names.h"

namespace lumen {
namespace {

const std::string kNoc = std::string(kChipInstance) + ".noc";

// Link utilisation by "from>to" (router "rR,C", tile "tileN", port "memory.portJ").
std::map<std::string, double> link_utilisation(const RunResult& r) {
  std::map<std::string, double> links;
  const std::string prefix = kNoc + ".link.";
  for (const auto& [component, values] : r.components.components())
    if (component.compare(0, prefix.size(), prefix) == 0 && values.count("util_pct"))
      links[component.substr(prefix.size())] = values.at("util_pct");
  return links;
}

std::string router(std::uint32_t row, std::uint32_t col) {
  return fmt::format("r{},{}", row, col);
}

double get(const std::map<std::string, double>& links, const std::string& from,
           const std::string& to) {
  const auto it = links.find(from + ">" + to);
  return it == links.end() ? 0.0 : it->second;
}

// Green (idle) through yellow to red (saturated).
std::string heat(double pct) {
  const double x = std::clamp(pct / 100.0, 0.0, 1.0);
  const int red = static_cast<int>(std::min(1.0, 2 * x) * 220 + 20);
  const int green = static_cast<int>(std::min(1.0, 2 * (1 - x)) * 180 + 20);
  return fmt::format("rgb({},{},40)", red, green);
}

}  // namespace

std::string noc_markdown(const RunResult& r) {
  if (!r.chip.has_noc || !r.components.components().count(kNoc)) return "";
  const auto links = link_utilisation(r);
  const nlohmann::json& m = r.metrics;
  const NocParams& noc = r.chip.noc;
  std::string out = fmt::format(
      "\n## NoC\n\n{} of {} router(s), {} B links at {:.0f} MHz ({:.1f} GB/s per link and "
      "direction), {}-cycle routers, {} VCs × {} flits, {} granularity. Packets took {:.1f} ns on "
      "average; the busiest link was {:.1f}% busy, mesh links {:.1f}% on average.\n",
      noc.topology == NocTopology::kMesh ? "2D mesh" : "Crossbar", noc.routers(), noc.flit_bytes,
      noc.clock_hz / 1e6, noc.flit_bytes * noc.clock_hz / 1e9, noc.router_latency, noc.vcs,
      noc.buffer_flits, noc.granularity == NocGranularity::kFlit ? "flit" : "packet",
      m.value("noc_packet_latency_avg_ns", 0.0), m.value("noc_link_util_max_pct", 0.0),
      m.value("noc_mesh_link_util_avg_pct", 0.0));
  if (noc.topology == NocTopology::kMesh) {
    out +=
        "\n![NoC link utilisation](noc_links.svg)\n\nLink utilisation % out of each router "
        "(→ east, ← west, ↓ south, ↑ north):\n\n|   |";
    for (std::uint32_t c = 0; c < noc.cols; ++c) out += fmt::format(" col {} |", c);
    out += "\n|---|";
    for (std::uint32_t c = 0; c < noc.cols; ++c) out += "---|";
    out += "\n";
    for (std::uint32_t row = 0; row < noc.rows; ++row) {
      out += fmt::format("| row {} |", row);
      for (std::uint32_t col = 0; col < noc.cols; ++col) {
        const std::string self = router(row, col);
        std::string cell;
        const auto add = [&](const char* arrow, bool exists, std::uint32_t r2, std::uint32_t c2) {
          if (exists) cell += fmt::format(" {}{:.0f}", arrow, get(links, self, router(r2, c2)));
        };
        add("→", col + 1 < noc.cols, row, col + 1);
        add("←", col > 0, row, col - 1);
        add("↓", row + 1 < noc.rows, row + 1, col);
        add("↑", row > 0, row - 1, col);
        out += cell.empty() ? " – |" : cell + " |";
      }
      out += "\n";
    }
  }
  out += "\nMemory ports (into the network / out of it, %): ";
  std::vector<std::string> ports;
  for (const auto& [name, util] : links) {
    const auto arrow = name.find('>');
    const std::string from = name.substr(0, arrow);
    if (from.rfind(kMemoryInstance, 0) != 0) continue;
    const std::string to = name.substr(arrow + 1);
    ports.push_back(fmt::format("{} {:.0f}/{:.0f}", from, util, get(links, to, from)));
  }
  for (std::size_t i = 0; i < ports.size(); ++i) out += (i ? ", " : "") + ports[i];
  out += ".\n";
  return out;
}

std::vector<PendingFile> noc_charts(const RunResult& r, const std::filesystem::path& directory) {
  if (!r.chip.has_noc || r.chip.noc.topology != NocTopology::kMesh ||
      !r.components.components().count(kNoc))
    return {};
  const auto links = link_utilisation(r);
  const NocParams& noc = r.chip.noc;
  const int cell = 110, box = 44, margin = 70;
  const int width = margin * 2 + static_cast<int>(noc.cols) * cell;
  const int height = margin * 2 + static_cast<int>(noc.rows) * cell + 30;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" "
      "fill=\"white\"/>\n<text x=\"{2}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">NoC link "
      "utilisation (% of cycles busy)</text>\n",
      width, height, margin);
  const auto centre = [&](std::uint32_t row, std::uint32_t col) {
    return std::pair<int, int>{margin + static_cast<int>(col) * cell + cell / 2,
                               margin + static_cast<int>(row) * cell + cell / 2};
  };
  // Each direction of a link is drawn offset to its right-hand side, so both show.
  const auto arrow = [&](std::pair<int, int> a, std::pair<int, int> b, double pct) {
    const int dx = b.first - a.first, dy = b.second - a.second;
    const int ox = dy > 0 ? -6 : dy < 0 ? 6 : 0, oy = dx > 0 ? 6 : dx < 0 ? -6 : 0;
    const int x1 = a.first + (dx ? (dx > 0 ? box / 2 : -box / 2) : 0) + ox;
    const int y1 = a.second + (dy ? (dy > 0 ? box / 2 : -box / 2) : 0) + oy;
    const int x2 = b.first - (dx ? (dx > 0 ? box / 2 : -box / 2) : 0) + ox;
    const int y2 = b.second - (dy ? (dy > 0 ? box / 2 : -box / 2) : 0) + oy;
    svg += fmt::format(
        "<line class=\"link\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
        "stroke-width=\"5\"><title>{:.1f}%</title></line>\n<text x=\"{}\" y=\"{}\" "
        "text-anchor=\"middle\" font-size=\"9\">{:.0f}</text>\n",
        x1, y1, x2, y2, heat(pct), pct, (x1 + x2) / 2 + ox * 2, (y1 + y2) / 2 + oy * 2 + 3, pct);
  };
  for (std::uint32_t row = 0; row < noc.rows; ++row) {
    for (std::uint32_t col = 0; col < noc.cols; ++col) {
      const std::string self = router(row, col);
      if (col + 1 < noc.cols) {
        arrow(centre(row, col), centre(row, col + 1), get(links, self, router(row, col + 1)));
        arrow(centre(row, col + 1), centre(row, col), get(links, router(row, col + 1), self));
      }
      if (row + 1 < noc.rows) {
        arrow(centre(row, col), centre(row + 1, col), get(links, self, router(row + 1, col)));
        arrow(centre(row + 1, col), centre(row, col), get(links, router(row + 1, col), self));
      }
    }
  }
  for (std::uint32_t row = 0; row < noc.rows; ++row) {
    for (std::uint32_t col = 0; col < noc.cols; ++col) {
      const auto [x, y] = centre(row, col);
      const std::uint32_t tile = row * noc.cols + col;
      svg += fmt::format(
          "<rect class=\"router\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" "
          "fill=\"#dde6f2\" stroke=\"#345\"/>\n<text x=\"{}\" y=\"{}\" "
          "text-anchor=\"middle\">tile{}</text>\n",
          x - box / 2, y - box / 2, box, box, x, y + 4, tile);
    }
  }
  // Memory ports: a small box beside the edge router, labelled with its in/out utilisation.
  std::map<std::string, int> on_router;
  for (const auto& [name, util] : links) {
    const auto split = name.find('>');
    const std::string from = name.substr(0, split), to = name.substr(split + 1);
    if (from.rfind(kMemoryInstance, 0) != 0) continue;
    std::uint32_t row = 0, col = 0;
    if (std::sscanf(to.c_str(), "r%u,%u", &row, &col) != 2) continue;
    auto [x, y] = centre(row, col);
    const bool east = col + 1 == noc.cols && noc.cols > 1;
    const int slot = on_router[to]++;
    x += east ? box / 2 + 8 : -box / 2 - 52;
    y += -box / 2 + slot * 16;
    svg += fmt::format(
        "<rect class=\"port\" x=\"{}\" y=\"{}\" width=\"44\" height=\"14\" fill=\"{}\"><title>{} "
        "in {:.1f}% out {:.1f}%</title></rect>\n<text x=\"{}\" y=\"{}\" font-size=\"8\" "
        "text-anchor=\"middle\">{:.0f}/{:.0f}</text>\n",
        x, y, heat(std::max(util, get(links, to, from))), from, util, get(links, to, from), x + 22,
        y + 10, util, get(links, to, from));
  }
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\">Arrows: each direction of a link, % busy. Side boxes: HBM ports, "
      "% into / out of the network.</text>\n</svg>\n",
      margin, height - 12);
  return {{directory / "noc_links.svg", svg}};
}

std::string noc_sweep_markdown(const RunResult& r) {
  const nlohmann::json& m = r.metrics;
  const nlohmann::json& scenario = r.inputs.at("scenario");
  const NocParams& noc = r.chip.noc;
  std::string out =
      fmt::format("# Lumen NoC run: {} × {}\n\n", r.chip.name.empty() ? "platform" : r.chip.name,
                  scenario.value("name", "noc"));
  out +=
      fmt::format("**Bottleneck: {}** — {}.\n\n", r.bottleneck.resource, r.bottleneck.explanation);
  out += fmt::format(
      "{}x{} mesh, {} B links at {:.0f} MHz, {}-cycle routers, {} VCs × {} flits, {} "
      "granularity; {} traffic, {} flits per packet (one header). Each rate: {} warm-up cycles, "
      "then the packets created in {} cycles are followed until they arrive.\n\n",
      noc.rows, noc.cols, noc.flit_bytes, noc.clock_hz / 1e6, noc.router_latency, noc.vcs,
      noc.buffer_flits, noc.granularity == NocGranularity::kFlit ? "flit" : "packet",
      scenario.at("pattern").get<std::string>(), m["noc_packet_flits"].get<double>(),
      scenario.value("warmup_cycles", 2000), scenario.value("measure_cycles", 10000));
  out += fmt::format(
      "Zero-load latency (closed form, {:.2f} mean hops): **{:.2f} cycles**; measured at the "
      "lowest load: {:.2f} cycles.",
      m["noc_mean_hops"].get<double>(), m["noc_zero_load_latency_cycles"].get<double>(),
      m["noc_measured_low_load_latency_cycles"].get<double>());
  if (m.contains("noc_throughput_bound_flits_per_node_cycle"))
    out += fmt::format(
        " Throughput bound: {:.3f} flits per node per cycle; saturation reached "
        "{:.1f}% of it.",
        m["noc_throughput_bound_flits_per_node_cycle"].get<double>(),
        m["noc_saturation_of_bound_pct"].get<double>());
  out +=
      "\n\n![Latency against load](noc_latency_load.svg)\n\n"
      "| offered (flits/node/cycle) | accepted | latency (cycles) | latency (ns) | network "
      "latency (cycles) | mean hops | packets | saturated |\n|---|---|---|---|---|---|---|---|\n";
  for (const auto& p : r.series.at("latency_load"))
    out += fmt::format("| {:.3f} | {:.3f} | {:.2f} | {:.1f} | {:.2f} | {:.2f} | {} | {} |\n",
                       p["offered"].get<double>(), p["accepted"].get<double>(),
                       p["latency_cycles"].get<double>(), p["latency_ns"].get<double>(),
                       p["network_latency_cycles"].get<double>(), p["hops"].get<double>(),
                       p["packets"].get<std::uint64_t>(), p["saturated"].get<bool>() ? "yes" : "");
  out +=
      "\nLatency counts from a packet's creation (source queueing included) to its tail's "
      "arrival, as BookSim's packet latency. Saturated: the window's packets did not drain, "
      "less than 90% of the offered load was accepted, or latency passed 500 cycles.\n";
  out += fmt::format("\nInputs hash `{}`. Full figures in `report.json`.\n",
                     r.inputs.at("hash").get<std::string>());
  return out;
}

std::vector<PendingFile> noc_sweep_charts(const RunResult& r,
                                          const std::filesystem::path& directory) {
  if (!r.series.contains("latency_load")) return {};
  std::vector<Point> points;
  double zero_load = r.metrics.value("noc_zero_load_latency_cycles", 0.0);
  for (const auto& p : r.series.at("latency_load"))
    points.push_back({p["accepted"].get<double>(), p["latency_cycles"].get<double>()});
  const double bound = r.metrics.value("noc_throughput_bound_flits_per_node_cycle", 0.0);
  return {{directory / "noc_latency_load.svg",
           line_chart_svg("Packet latency against accepted load",
                          "accepted flits per node per cycle", "latency (cycles)", points, bound,
                          bound > 0 ? fmt::format("bound {:.3f}", bound) : "",
                          std::max(10 * zero_load, 50.0))}};
}

}  // namespace lumen
