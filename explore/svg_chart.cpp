#include "explore/svg_chart.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace lumen {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string short_number(double v) {
  if (v == 0) return "0";
  if (std::fabs(v) >= 100) return fmt::format("{:.0f}", v);
  if (std::fabs(v) >= 10) return fmt::format("{:.1f}", v);
  return fmt::format("{:.2f}", v);
}

// Engineering label of a power of ten: 1, 10, 100, 1k, 10k, ... 1G; 0.1, 0.01 below one.
std::string decade_label(int exponent) {
  static const char* suffixes[] = {"", "k", "M", "G", "T", "P"};
  if (exponent < 0) return fmt::format("{:g}", std::pow(10.0, exponent));
  const int group = std::min(exponent / 3, 5);
  return fmt::format("{:g}{}", std::pow(10.0, exponent - 3 * group), suffixes[group]);
}

}  // namespace

std::string svg_escape(const std::string& text) {
  return escape(text);
}

const char* series_colour(std::size_t index) {
  static const char* colours[] = {"#4477aa", "#ee6677", "#228833", "#ccbb44",
                                  "#66ccee", "#aa3377", "#bbbbbb"};
  return colours[index % 7];
}

std::string log_log_chart_svg(const std::string& title, const std::string& x_label,
                              const std::string& y_label, const std::vector<Series>& series) {
  const double left = 60, right = 30, top = 40, bottom = 50, plot_w = 520, plot_h = 260;
  const double legend_h = 16.0 * static_cast<double>(series.size());
  const double width = left + plot_w + right, height = top + plot_h + bottom + legend_h;
  double lo_x = 1e300, hi_x = 0, lo_y = 1e300, hi_y = 0;
  for (const Series& s : series)
    for (const Point& p : s.points) {
      if (p.x <= 0 || p.y <= 0) continue;
      lo_x = std::min(lo_x, p.x), hi_x = std::max(hi_x, p.x);
      lo_y = std::min(lo_y, p.y), hi_y = std::max(hi_y, p.y);
    }
  if (hi_x <= 0) lo_x = lo_y = 1, hi_x = hi_y = 10;
  const int x0 = static_cast<int>(std::floor(std::log10(lo_x))),
            x1 = std::max(x0 + 1, static_cast<int>(std::ceil(std::log10(hi_x))));
  const int y0 = static_cast<int>(std::floor(std::log10(lo_y))),
            y1 = std::max(y0 + 1, static_cast<int>(std::ceil(std::log10(hi_y))));
  const auto x = [&](double v) { return left + plot_w * (std::log10(v) - x0) / (x1 - x0); };
  const auto y = [&](double v) { return top + plot_h - plot_h * (std::log10(v) - y0) / (y1 - y0); };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" font-size=\"11\">\n"
      "<rect width=\"{0:.0f}\" height=\"{1:.0f}\" fill=\"white\"/>\n"
      "<text x=\"{2:.0f}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{3}</text>\n",
      width, height, left, escape(title));
  svg += fmt::format(
      "<text transform=\"translate(14,{:.0f}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n"
      "<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"middle\">{}</text>\n",
      top + plot_h / 2, escape(y_label), left + plot_w / 2, top + plot_h + 36, escape(x_label));
  for (int e = x0; e <= x1; ++e)
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.0f}\" x2=\"{0:.1f}\" y2=\"{2:.0f}\" stroke=\"#ddd\"/>\n"
        "<text x=\"{0:.1f}\" y=\"{3:.0f}\" text-anchor=\"middle\">{4}</text>\n",
        x(std::pow(10.0, e)), top, top + plot_h, top + plot_h + 16, decade_label(e));
  for (int e = y0; e <= y1; ++e)
    svg += fmt::format(
        "<line x1=\"{0:.0f}\" y1=\"{1:.1f}\" x2=\"{2:.0f}\" y2=\"{1:.1f}\" stroke=\"#ddd\"/>\n"
        "<text x=\"{3:.0f}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
        left, y(std::pow(10.0, e)), left + plot_w, left - 4, y(std::pow(10.0, e)) + 4,
        decade_label(e));
  svg += fmt::format(
      "<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"{:.0f}\" height=\"{:.0f}\" fill=\"none\" "
      "stroke=\"black\"/>\n",
      left, top, plot_w, plot_h);
  for (std::size_t i = 0; i < series.size(); ++i) {
    std::string path;
    for (const Point& p : series[i].points)
      if (p.x > 0 && p.y > 0) path += fmt::format("{:.1f},{:.1f} ", x(p.x), y(p.y));
    svg += fmt::format(
        "<polyline class=\"line\" points=\"{}\" fill=\"none\" stroke=\"{}\" "
        "stroke-width=\"2\"/>\n",
        path, series_colour(i));
    for (const Point& p : series[i].points)
      if (p.x > 0 && p.y > 0)
        svg += fmt::format(
            "<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\">"
            "<title>{}: {} , {}</title></circle>\n",
            x(p.x), y(p.y), series_colour(i), escape(series[i].label), short_number(p.x),
            short_number(p.y));
    const double ly = top + plot_h + 50 + 16.0 * static_cast<double>(i);
    svg += fmt::format(
        "<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"12\" height=\"10\" fill=\"{}\"/>"
        "<text x=\"{:.0f}\" y=\"{:.0f}\">{}</text>\n",
        left, ly - 9, series_colour(i), left + 18, ly, escape(series[i].label));
  }
  svg += "</svg>\n";
  return svg;
}

