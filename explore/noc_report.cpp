#include "explore/noc_report.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <fmt/format.h>

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
  if (!r.chip.has_noc) return "";
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
    out += "\n![NoC link utilisation](noc_links.svg)\n\nLink utilisation % out of each router "
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
  if (!r.chip.has_noc || r.chip.noc.topology != NocTopology::kMesh) return {};
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

}  // namespace lumen
