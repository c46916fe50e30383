#include "core/schema.h"

#include <regex>
#include <set>
#include <stdexcept>

#include "core/json_pointer_path.h"
#include "core/suggest.h"
#include "core/units.h"

namespace lumen {
namespace {

using json = nlohmann::json;

const std::set<std::string>& known_keywords() {
  static const std::set<std::string> keywords = {"$schema",
                                                 "$id",
                                                 "$comment",
                                                 "$defs",
                                                 "$ref",
                                                 "title",
                                                 "description",
                                                 "default",
                                                 "examples",
                                                 "type",
                                                 "properties",
                                                 "additionalProperties",
                                                 "required",
                                                 "enum",
                                                 "const",
                                                 "minimum",
                                                 "exclusiveMinimum",
                                                 "maximum",
                                                 "items",
                                                 "minItems",
                                                 "maxItems",
                                                 "pattern",
                                                 "oneOf",
                                                 "x-discriminator",
                                                 "x-unit",
                                                 "x-minimum",
                                                 "x-exclusiveMinimum",
                                                 "x-maximum"};
  return keywords;
}

void check_keywords(const json& node, const std::string& where) {
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& key = it.key();
    if (!known_keywords().count(key))
      throw std::logic_error("schema keyword not supported by Lumen's validator: " + where + "/" +
                             key);
    if (key == "properties" || key == "$defs") {
      for (auto p = it.value().begin(); p != it.value().end(); ++p)
        check_keywords(p.value(), where + "/" + key + "/" + p.key());
    } else if (key == "items" || (key == "additionalProperties" && it.value().is_object())) {
      check_keywords(it.value(), where + "/" + key);
    } else if (key == "oneOf") {
      for (std::size_t i = 0; i < it.value().size(); ++i)
        check_keywords(it.value()[i], where + "/oneOf/" + std::to_string(i));
    } else if (key == "x-unit" && !dimension_from_name(it.value().get<std::string>())) {
      throw std::logic_error("unknown x-unit dimension at " + where);
    }
  }
}

std::string describe(const json& value) {
  std::string text = value.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  if (value.is_string()) return text;
  return std::string(value.type_name()) + " " + text;
}

std::string type_phrase(const std::string& type) {
  if (type == "integer") return "an integer";
  if (type == "object") return "an object";
  if (type == "array") return "an array";
  return "a " + type;
}

bool has_type(const json& value, const std::string& type) {
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "null") return value.is_null();
  return false;
}

std::string format_number(double v) {
  json j = v;
  if (v == static_cast<double>(static_cast<long long>(v)))
    return std::to_string(static_cast<long long>(v));
  return j.dump();
}

class Validator {
 public:
  Validator(const json& root_schema, const SourceMap& sources, std::vector<Diagnostic>& out)
      : root_schema_(root_schema), sources_(sources), out_(out) {}

  void check(const json& value, const json& schema, const std::string& pointer) {
    if (schema.is_object() && schema.contains("$ref")) {
      // 2020-12: the referenced schema and the keywords beside "$ref" both apply. The siblings
      // are checked only when the target passed, so one bad value gets one message.
      const json& target = resolve(schema);
      const std::size_t problems_before = out_.size();
      check(value, target, pointer);
      json siblings = schema;
      siblings.erase("$ref");
      if (!has_assertions(siblings) || out_.size() != problems_before) return;
      if (target.contains("x-unit") && !siblings.contains("x-unit"))
        siblings["x-unit"] = target["x-unit"];  // bounds beside "$ref" are in the target's unit
      check(value, siblings, pointer);
      return;
    }
    const json& s = schema;
    if (s.contains("oneOf")) {
      check_one_of(value, s, pointer);
      return;
    }
    if (s.contains("type") && !check_type(value, s, pointer)) return;
    if (s.contains("const") && value != s["const"]) {
      report(pointer, "the value " + s["const"].dump(), describe(value));
      return;
    }
    if (s.contains("enum")) check_enum(value, s, pointer);
    if (s.contains("x-unit") && value.is_string()) check_quantity(value, s, pointer);
    if (value.is_number()) check_bounds(value, s, pointer);
    if (value.is_string() && s.contains("pattern")) {
      const std::regex pattern(s["pattern"].get<std::string>());
      if (!std::regex_search(value.get<std::string>(), pattern))
        report(pointer, "a string matching " + s["pattern"].dump(), describe(value));
    }
    if (value.is_object()) check_object(value, s, pointer);
    if (value.is_array()) check_array(value, s, pointer);
  }

