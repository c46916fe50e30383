// Self-contained HTML pages for reports: no network, no external files (SVG charts inline), a
// small script that makes tables of class "sortable" sortable by clicking a header, and marks
// the page ready (body data-ready="1", data-charts = the SVGs drawn) so a headless browser test
// can tell that it rendered.
#pragma once

#include <map>
#include <string>

namespace lumen {

std::string html_page(const std::string& title, const std::string& body);

// The Markdown Lumen's summaries use (headings, paragraphs, lists, tables, **bold**, `code`,
// > quotes) as HTML; an image ![alt](name.svg) whose name is in `svgs` is inlined.
std::string markdown_to_html(const std::string& markdown,
                             const std::map<std::string, std::string>& svgs);

std::string html_escape(const std::string& text);

}  // namespace lumen