std::string scatter_chart_svg(const std::string& title, const std::string& x_label,
                              const std::string& y_label, const std::vector<ScatterPoint>& points,
                              bool join) {
  const double left = 70, right = 30, top = 40, bottom = 50, plot_w = 480, plot_h = 260;
  const double width = left + plot_w + right, height = top + plot_h + bottom;
  double lo_x = 1e300, hi_x = -1e300, lo_y = 1e300, hi_y = -1e300;
  for (const auto& p : points) {
    lo_x = std::min(lo_x, p.x), hi_x = std::max(hi_x, p.x);
    lo_y = std::min(lo_y, p.y), hi_y = std::max(hi_y, p.y);
  }
  if (points.empty()) lo_x = lo_y = 0, hi_x = hi_y = 1;
  const bool log_x = lo_x > 0 && hi_x / lo_x > 100, log_y = lo_y > 0 && hi_y / lo_y > 100;
  const auto axis = [](double lo, double hi, bool log) {
    if (log) return std::pair<double, double>{std::log10(lo), std::log10(hi)};
    if (hi == lo) return std::pair<double, double>{lo - 1, hi + 1};
    const double pad = (hi - lo) * 0.05;
    return std::pair<double, double>{lo - pad, hi + pad};
  };
  auto [x0, x1] = axis(lo_x, hi_x, log_x);
  auto [y0, y1] = axis(lo_y, hi_y, log_y);
  if (x1 == x0) x1 = x0 + 1;
  if (y1 == y0) y1 = y0 + 1;
  const auto x = [&](double v) {
    return left + plot_w * ((log_x ? std::log10(v) : v) - x0) / (x1 - x0);
  };
  const auto y = [&](double v) {
    return top + plot_h - plot_h * ((log_y ? std::log10(v) : v) - y0) / (y1 - y0);
  };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0:.0f}\" "
      "height=\"{1:.0f}\" viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" "
      "font-size=\"11\">\n<rect width=\"{0:.0f}\" height=\"{1:.0f}\" fill=\"white\"/>\n"
      "<text x=\"{2:.0f}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{3}</text>\n",
      width, height, left, escape(title));
  svg += fmt::format(
      "<text transform=\"translate(14,{:.0f}) rotate(-90)\" text-anchor=\"middle\">{}{}</text>\n"
      "<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"middle\">{}{}</text>\n"
      "<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"{:.0f}\" height=\"{:.0f}\" fill=\"none\" "
      "stroke=\"black\"/>\n",
      top + plot_h / 2, escape(y_label), log_y ? " (log)" : "", left + plot_w / 2, height - 10,
      escape(x_label), log_x ? " (log)" : "", left, top, plot_w, plot_h);
  for (int tick = 0; tick <= 4; ++tick) {
    const double fx = x0 + (x1 - x0) * tick / 4, fy = y0 + (y1 - y0) * tick / 4;
    const double vx = log_x ? std::pow(10.0, fx) : fx, vy = log_y ? std::pow(10.0, fy) : fy;
    svg += fmt::format(
        "<text x=\"{:.0f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n"
        "<text x=\"{:.1f}\" y=\"{:.0f}\" text-anchor=\"middle\">{}</text>\n",
        left - 4, y(vy) + 4, short_number(vy), x(vx), top + plot_h + 16, short_number(vx));
  }
  if (join) {
    std::vector<ScatterPoint> front;
    for (const auto& p : points)
      if (p.highlighted) front.push_back(p);
    std::sort(front.begin(), front.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
    std::string path;
    for (const auto& p : front) path += fmt::format("{:.1f},{:.1f} ", x(p.x), y(p.y));
    svg += fmt::format(
        "<polyline class=\"front\" points=\"{}\" fill=\"none\" stroke=\"#ee6677\" "
        "stroke-width=\"1.5\"/>\n",
        path);
  }
  for (const auto& p : points)
    svg += fmt::format(
        "<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" "
        "fill-opacity=\"{}\"><title>{}</title></circle>\n",
        p.highlighted ? "point" : "point dim", x(p.x), y(p.y), p.highlighted ? 4 : 3,
        p.highlighted ? "#4477aa" : "#bbbbbb", p.highlighted ? "0.9" : "0.6", escape(p.label));
  svg += "</svg>\n";
  return svg;
}

