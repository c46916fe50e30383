// Physical quantities written as strings with units: "1 GHz", "512 KiB", "32 Gb/s", "2.5 ns",
// "5 pJ/bit". Each dimension has one base unit that the rest of Lumen uses:
//   frequency Hz, data size bytes, time seconds, bandwidth bytes/s, energy per bit J/bit,
//   energy J, power W, cycles (count), area mm^2.
// A unit of the wrong dimension, or a number without its unit, is an error.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lumen {

enum class Dimension {
  kFrequency,
  kDataSize,
  kTime,
  kBandwidth,
  kEnergyPerBit,
  kEnergy,
  kPower,
  kCycles,
  kArea
};

// Thrown by parse_quantity; the caller adds the file and the pointer.
class UnitError : public std::runtime_error {
 public:
  UnitError(std::string expected, std::string found)
      : std::runtime_error("expected " + expected + ", found " + found),
        expected_(std::move(expected)),
        found_(std::move(found)) {}
  const std::string& expected() const { return expected_; }
  const std::string& found() const { return found_; }

 private:
  std::string expected_;
  std::string found_;
};

// Parses "<number> <unit>" into the dimension's base unit. Throws UnitError.
double parse_quantity(const std::string& text, Dimension dimension);

// The schema keyword value ("frequency", "size", ...) for a dimension, and back.
std::string dimension_name(Dimension dimension);
std::optional<Dimension> dimension_from_name(const std::string& name);

// Human description used in messages: 'a frequency such as "1 GHz" (Hz, kHz, MHz, GHz)'.
std::string dimension_expectation(Dimension dimension);

// The dimension's base unit ("Hz", "B", "s", "B/s", ...), used when printing limits.
std::string dimension_base_unit(Dimension dimension);

// The unit symbols accepted for a dimension.
std::vector<std::string> dimension_units(Dimension dimension);

}  // namespace lumen
