// Validation of configuration documents against the JSON Schemas shipped in configs/schema and
// scenarios/schema. The schema files are the single source of truth for what keys exist: an
// editor completes keys from them, and this validator enforces them with Lumen's messages.
//
// Supported JSON Schema (2020-12) subset: type, properties, additionalProperties, required,
// enum, const, minimum, exclusiveMinimum, maximum, items, minItems, maxItems, pattern, $defs,
// $ref (local), oneOf (with the x-discriminator extension naming the key that picks the
// branch), plus annotations (title, description, default, examples, $comment, $schema, $id).
// Lumen extensions: "x-unit": "<dimension>" (a quantity string, see core/units.h) with optional
// "x-minimum"/"x-exclusiveMinimum"/"x-maximum" in the dimension's base unit. Any other keyword is
// refused when the schema is loaded, so a schema never silently means less than it says.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "core/source_map.h"

namespace lumen {

class Schema {
 public:
  // Throws std::logic_error when the schema uses a keyword this validator does not enforce.
  explicit Schema(nlohmann::json schema);

  // Every problem of `document` (which sits at `root` of the source map), each with its origin.
  std::vector<Diagnostic> validate(const nlohmann::json& document, const std::string& root,
                                   const SourceMap& sources) const;

  const nlohmann::json& json() const { return schema_; }

 private:
  nlohmann::json schema_;
};

// The shipped schemas, compiled into the binary.
const Schema& platform_schema();
const Schema& scenario_schema();
const Schema& sweep_schema();
const Schema& roadmap_schema();
const Schema& model_schema();

}  // namespace lumen