 private:
  static bool has_assertions(const json& schema) {
    static const std::set<std::string> annotations = {"title", "description", "default", "examples",
                                                      "$comment"};
    for (auto it = schema.begin(); it != schema.end(); ++it)
      if (!annotations.count(it.key())) return true;
    return false;
  }

  const json& resolve(const json& schema) const {
    if (!schema.is_object() || !schema.contains("$ref")) return schema;
    const std::string ref = schema["$ref"].get<std::string>();
    if (ref.rfind("#", 0) != 0) throw std::logic_error("only local $ref supported: " + ref);
    return resolve(root_schema_.at(json::json_pointer(ref.substr(1))));
  }

  void report(const std::string& pointer, std::string expected, std::string found,
              std::string hint = "") {
    out_.push_back(
        sources_.diagnose(pointer, std::move(expected), std::move(found), std::move(hint)));
  }

  bool check_type(const json& value, const json& s, const std::string& pointer) {
    std::vector<std::string> types;
    if (s["type"].is_array())
      for (const auto& t : s["type"]) types.push_back(t.get<std::string>());
    else
      types.push_back(s["type"].get<std::string>());
    for (const auto& t : types)
      if (has_type(value, t)) return true;
    std::string expected;
    for (const auto& t : types) expected += (expected.empty() ? "" : " or ") + type_phrase(t);
    if (s.contains("x-unit"))
      expected = dimension_expectation(*dimension_from_name(s["x-unit"].get<std::string>()));
    else if (s.contains("enum"))
      expected += " (one of " + enum_list(s["enum"]) + ")";
    report(pointer, expected, describe(value));
    return false;
  }

  static std::string enum_list(const json& values) {
    std::string text;
    for (const auto& v : values)
      text += (text.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
    return text;
  }

  void check_enum(const json& value, const json& s, const std::string& pointer) {
    for (const auto& allowed : s["enum"])
      if (value == allowed) return;
    std::string hint;
    if (value.is_string()) {
      std::vector<std::string> names;
      for (const auto& v : s["enum"])
        if (v.is_string()) names.push_back(v.get<std::string>());
      const std::string close = closest_match(value.get<std::string>(), names);
      if (!close.empty()) hint = "did you mean \"" + close + "\"?";
    }
    report(pointer, "one of " + enum_list(s["enum"]), describe(value), hint);
  }

  void check_quantity(const json& value, const json& s, const std::string& pointer) {
    const Dimension dimension = *dimension_from_name(s["x-unit"].get<std::string>());
    double quantity = 0;
    try {
      quantity = parse_quantity(value.get<std::string>(), dimension);
    } catch (const UnitError& error) {
      report(pointer, error.expected(), error.found());
      return;
    }
    const std::string name = dimension_name(dimension);
    const auto limit = [&](const char* key) {
      return format_number(s[key].get<double>()) + " " + dimension_base_unit(dimension);
    };
    if (s.contains("x-exclusiveMinimum") && !(quantity > s["x-exclusiveMinimum"].get<double>()))
      report(pointer,
             s["x-exclusiveMinimum"].get<double>() == 0
                 ? "a positive " + name
                 : "a " + name + " above " + limit("x-exclusiveMinimum"),
             describe(value));
    if (s.contains("x-minimum") && quantity < s["x-minimum"].get<double>())
      report(pointer,
             s["x-minimum"].get<double>() == 0 ? "a " + name + " that is not negative"
                                               : "a " + name + " of at least " + limit("x-minimum"),
             describe(value));
    // Upper limits keep quantities inside what the models' integer and time types can hold.
    if (s.contains("x-maximum") && quantity > s["x-maximum"].get<double>())
      report(pointer, "a " + name + " of at most " + limit("x-maximum"), describe(value));
  }

  void check_bounds(const json& value, const json& s, const std::string& pointer) {
    const double v = value.get<double>();
    const bool integer = s.value("type", json("")) == "integer";
    const std::string what = integer ? "an integer" : "a number";
    if (s.contains("minimum") && v < s["minimum"].get<double>())
      report(pointer, what + " >= " + format_number(s["minimum"].get<double>()), describe(value));
    if (s.contains("exclusiveMinimum") && !(v > s["exclusiveMinimum"].get<double>()))
      report(pointer, what + " > " + format_number(s["exclusiveMinimum"].get<double>()),
             describe(value));
    if (s.contains("maximum") && v > s["maximum"].get<double>())
      report(pointer, what + " <= " + format_number(s["maximum"].get<double>()), describe(value));
  }

  void check_object(const json& value, const json& s, const std::string& pointer) {
    const json empty = json::object();
    const json& properties = s.contains("properties") ? s["properties"] : empty;
    if (s.contains("required")) {
      for (const auto& key : s["required"]) {
        const std::string name = key.get<std::string>();
        if (!value.contains(name)) {
          std::string expected = "the key \"" + name + "\"";
          if (properties.contains(name) && properties[name].contains("description"))
            expected += " (" + properties[name]["description"].get<std::string>() + ")";
          report(pointer, expected, "no such key");
        }
      }
    }
    std::vector<std::string> known;
    for (auto it = properties.begin(); it != properties.end(); ++it) known.push_back(it.key());
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string child = pointer_append(pointer, it.key());
      if (properties.contains(it.key())) {
        check(it.value(), properties[it.key()], child);
      } else if (s.contains("additionalProperties") && s["additionalProperties"].is_object()) {
        check(it.value(), s["additionalProperties"], child);
      } else if (s.contains("additionalProperties") && s["additionalProperties"] == false) {
        const std::string close = closest_match(it.key(), known);
        std::string keys;
        for (const auto& k : known) keys += (keys.empty() ? "" : ", ") + k;
        report(child, "one of the keys " + keys, "unknown key \"" + it.key() + "\"",
               close.empty() ? "" : "did you mean \"" + close + "\"?");
      }
    }
  }

