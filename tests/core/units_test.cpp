#include "core/units.h"

#include <gtest/gtest.h>

namespace lumen {
namespace {

TEST(Units, ParsesEachDimensionIntoItsBaseUnit) {
  EXPECT_DOUBLE_EQ(parse_quantity("1 GHz", Dimension::kFrequency), 1e9);
  EXPECT_DOUBLE_EQ(parse_quantity("250MHz", Dimension::kFrequency), 250e6);
  EXPECT_DOUBLE_EQ(parse_quantity("512 KiB", Dimension::kDataSize), 512.0 * 1024);
  EXPECT_DOUBLE_EQ(parse_quantity("256 bit", Dimension::kDataSize), 32.0);
  EXPECT_DOUBLE_EQ(parse_quantity("32 Gb/s", Dimension::kBandwidth), 4e9);
  EXPECT_DOUBLE_EQ(parse_quantity("64 GB/s", Dimension::kBandwidth), 64e9);
  EXPECT_DOUBLE_EQ(parse_quantity("2.5 ns", Dimension::kTime), 2.5e-9);
  EXPECT_DOUBLE_EQ(parse_quantity("5 pJ/bit", Dimension::kEnergyPerBit), 5e-12);
  EXPECT_DOUBLE_EQ(parse_quantity("2 cycle", Dimension::kCycles), 2.0);
  EXPECT_DOUBLE_EQ(parse_quantity(" 0.5 mm^2 ", Dimension::kArea), 0.5);
}

TEST(Units, UnitsAreCaseSensitiveBitsAreNotBytes) {
  EXPECT_DOUBLE_EQ(parse_quantity("8 Gb/s", Dimension::kBandwidth) * 8,
                   parse_quantity("8 GB/s", Dimension::kBandwidth));
}

TEST(Units, MissingUnitIsAnError) {
  try {
    parse_quantity("512", Dimension::kDataSize);
    FAIL() << "expected UnitError";
  } catch (const UnitError& e) {
    EXPECT_NE(e.found().find("no unit"), std::string::npos);
    EXPECT_NE(e.expected().find("512 KiB"), std::string::npos);
  }
}

TEST(Units, UnitOfAnotherDimensionIsNamed) {
  try {
    parse_quantity("32 GB/s", Dimension::kDataSize);
    FAIL() << "expected UnitError";
  } catch (const UnitError& e) {
    EXPECT_NE(e.found().find("unit of bandwidth"), std::string::npos) << e.found();
  }
}

TEST(Units, UnknownUnitAndMissingNumberAreErrors) {
  EXPECT_THROW(parse_quantity("1 Gbps", Dimension::kBandwidth), UnitError);
  EXPECT_THROW(parse_quantity("GHz", Dimension::kFrequency), UnitError);
  EXPECT_THROW(parse_quantity("", Dimension::kTime), UnitError);
  EXPECT_THROW(parse_quantity("inf GHz", Dimension::kFrequency), UnitError);
}

}  // namespace
}  // namespace lumen
