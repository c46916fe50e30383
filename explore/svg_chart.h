// Small self-contained SVG charts for reports (no scripts, no external fonts or styles), so
// summary.md can show a picture where a table would be tedious to read.
#pragma once

#include <string>
#include <vector>

namespace lumen {

struct Bar {
  std::string label;
  double value = 0;
};

// Vertical bars with a title, a y-axis label and the value printed over each bar. `limit`, if
// positive, draws a dashed reference line (e.g. the peak) at that value.
std::string bar_chart_svg(const std::string& title, const std::string& y_label,
                          const std::vector<Bar>& bars, double limit = 0,
                          const std::string& limit_label = "");

struct Point {
  double x = 0, y = 0;
};

// A line with markers through `points` (in x order), linear axes from zero. `marker_x`, if
// positive, draws a dashed vertical reference line (e.g. a throughput bound) labelled
// `marker_label`. Points above `y_cap` are drawn at the cap (off the chart's scale).
std::string line_chart_svg(const std::string& title, const std::string& x_label,
                           const std::string& y_label, const std::vector<Point>& points,
                           double marker_x = 0, const std::string& marker_label = "",
                           double y_cap = 0);

struct Series {
  std::string label;
  std::vector<Point> points;  // x order; x and y positive
};

// Lines with markers on log–log axes (decades labelled), one colour per series and a legend:
// e.g. latency and bandwidth against message size for several fabrics.
std::string log_log_chart_svg(const std::string& title, const std::string& x_label,
                              const std::string& y_label, const std::vector<Series>& series);

struct ScatterPoint {
  double x = 0, y = 0;
  std::string label;        // tooltip
  bool highlighted = true;  // false: drawn grey (e.g. dominated, rejected)
};

// Markers on linear axes from the data's range (log axes when the range spans over 100×), with a
// tooltip each; highlighted points in colour and joined by a line when `join` (e.g. a Pareto front
// in x order), the others grey.
std::string scatter_chart_svg(const std::string& title, const std::string& x_label,
                              const std::string& y_label, const std::vector<ScatterPoint>& points,
                              bool join = false);

// Text made safe for SVG and XML attributes.
std::string svg_escape(const std::string& text);
// The colour of series `index` in every Lumen chart (a colour-blind-safe palette).
const char* series_colour(std::size_t index);

}  // namespace lumen
