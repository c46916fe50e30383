// Parsing JSON text strictly: malformed text is reported with line and column, and a key that
// appears twice in one object (which nlohmann_json would silently overwrite) is an error.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace lumen {

// Parses `text`; `source` names it in diagnostics. Throws InputError.
nlohmann::json parse_json_text(const std::string& text, const std::string& source);

// Reads and parses a file. Throws InputError naming the file when it is missing or unreadable.
nlohmann::json read_json_file(const std::filesystem::path& path);

}  // namespace lumen
