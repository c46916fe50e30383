#include "explore/html_page.h"

#include <sstream>
#include <vector>

#include "explore/svg_chart.h"

namespace lumen {

namespace {

const char* kStyle = R"(
body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 7px; text-align: right; }
th { background: #f0f0f0; cursor: pointer; }
td:first-child, th:first-child { text-align: left; }
tr.dim td { color: #999; }
code { background: #f4f4f4; padding: 0 3px; }
blockquote { border-left: 4px solid #cc3311; margin: 0; padding: 0.2em 1em; background: #fff4f0; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
)";

// Sorts a table by the clicked column (numbers as numbers), and marks the page ready.
const char* kScript = R"(
(function () {
  function cellValue(row, i) {
    var text = row.cells[i] ? row.cells[i].textContent.trim() : "";
    var n = parseFloat(text.replace(/[^0-9eE+\-.]/g, ""));
    return isNaN(n) || !/^[-+0-9.]/.test(text) ? text.toLowerCase() : n;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, i) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var up = th.dataset.order !== "up";
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i);
          if (typeof x !== typeof y) { x = String(x); y = String(y); }
          return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
        th.dataset.order = up ? "up" : "down";
      });
    });
  });
  document.body.dataset.charts = String(document.querySelectorAll("svg").length);
  document.body.dataset.ready = "1";
})();
)";

std::string inline_markup(const std::string& text) {
  std::string out = html_escape(text);
  const auto wrap = [&](const std::string& mark, const std::string& open,
                        const std::string& close) {
    std::string result;
    std::size_t at = 0;
    while (true) {
      const auto a = out.find(mark, at);
      const auto b = a == std::string::npos ? a : out.find(mark, a + mark.size());
      if (b == std::string::npos) break;
      result +=
          out.substr(at, a - at) + open + out.substr(a + mark.size(), b - a - mark.size()) + close;
      at = b + mark.size();
    }
    out = result + out.substr(at);
  };
  wrap("**", "<strong>", "</strong>");
  wrap("`", "<code>", "</code>");
  return out;
}

std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '|') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  for (auto& c : cells) {
    while (!c.empty() && c.front() == ' ') c.erase(c.begin());
    while (!c.empty() && c.back() == ' ') c.pop_back();
  }
  return cells;
}

}  // namespace

std::string html_escape(const std::string& text) {
  return svg_escape(text);
}

std::string html_page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
         html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" + body +
         "\n<script>" + kScript + "</script>\n</body>\n</html>\n";
}

std::string markdown_to_html(const std::string& markdown,
                             const std::map<std::string, std::string>& svgs) {
  std::istringstream in(markdown);
  std::string line, out, paragraph;
  bool in_list = false, in_table = false, table_head = false;
  const auto flush = [&] {
    if (!paragraph.empty()) out += "<p>" + inline_markup(paragraph) + "</p>\n";
    paragraph.clear();
    if (in_list) out += "</ul>\n";
    if (in_table) out += "</tbody></table>\n";
    in_list = in_table = false;
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.rfind("![", 0) == 0) {
      flush();
      const auto open = line.find("](");
      const std::string name = line.substr(open + 2, line.find(')', open) - open - 2);
      const auto it = svgs.find(name);
      out += it != svgs.end() ? "<div class=\"charts\">" + it->second + "</div>\n"
                              : "<p>[" + html_escape(name) + "]</p>\n";
      continue;
    }
    if (line[0] == '#') {
      flush();
      const auto level = line.find_first_not_of('#');
      out += "<h" + std::to_string(level) + ">" + inline_markup(line.substr(level + 1)) + "</h" +
             std::to_string(level) + ">\n";
      continue;
    }
    if (line[0] == '|') {
      const auto cells = table_cells(line);
      if (!in_table) {
        flush();
        in_table = table_head = true;
        out += "<table class=\"sortable\"><thead><tr>";
        for (const auto& c : cells) out += "<th>" + inline_markup(c) + "</th>";
        out += "</tr></thead><tbody>\n";
        continue;
      }
      if (table_head) {  // the |---| rule
        table_head = false;
        continue;
      }
      out += "<tr>";
      for (const auto& c : cells) out += "<td>" + inline_markup(c) + "</td>";
      out += "</tr>\n";
      continue;
    }
    if (line.rfind("- ", 0) == 0) {
      if (!in_list) {
        flush();
        out += "<ul>\n";
        in_list = true;
      }
      out += "<li>" + inline_markup(line.substr(2)) + "</li>\n";
      continue;
    }
    if (line.rfind("> ", 0) == 0) {
      flush();
      out += "<blockquote>" + inline_markup(line.substr(2)) + "</blockquote>\n";
      continue;
    }
    if (in_list || in_table) flush();
    paragraph += (paragraph.empty() ? "" : " ") + line;
  }
  flush();
  return out;
}

}  // namespace lumen
