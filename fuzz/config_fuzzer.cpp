// libFuzzer target over the config front end: JSON text -> strict parse -> schema validation of
// both file kinds -> (when valid) typed quantities. Every input must end in success or a clean
// InputError; anything else (crash, other exception, leak, hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/diagnostics.h"
#include "core/json_text.h"
#include "core/schema.h"
#include "core/source_map.h"
#include "core/units.h"

namespace {

// Walks a validated document and parses every string as each dimension, as builders would.
void exercise_units(const nlohmann::json& value) {
  if (value.is_string()) {
    for (auto dimension : {lumen::Dimension::kFrequency, lumen::Dimension::kDataSize,
                           lumen::Dimension::kTime, lumen::Dimension::kBandwidth}) {
      try {
        lumen::parse_quantity(value.get<std::string>(), dimension);
      } catch (const lumen::UnitError&) {
      }
    }
  } else if (value.is_structured()) {
    for (const auto& child : value) exercise_units(child);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const nlohmann::json document = lumen::parse_json_text(text, "fuzz.json");
    lumen::SourceMap sources;
    sources.record_tree(document, "", lumen::Origin{"fuzz.json", ""});
    const auto platform_problems = lumen::platform_schema().validate(document, "", sources);
    const auto scenario_problems = lumen::scenario_schema().validate(document, "", sources);
    for (const auto& d : platform_problems) (void)d.message();
    for (const auto& d : scenario_problems) (void)d.message();
    if (platform_problems.empty() || scenario_problems.empty()) exercise_units(document);
  } catch (const lumen::InputError& error) {
    (void)error.what();
  }
  return 0;
}
