// Element formats against their definitions: known encodings, round-to-nearest-even ties,
// subnormals, overflow (inf for bf16/fp16, saturation for E4M3 and integers), int4 packing,
// and exact round trips of every code.
#include "models/compute/numeric.h"

#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

namespace lumen {
namespace {

std::uint32_t encoded(DType t, double v) {
  unsigned char bytes[4] = {0, 0, 0, 0};
  store_element(t, bytes, 0, v);
  return static_cast<std::uint32_t>(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) |
                                    (static_cast<std::uint32_t>(bytes[3]) << 24));
}

TEST(Numeric, Bf16KnownCodesAndTiesToEven) {
  EXPECT_EQ(encoded(DType::kBf16, 1.0), 0x3F80u);
  EXPECT_EQ(encoded(DType::kBf16, -2.0), 0xC000u);
  EXPECT_EQ(round_to(DType::kBf16, 1.0 + std::ldexp(1, -8)), 1.0);  // tie → even mantissa 0
  EXPECT_EQ(round_to(DType::kBf16, 1.0 + 3 * std::ldexp(1, -8)), 1.0 + std::ldexp(1, -6));
  EXPECT_EQ(round_to(DType::kBf16, 1.0 + std::ldexp(1, -8) + std::ldexp(1, -20)),
            1.0 + std::ldexp(1, -7));
  EXPECT_TRUE(std::isinf(round_to(DType::kBf16, 1e39)));
}

TEST(Numeric, Fp16KnownCodesSubnormalsAndOverflow) {
  EXPECT_EQ(encoded(DType::kFp16, 1.0), 0x3C00u);
  EXPECT_EQ(encoded(DType::kFp16, 65504.0), 0x7BFFu);
  EXPECT_EQ(round_to(DType::kFp16, 65519.0), 65504.0);
  EXPECT_TRUE(std::isinf(round_to(DType::kFp16, 65520.0)));
  EXPECT_EQ(encoded(DType::kFp16, std::ldexp(1, -24)), 0x0001u);  // smallest subnormal
  EXPECT_EQ(round_to(DType::kFp16, std::ldexp(1, -25)), 0.0);     // tie → even (0)
  EXPECT_EQ(round_to(DType::kFp16, 3 * std::ldexp(1, -26)), std::ldexp(1, -24));
  EXPECT_EQ(load_element(DType::kFp16, reinterpret_cast<const unsigned char*>("\x00\x7C"), 0),
            INFINITY);
}

TEST(Numeric, Fp8E4M3SaturatesAndHasOneNaN) {
  EXPECT_EQ(encoded(DType::kFp8, 1.0), 0x38u);
  EXPECT_EQ(encoded(DType::kFp8, 448.0), 0x7Eu);
  EXPECT_EQ(round_to(DType::kFp8, 1000.0), 448.0);
  EXPECT_EQ(round_to(DType::kFp8, -1000.0), -448.0);
  EXPECT_EQ(encoded(DType::kFp8, std::ldexp(1, -9)), 0x01u);  // smallest subnormal
  EXPECT_EQ(round_to(DType::kFp8, 1.0625), 1.0);              // tie between 1 and 1.125 → 1
  EXPECT_EQ(round_to(DType::kFp8, 1.1875), 1.25);             // tie between 1.125, 1.25 → 1.25
  const unsigned char nan_code = 0x7F;
  EXPECT_TRUE(std::isnan(load_element(DType::kFp8, &nan_code, 0)));
}

TEST(Numeric, EveryCodeRoundTrips) {
  for (std::uint32_t code = 0; code < 256; ++code) {
    const auto byte = static_cast<unsigned char>(code);
    const double v = load_element(DType::kFp8, &byte, 0);
    if (!std::isnan(v)) {
      EXPECT_EQ(encoded(DType::kFp8, v), code) << code;
    }
  }
  for (std::uint32_t code = 0; code < 65536; ++code) {
    const unsigned char bytes[2] = {static_cast<unsigned char>(code),
                                    static_cast<unsigned char>(code >> 8)};
    for (DType t : {DType::kBf16, DType::kFp16}) {
      const double v = load_element(t, bytes, 0);
      if (!std::isnan(v)) {
        ASSERT_EQ(encoded(t, v), code) << dtype_name(t) << " " << code;
      }
    }
  }
}

TEST(Numeric, IntegersRoundToEvenSaturateAndInt4Packs) {
  EXPECT_EQ(round_to(DType::kInt8, 2.5), 2.0);
  EXPECT_EQ(round_to(DType::kInt8, 3.5), 4.0);
  EXPECT_EQ(round_to(DType::kInt8, 127.6), 127.0);
  EXPECT_EQ(round_to(DType::kInt8, -200.0), -128.0);
  EXPECT_EQ(round_to(DType::kInt4, 9.0), 7.0);
  unsigned char packed[2] = {0, 0};
  store_element(DType::kInt4, packed, 0, -8);
  store_element(DType::kInt4, packed, 1, 7);
  store_element(DType::kInt4, packed, 2, -1);
  EXPECT_EQ(packed[0], 0x78);
  EXPECT_EQ(packed[1], 0x0F);
  EXPECT_EQ(load_element(DType::kInt4, packed, 0), -8.0);
  EXPECT_EQ(load_element(DType::kInt4, packed, 1), 7.0);
  EXPECT_EQ(load_element(DType::kInt4, packed, 2), -1.0);
  EXPECT_EQ(encoded(DType::kInt32, -1.0), 0xFFFFFFFFu);
  EXPECT_EQ(dtype_bytes(DType::kInt4, 5), 3u);
  EXPECT_EQ(dtype_bytes(DType::kInt8, 5) * 2, dtype_bytes(DType::kBf16, 5));
}

}  // namespace
}  // namespace lumen
