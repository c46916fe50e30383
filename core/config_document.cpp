#include "core/config_document.h"

#include <algorithm>

#include "core/diagnostics.h"
#include "core/json_pointer_path.h"
#include "core/json_text.h"

namespace lumen {
namespace {

using json = nlohmann::json;

ConfigDocument load_chain(const std::filesystem::path& path,
                          std::vector<std::filesystem::path>& chain) {
  json value = read_json_file(path);
  const std::string file = path.string();
  if (!value.is_object()) {
    throw InputError(
        Diagnostic{file, "", "a JSON object at the top level", std::string(value.type_name()), ""});
  }
  ConfigDocument document;
  if (value.contains("extends")) {
    const json& extends = value["extends"];
    if (!extends.is_string()) {
      throw InputError(Diagnostic{file, "/extends", "a path to the base file (string)",
                                  std::string(extends.type_name()), ""});
    }
    const std::filesystem::path base =
        (path.parent_path() / extends.get<std::string>()).lexically_normal();
    std::error_code ec;
    const auto canonical_base = std::filesystem::weakly_canonical(base, ec);
    for (const auto& seen : chain) {
      if (seen == canonical_base) {
        std::string cycle;
        for (const auto& link : chain) cycle += link.filename().string() + " -> ";
        cycle += canonical_base.filename().string();
        throw InputError(Diagnostic{file, "/extends", "a base file that does not extend back",
                                    "an extends cycle: " + cycle, ""});
      }
    }
    if (!std::filesystem::exists(base, ec)) {
      throw InputError(Diagnostic{
          file, "/extends", "an existing base file",
          "\"" + extends.get<std::string>() + "\" (no such file: " + base.string() + ")", ""});
    }
    chain.push_back(canonical_base);
    document = load_chain(base, chain);
    chain.pop_back();
    value.erase("extends");
  }
  document.value.merge_patch(value);
  document.sources.record_tree(value, "", Origin{file, ""});
  return document;
}

std::string override_origin(const std::string& assignment) {
  return "--set " + assignment;
}

}  // namespace

ConfigDocument load_config_file(const std::filesystem::path& path) {
  std::error_code ec;
  std::vector<std::filesystem::path> chain{std::filesystem::weakly_canonical(path, ec)};
  ConfigDocument document = load_chain(path, chain);
  if (document.value.is_null()) document.value = json::object();
  return document;
}

ConfigDocument compose_run_document(const ConfigDocument& platform,
                                    const ConfigDocument& scenario) {
  ConfigDocument run;
  run.value = json{{"platform", platform.value}, {"scenario", scenario.value}};
  run.sources.merge(platform.sources.rooted_at("/platform"));
  run.sources.merge(scenario.sources.rooted_at("/scenario"));
  return run;
}

void apply_override(ConfigDocument& run, const std::string& assignment) {
  const std::string origin = override_origin(assignment);
  const auto equals = assignment.find('=');
  if (equals == std::string::npos) {
    throw InputError(Diagnostic{origin, "", "POINTER=VALUE, e.g. /scenario/m=128",
                                "no '=' in \"" + assignment + "\"", ""});
  }
  const std::string pointer_text = assignment.substr(0, equals);
  const std::string value_text = assignment.substr(equals + 1);
  if (!pointer_within(pointer_text, "/platform") && !pointer_within(pointer_text, "/scenario")) {
    throw InputError(Diagnostic{origin, pointer_text,
                                "a pointer under /platform or /scenario of the run document",
                                "\"" + pointer_text + "\"", ""});
  }
  json value;
  try {
    value = json::parse(value_text);
  } catch (const json::exception&) {
    value = value_text;  // not JSON: a plain string such as ws or "1.2 GHz"
  }
  try {
    const json::json_pointer pointer(pointer_text);
    // Refuse to create a path through a value that is not an object (e.g. /scenario/m/x).
    json::json_pointer parent = pointer.parent_pointer();
    while (!parent.empty() && !run.value.contains(parent)) parent = parent.parent_pointer();
    if (!run.value.at(parent).is_object() && !run.value.at(parent).is_array()) {
      throw InputError(Diagnostic{origin, parent.to_string(), "an object to set a key in",
                                  std::string(run.value.at(parent).type_name()), ""});
    }
    run.value[pointer] = value;
  } catch (const json::exception& error) {
    throw InputError(Diagnostic{origin, pointer_text, "a valid JSON pointer into the run document",
                                "\"" + pointer_text + "\" (" + error.what() + ")", ""});
  }
  run.sources.record_tree(value, pointer_text, Origin{origin, ""});
}

}  // namespace lumen
