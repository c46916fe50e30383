#include "core/units.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace lumen {
namespace {

struct UnitScale {
  const char* symbol;
  double to_base;
};

struct DimensionInfo {
  Dimension dimension;
  const char* name;
  const char* example;
  std::vector<UnitScale> units;
};

constexpr double kKi = 1024.0;

const std::vector<DimensionInfo>& table() {
  static const std::vector<DimensionInfo> dimensions = {
      {Dimension::kFrequency,
       "frequency",
       "1 GHz",
       {{"Hz", 1.0}, {"kHz", 1e3}, {"MHz", 1e6}, {"GHz", 1e9}}},
      {Dimension::kDataSize,
       "size",
       "512 KiB",
       {{"B", 1.0},
        {"KiB", kKi},
        {"MiB", kKi * kKi},
        {"GiB", kKi * kKi * kKi},
        {"TiB", kKi * kKi * kKi * kKi},
        {"kB", 1e3},
        {"MB", 1e6},
        {"GB", 1e9},
        {"TB", 1e12},
        {"bit", 0.125},
        {"Kibit", kKi / 8},
        {"Mibit", kKi * kKi / 8},
        {"Gibit", kKi * kKi * kKi / 8},
        {"Gbit", 1e9 / 8}}},
      {Dimension::kTime,
       "time",
       "2.5 ns",
       {{"h", 3600.0},
        {"min", 60.0},
        {"s", 1.0},
        {"ms", 1e-3},
        {"us", 1e-6},
        {"ns", 1e-9},
        {"ps", 1e-12},
        {"fs", 1e-15}}},
      {Dimension::kBandwidth,
       "bandwidth",
       "32 Gb/s",
       {{"b/s", 0.125},
        {"kb/s", 1e3 / 8},
        {"Mb/s", 1e6 / 8},
        {"Gb/s", 1e9 / 8},
        {"Tb/s", 1e12 / 8},
        {"B/s", 1.0},
        {"kB/s", 1e3},
        {"MB/s", 1e6},
        {"GB/s", 1e9},
        {"TB/s", 1e12},
        {"GiB/s", kKi * kKi * kKi}}},
      {Dimension::kEnergyPerBit,
       "energy-per-bit",
       "5 pJ/bit",
       {{"fJ/bit", 1e-15}, {"pJ/bit", 1e-12}, {"nJ/bit", 1e-9}}},
      {Dimension::kEnergy,
       "energy",
       "1.5 pJ",
       {{"fJ", 1e-15}, {"pJ", 1e-12}, {"nJ", 1e-9}, {"uJ", 1e-6}, {"mJ", 1e-3}, {"J", 1.0}}},
      {Dimension::kPower, "power", "2.5 W", {{"uW", 1e-6}, {"mW", 1e-3}, {"W", 1.0}}},
      {Dimension::kCycles, "cycles", "2 cycle", {{"cycle", 1.0}, {"cycles", 1.0}}},
      {Dimension::kArea, "area", "0.5 mm^2", {{"um^2", 1e-6}, {"mm^2", 1.0}}},
  };
  return dimensions;
}

const DimensionInfo& info(Dimension dimension) {
  for (const auto& entry : table())
    if (entry.dimension == dimension) return entry;
  return table().front();  // unreachable: every enumerator is in the table
}

std::string trim(const std::string& text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

}  // namespace

std::vector<std::string> dimension_units(Dimension dimension) {
  std::vector<std::string> symbols;
  for (const auto& unit : info(dimension).units) symbols.emplace_back(unit.symbol);
  return symbols;
}

std::string dimension_name(Dimension dimension) {
  return info(dimension).name;
}

std::string dimension_base_unit(Dimension dimension) {
  for (const auto& unit : info(dimension).units)
    if (unit.to_base == 1.0) return unit.symbol;
  return "";
}

std::optional<Dimension> dimension_from_name(const std::string& name) {
  for (const auto& entry : table())
    if (name == entry.name) return entry.dimension;
  return std::nullopt;
}

std::string dimension_expectation(Dimension dimension) {
  const auto& entry = info(dimension);
  std::string units;
  for (const auto& unit : entry.units) {
    if (!units.empty()) units += ", ";
    units += unit.symbol;
  }
  const char* article = (entry.name[0] == 'a' || entry.name[0] == 'e') ? "an " : "a ";
  return std::string(article) + entry.name + " such as \"" + entry.example + "\" (units: " + units +
         ")";
}

double parse_quantity(const std::string& raw, Dimension dimension) {
  const std::string found = "\"" + raw + "\"";
  const std::string text = trim(raw);
  const char* begin = text.c_str();
  char* end = nullptr;
  const double number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number)) {
    throw UnitError(dimension_expectation(dimension), found + " (no number)");
  }
  const std::string unit = trim(std::string(end));
  if (unit.empty()) {
    throw UnitError(dimension_expectation(dimension), found + " (no unit)");
  }
  for (const auto& scale : info(dimension).units) {
    if (unit == scale.symbol) return number * scale.to_base;
  }
  // Name the unit's real dimension when it has one: "32 GB/s" where a size was wanted.
  for (const auto& other : table()) {
    for (const auto& scale : other.units) {
      if (unit == scale.symbol) {
        throw UnitError(dimension_expectation(dimension),
                        found + " (\"" + unit + "\" is a unit of " + other.name + ")");
      }
    }
  }
  throw UnitError(dimension_expectation(dimension), found + " (unknown unit \"" + unit + "\")");
}

}  // namespace lumen