std::string bar_chart_svg(const std::string& title, const std::string& y_label,
                          const std::vector<Bar>& bars, double limit,
                          const std::string& limit_label) {
  const double left = 60, right = 20, top = 40, bottom = 50, plot_h = 220;
  const double slot = std::max(18.0, std::min(60.0, 720.0 / std::max<std::size_t>(1, bars.size())));
  const double plot_w = slot * static_cast<double>(bars.size());
  const double width = left + plot_w + right, height = top + plot_h + bottom;
  double top_value = limit;
  for (const Bar& b : bars) top_value = std::max(top_value, b.value);
  if (top_value <= 0) top_value = 1;
  top_value *= 1.1;
  const auto y = [&](double v) { return top + plot_h - plot_h * v / top_value; };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0f}\" height=\"{:.0f}\" "
      "viewBox=\"0 0 {:.0f} {:.0f}\" font-family=\"sans-serif\" font-size=\"11\">\n",
      width, height, width, height);
  svg += fmt::format("<rect width=\"{:.0f}\" height=\"{:.0f}\" fill=\"white\"/>\n", width, height);
  svg +=
      fmt::format("<text x=\"{:.0f}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
                  left, escape(title));
  svg += fmt::format(
      "<text transform=\"translate(14,{:.0f}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
      top + plot_h / 2, escape(y_label));
  svg += fmt::format(
      "<line x1=\"{0:.0f}\" y1=\"{1:.0f}\" x2=\"{0:.0f}\" y2=\"{2:.0f}\" "
      "stroke=\"black\"/>\n",
      left, top, top + plot_h);
  svg += fmt::format(
      "<line x1=\"{0:.0f}\" y1=\"{1:.0f}\" x2=\"{2:.0f}\" y2=\"{1:.0f}\" "
      "stroke=\"black\"/>\n",
      left, top + plot_h, left + plot_w);
  for (int tick = 0; tick <= 4; ++tick) {
    const double v = top_value / 1.1 * tick / 4;
    svg += fmt::format("<text x=\"{:.0f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 4,
                       y(v) + 4, short_number(v));
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double x = left + slot * static_cast<double>(i) + slot * 0.15;
    const double w = slot * 0.7, v = std::max(0.0, bars[i].value);
    svg += fmt::format(
        "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"#4477aa\"><title>{}: {}</title></rect>\n",
        x, y(v), w, top + plot_h - y(v), escape(bars[i].label), short_number(bars[i].value));
    if (slot >= 30)
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                         x + w / 2, y(v) - 3, short_number(bars[i].value));
    svg += fmt::format(
        "<text x=\"{0:.1f}\" y=\"{1:.1f}\" text-anchor=\"end\" "
        "transform=\"rotate(-45 {0:.1f} {1:.1f})\">{2}</text>\n",
        x + w / 2, top + plot_h + 14, escape(bars[i].label));
  }
  if (limit > 0) {
    svg += fmt::format(
        "<line x1=\"{0:.0f}\" y1=\"{1:.1f}\" x2=\"{2:.0f}\" y2=\"{1:.1f}\" "
        "stroke=\"#cc3311\" stroke-dasharray=\"5,4\"/>\n",
        left, y(limit), left + plot_w);
    svg += fmt::format(
        "<text x=\"{:.0f}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#cc3311\">{}</text>\n",
        left + plot_w, y(limit) - 4, escape(limit_label));
  }
  svg += "</svg>\n";
  return svg;
}

