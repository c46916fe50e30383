#include "explore/pong_svg.h"

#include <algorithm>

#include <fmt/format.h>

#include "explore/svg_chart.h"

namespace lumen {

using json = nlohmann::json;

std::string pong_court_svg(const json& pong) {
  const double court_w = pong["width"], court_h = pong["height"];
  const std::uint32_t chips = pong["chips"];
  const double scale = 640 / court_w, w = 640, h = court_h * scale, top = 40;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" font-size=\"11\">\n"
      "<rect width=\"{0:.0f}\" height=\"{1:.0f}\" fill=\"white\"/>\n"
      "<text x=\"0\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Pong on {2} chips: each "
      "renders its strip; score {3} : {4}</text>\n",
      w, h + top + 10, chips, pong["left_score"].get<int>(), pong["right_score"].get<int>());
  const double strip = w / chips;
  for (std::uint32_t i = 0; i < chips; ++i) {
    svg += fmt::format(
        "<rect class=\"strip\" x=\"{:.1f}\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"{}\" fill-opacity=\"0.25\" stroke=\"#333\"/>\n"
        "<text x=\"{:.1f}\" y=\"{:.0f}\" text-anchor=\"middle\" fill=\"#333\">chip {}</text>\n",
        i * strip, top, strip, h, series_colour(i), (i + 0.5) * strip, top + 14, i);
  }
  std::string path;
  for (const auto& f : pong["frames"])
    path += fmt::format("{:.1f},{:.1f} ", f["x"].get<double>() * scale,
                        top + f["y"].get<double>() * scale);
  svg += fmt::format(
      "<polyline class=\"ball-path\" points=\"{}\" fill=\"none\" stroke=\"#222\" "
      "stroke-dasharray=\"3,3\"/>\n",
      path);
  const json& last = pong["frames"].back();
  svg +=
      fmt::format("<circle class=\"ball\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"#cc3311\"/>\n",
                  last["x"].get<double>() * scale, top + last["y"].get<double>() * scale);
  const double half = pong["paddle_half_height"].get<double>() * scale;
  for (const auto& [x, key] : {std::pair<double, const char*>{0, "left_paddle"},
                               std::pair<double, const char*>{w - 6, "right_paddle"}})
    svg += fmt::format(
        "<rect class=\"paddle\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"6\" height=\"{:.1f}\" "
        "fill=\"#222\"/>\n",
        x, top + pong[key].get<double>() * scale - half, 2 * half);
  svg += "</svg>\n";
  return svg;
}

std::string pong_frame_svg(const json& fabrics, std::uint32_t chips) {
  const double left = 170, right = 30, row = 14, gap = 30, plot_w = 520, top = 40;
  double longest = 0;
  for (const auto& f : fabrics)
    for (const auto& t : f["timeline"]) longest = std::max(longest, t["end_ns"].get<double>());
  if (longest <= 0) longest = 1;
  const double block = chips * row + gap;
  const double height = top + block * static_cast<double>(fabrics.size()) + 30;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" font-size=\"11\">\n"
      "<rect width=\"{0:.0f}\" height=\"{1:.0f}\" fill=\"white\"/>\n"
      "<text x=\"0\" y=\"18\" font-size=\"14\" font-weight=\"bold\">One frame, chip by chip "
      "(0 to {2:.0f} ns): render, halo exchange, barrier</text>\n",
      left + plot_w + right, height, longest);
  const char* colours[] = {"#228833", "#ee6677", "#4477aa"};
  const auto colour = [&](const std::string& part) {
    return part == "compute" ? colours[0] : part == "exchange" ? colours[1] : colours[2];
  };
  for (std::size_t k = 0; k < fabrics.size(); ++k) {
    const json& f = fabrics[k];
    const double y0 = top + block * static_cast<double>(k);
    svg +=
        fmt::format("<text x=\"0\" y=\"{:.0f}\" font-weight=\"bold\">{}: {:.0f} ns</text>\n",
                    y0 + 10, svg_escape(f["name"].get<std::string>()), f["frame_ns"].get<double>());
    for (std::uint32_t i = 0; i < chips; ++i)
      svg += fmt::format("<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"end\">chip {}</text>\n",
                         left - 6, y0 + 14 + (i + 1) * row - 3, i);
    for (const auto& t : f["timeline"]) {
      const double x0 = left + plot_w * t["start_ns"].get<double>() / longest;
      const double x1 = left + plot_w * t["end_ns"].get<double>() / longest;
      const double y = y0 + 14 + t["chip"].get<double>() * row;
      svg += fmt::format(
          "<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" "
          "fill=\"{}\" fill-opacity=\"0.8\"><title>chip {} {} {}: {:.0f}–{:.0f} "
          "ns</title></rect>\n",
          t["part"].get<std::string>(), x0, y, std::max(0.5, x1 - x0), row - 3, colour(t["part"]),
          t["chip"].get<int>(), t["part"].get<std::string>(), t["op"].get<std::string>(),
          t["start_ns"].get<double>(), t["end_ns"].get<double>());
    }
  }
  double lx = left;
  for (const char* part : {"compute", "exchange", "sync"}) {
    svg += fmt::format(
        "<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"12\" height=\"10\" fill=\"{}\"/><text "
        "x=\"{:.0f}\" y=\"{:.0f}\">{}</text>\n",
        lx, height - 20, colour(part), lx + 16, height - 11,
        std::string(part) == "compute"    ? "render"
        : std::string(part) == "exchange" ? "halo"
                                          : "barrier");
    lx += 90;
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace lumen