  void check_array(const json& value, const json& s, const std::string& pointer) {
    if (s.contains("minItems") && value.size() < s["minItems"].get<std::size_t>())
      report(pointer, "at least " + s["minItems"].dump() + " items",
             std::to_string(value.size()) + " items");
    if (s.contains("maxItems") && value.size() > s["maxItems"].get<std::size_t>())
      report(pointer, "at most " + s["maxItems"].dump() + " items",
             std::to_string(value.size()) + " items");
    if (s.contains("items"))
      for (std::size_t i = 0; i < value.size(); ++i)
        check(value[i], s["items"], pointer_append(pointer, i));
  }

  // oneOf is supported with a discriminator key, or with branches of distinct types (a preset
  // name or an object): both pick one branch, so a bad value gets that branch's messages.
  void check_one_of(const json& value, const json& s, const std::string& pointer) {
    if (!s.contains("x-discriminator")) {
      std::string expected;
      for (const auto& branch : s["oneOf"]) {
        const json& b = resolve(branch);
        const std::string type = b["type"].get<std::string>();
        if (has_type(value, type)) {
          check(value, branch, pointer);
          return;
        }
        expected += (expected.empty() ? "" : " or ") + type_phrase(type);
      }
      report(pointer, expected, describe(value));
      return;
    }
    const std::string key = s["x-discriminator"].get<std::string>();
    std::vector<std::string> names;
    for (const auto& branch : s["oneOf"])
      names.push_back(resolve(branch)["properties"][key]["const"].get<std::string>());
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    if (!value.is_object()) {
      report(pointer, "an object", describe(value));
      return;
    }
    if (!value.contains(key)) {
      report(pointer, "the key \"" + key + "\" (one of " + list + ")", "no such key");
      return;
    }
    const json& tag = value[key];
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (tag.is_string() && tag.get<std::string>() == names[i]) {
        check(value, s["oneOf"][i], pointer);
        return;
      }
    }
    const std::string close = tag.is_string() ? closest_match(tag.get<std::string>(), names) : "";
    report(pointer_append(pointer, key), "one of " + list, describe(tag),
           close.empty() ? "" : "did you mean \"" + close + "\"?");
  }

  const json& root_schema_;
  const SourceMap& sources_;
  std::vector<Diagnostic>& out_;
};

}  // namespace

Schema::Schema(nlohmann::json schema) : schema_(std::move(schema)) {
  check_keywords(schema_, "");
}

std::vector<Diagnostic> Schema::validate(const nlohmann::json& document, const std::string& root,
                                         const SourceMap& sources) const {
  std::vector<Diagnostic> diagnostics;
  Validator(schema_, sources, diagnostics).check(document, schema_, root);
  return diagnostics;
}

}  // namespace lumen
