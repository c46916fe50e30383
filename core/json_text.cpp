#include "core/json_text.h"

#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "core/diagnostics.h"
#include "core/json_pointer_path.h"

namespace lumen {
namespace {

using json = nlohmann::json;

// Tracks where the parser is, so that a duplicate key can be reported with its pointer.
class DuplicateKeyGuard {
 public:
  explicit DuplicateKeyGuard(std::string source) : source_(std::move(source)) {}

  bool on_event(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        frames_.push_back(Frame{true, {}, {}, 0});
        break;
      case json::parse_event_t::array_start:
        frames_.push_back(Frame{false, {}, {}, 0});
        break;
      case json::parse_event_t::key: {
        Frame& frame = frames_.back();
        const std::string key = parsed.get<std::string>();
        if (!frame.keys.insert(key).second) {
          throw InputError(Diagnostic{source_, pointer_append(parent_pointer(), key),
                                      "each key at most once per object",
                                      "key \"" + key + "\" a second time", ""});
        }
        frame.current_key = key;
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        count_element();
        break;
      case json::parse_event_t::value:
        count_element();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_object;
    std::set<std::string> keys;
    std::string current_key;
    std::size_t index;
  };

  void count_element() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
  }

  // Pointer of the innermost container (the object holding the duplicate key).
  std::string parent_pointer() const {
    std::string pointer;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& frame = frames_[i];
      pointer = frame.is_object ? pointer_append(pointer, frame.current_key)
                                : pointer_append(pointer, frame.index);
    }
    return pointer;
  }

  std::string source_;
  std::vector<Frame> frames_;
};

std::string line_and_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's message starts with "[json.exception.parse_error.101] parse error at line ..:";
// keep only the part that describes the problem.
std::string parser_reason(const std::string& what) {
  const auto colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

json parse_json_text(const std::string& text, const std::string& source) {
  DuplicateKeyGuard guard(source);
  try {
    return json::parse(text, [&guard](int, json::parse_event_t event, json& parsed) {
      return guard.on_event(event, parsed);
    });
  } catch (const json::parse_error& error) {
    throw InputError(Diagnostic{source, "", "well-formed JSON",
                                "a syntax error at " + line_and_column(text, error.byte) + ": " +
                                    parser_reason(error.what()),
                                ""});
  } catch (const json::exception& error) {
    // e.g. out_of_range 406, a number too large for a double (found by fuzzing).
    throw InputError(Diagnostic{source, "", "well-formed JSON", parser_reason(error.what()), ""});
  }
}

json read_json_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw InputError(Diagnostic{path.string(), "", "an existing JSON file", "no such file", ""});
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(Diagnostic{path.string(), "", "a JSON file", "a directory", ""});
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw InputError(
        Diagnostic{path.string(), "", "a readable JSON file", "a file that cannot be read", ""});
  }
  std::ostringstream contents;
  contents << stream.rdbuf();
  return parse_json_text(contents.str(), path.string());
}

}  // namespace lumen