std::string line_chart_svg(const std::string& title, const std::string& x_label,
                           const std::string& y_label, const std::vector<Point>& points,
                           double marker_x, const std::string& marker_label, double y_cap) {
  const double left = 60, right = 30, top = 40, bottom = 50, plot_w = 520, plot_h = 260;
  const double width = left + plot_w + right, height = top + plot_h + bottom;
  double max_x = marker_x, max_y = 0;
  for (const Point& p : points) {
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, y_cap > 0 ? std::min(p.y, y_cap) : p.y);
  }
  max_x = max_x > 0 ? max_x * 1.05 : 1;
  max_y = max_y > 0 ? max_y * 1.1 : 1;
  const auto x = [&](double v) { return left + plot_w * v / max_x; };
  const auto y = [&](double v) {
    return top + plot_h - plot_h * (y_cap > 0 ? std::min(v, y_cap) : v) / max_y;
  };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" font-size=\"11\">\n"
      "<rect width=\"{0:.0f}\" height=\"{1:.0f}\" fill=\"white\"/>\n"
      "<text x=\"{2:.0f}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{3}</text>\n",
      width, height, left, escape(title));
  svg += fmt::format(
      "<text transform=\"translate(14,{:.0f}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n"
      "<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"middle\">{}</text>\n",
      top + plot_h / 2, escape(y_label), left + plot_w / 2, height - 10, escape(x_label));
  svg += fmt::format(
      "<line x1=\"{0:.0f}\" y1=\"{1:.0f}\" x2=\"{0:.0f}\" y2=\"{2:.0f}\" stroke=\"black\"/>\n"
      "<line x1=\"{0:.0f}\" y1=\"{2:.0f}\" x2=\"{3:.0f}\" y2=\"{2:.0f}\" stroke=\"black\"/>\n",
      left, top, top + plot_h, left + plot_w);
  for (int tick = 0; tick <= 4; ++tick) {
    const double vy = max_y / 1.1 * tick / 4, vx = max_x / 1.05 * tick / 4;
    svg += fmt::format(
        "<text x=\"{:.0f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n"
        "<text x=\"{:.1f}\" y=\"{:.0f}\" text-anchor=\"middle\">{}</text>\n",
        left - 4, y(vy) + 4, short_number(vy), x(vx), top + plot_h + 16, short_number(vx));
  }
  if (marker_x > 0) {
    svg += fmt::format(
        "<line class=\"marker\" x1=\"{0:.1f}\" y1=\"{1:.0f}\" x2=\"{0:.1f}\" y2=\"{2:.0f}\" "
        "stroke=\"#c33\" stroke-dasharray=\"5,4\"/>\n<text x=\"{3:.1f}\" y=\"{4:.0f}\" "
        "fill=\"#c33\" text-anchor=\"end\">{5}</text>\n",
        x(marker_x), top, top + plot_h, x(marker_x) - 4, top + 12, escape(marker_label));
  }
  std::string path;
  for (const Point& p : points) path += fmt::format("{:.1f},{:.1f} ", x(p.x), y(p.y));
  svg += fmt::format(
      "<polyline class=\"line\" points=\"{}\" fill=\"none\" stroke=\"#2a6db0\" "
      "stroke-width=\"2\"/>\n",
      path);
  for (const Point& p : points)
    svg += fmt::format(
        "<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"#2a6db0\">"
        "<title>{} , {}</title></circle>\n",
        x(p.x), y(p.y), short_number(p.x), short_number(p.y));
  svg += "</svg>\n";
  return svg;
}

}  // namespace lumen
