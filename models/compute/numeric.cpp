#include "models/compute/numeric.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace lumen {
namespace {

struct FloatFormat {
  int exponent_bits, mantissa_bits, bias;
  bool has_infinity;  // false: overflow saturates to the largest finite value (E4M3)
  double max_finite;
};

FloatFormat format_of(DType t) {
  switch (t) {
    case DType::kBf16:
      return {8, 7, 127, true, 0x1.FEp127};
    case DType::kFp16:
      return {5, 10, 15, true, 65504.0};
    default:  // kFp8: E4M3, the all-ones exponent is usable except for mantissa 111 (NaN)
      return {4, 3, 7, false, 448.0};
  }
}

double round_float(const FloatFormat& f, double x) {
  if (std::isnan(x) || x == 0.0) return x;
  const double a = std::fabs(x);
  int exponent = 0;
  std::frexp(a, &exponent);  // a = m · 2^exponent, m in [0.5, 1)
  const int min_normal = 1 - f.bias;
  const int e = std::max(exponent - 1, min_normal);
  const double quantum = std::ldexp(1.0, e - f.mantissa_bits);
  double r = std::nearbyint(a / quantum) * quantum;
  if (r > f.max_finite) {
    // IEEE overflow: values at or beyond max + half an ulp become infinity.
    const double half_ulp = std::ldexp(1.0, std::ilogb(f.max_finite) - f.mantissa_bits - 1);
    if (!f.has_infinity)
      r = f.max_finite;
    else if (a >= f.max_finite + half_ulp)
      r = std::numeric_limits<double>::infinity();
    else
      r = f.max_finite;
  }
  return std::copysign(r, x);
}

std::uint32_t encode_float(const FloatFormat& f, double v) {
  const std::uint32_t sign = std::signbit(v) ? 1u : 0u;
  const int total_bits = 1 + f.exponent_bits + f.mantissa_bits;
  const std::uint32_t sign_bit = sign << (total_bits - 1);
  const std::uint32_t exp_all_ones = (1u << f.exponent_bits) - 1;
  if (std::isnan(v))
    return sign_bit | (exp_all_ones << f.mantissa_bits) | ((1u << f.mantissa_bits) - 1);
  const double a = std::fabs(v);
  if (std::isinf(a)) return sign_bit | (exp_all_ones << f.mantissa_bits);
  if (a == 0.0) return sign_bit;
  int exponent = 0;
  std::frexp(a, &exponent);
  const int e = exponent - 1;
  const int min_normal = 1 - f.bias;
  if (e < min_normal) {  // subnormal
    const auto mantissa = static_cast<std::uint32_t>(std::ldexp(a, f.mantissa_bits - min_normal));
    return sign_bit | mantissa;
  }
  const auto field = static_cast<std::uint32_t>(e + f.bias);
  const auto mantissa =
      static_cast<std::uint32_t>(std::ldexp(a, f.mantissa_bits - e)) - (1u << f.mantissa_bits);
  return sign_bit | (field << f.mantissa_bits) | mantissa;
}

double decode_float(const FloatFormat& f, std::uint32_t bits) {
  const int total_bits = 1 + f.exponent_bits + f.mantissa_bits;
  const bool negative = (bits >> (total_bits - 1)) & 1u;
  const std::uint32_t field = (bits >> f.mantissa_bits) & ((1u << f.exponent_bits) - 1);
  const std::uint32_t mantissa = bits & ((1u << f.mantissa_bits) - 1);
  const std::uint32_t exp_all_ones = (1u << f.exponent_bits) - 1;
  double a = 0;
  if (field == exp_all_ones && f.has_infinity) {
    a = mantissa ? std::numeric_limits<double>::quiet_NaN()
                 : std::numeric_limits<double>::infinity();
  } else if (field == exp_all_ones && mantissa == (1u << f.mantissa_bits) - 1) {
    a = std::numeric_limits<double>::quiet_NaN();  // E4M3's only NaN
  } else if (field == 0) {
    a = std::ldexp(static_cast<double>(mantissa), 1 - f.bias - f.mantissa_bits);
  } else {
    a = std::ldexp(static_cast<double>(mantissa + (1u << f.mantissa_bits)),
                   static_cast<int>(field) - f.bias - f.mantissa_bits);
  }
  return negative ? -a : a;
}

double round_integer(double x, double lo, double hi) {
  if (std::isnan(x)) return 0;
  return std::clamp(std::nearbyint(x), lo, hi);
}

void put_bytes(unsigned char* dst, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) dst[i] = static_cast<unsigned char>(value >> (8 * i));
}

std::uint64_t get_bytes(const unsigned char* src, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= static_cast<std::uint64_t>(src[i]) << (8 * i);
  return value;
}

}  // namespace

double round_to(DType t, double x) {
  switch (t) {
    case DType::kInt4:
      return round_integer(x, -8, 7);
    case DType::kInt8:
      return round_integer(x, -128, 127);
    case DType::kInt32:
      return round_integer(x, -2147483648.0, 2147483647.0);
    case DType::kFp32:
      return static_cast<double>(static_cast<float>(x));
    default:
      return round_float(format_of(t), x);
  }
}

void store_element(DType t, unsigned char* base, std::uint64_t index, double value) {
  const double v = round_to(t, value);
  switch (t) {
    case DType::kInt4: {
      const auto nibble = static_cast<std::uint8_t>(static_cast<int>(v) & 0xF);
      unsigned char& byte = base[index / 2];
      byte = (index % 2) ? static_cast<unsigned char>((byte & 0x0F) | (nibble << 4))
                         : static_cast<unsigned char>((byte & 0xF0) | nibble);
      return;
    }
    case DType::kInt8:
      base[index] = static_cast<unsigned char>(static_cast<std::int8_t>(v));
      return;
    case DType::kInt32:
      put_bytes(base + 4 * index, static_cast<std::uint32_t>(static_cast<std::int32_t>(v)), 4);
      return;
    case DType::kFp32: {
      const auto f = static_cast<float>(v);
      std::uint32_t bits = 0;
      std::memcpy(&bits, &f, 4);
      put_bytes(base + 4 * index, bits, 4);
      return;
    }
    default: {
      const FloatFormat f = format_of(t);
      const int bytes = static_cast<int>(dtype_bits(t) / 8);
      put_bytes(base + bytes * index, encode_float(f, v), bytes);
      return;
    }
  }
}

double load_element(DType t, const unsigned char* base, std::uint64_t index) {
  switch (t) {
    case DType::kInt4: {
      const int nibble = (base[index / 2] >> ((index % 2) * 4)) & 0xF;
      return nibble >= 8 ? nibble - 16 : nibble;
    }
    case DType::kInt8:
      return static_cast<std::int8_t>(base[index]);
    case DType::kInt32:
      return static_cast<std::int32_t>(static_cast<std::uint32_t>(get_bytes(base + 4 * index, 4)));
    case DType::kFp32: {
      const auto bits = static_cast<std::uint32_t>(get_bytes(base + 4 * index, 4));
      float f = 0;
      std::memcpy(&f, &bits, 4);
      return f;
    }
    default: {
      const FloatFormat f = format_of(t);
      const int bytes = static_cast<int>(dtype_bits(t) / 8);
      return decode_float(f, static_cast<std::uint32_t>(get_bytes(base + bytes * index, bytes)));
    }
  }
}

}  // namespace lumen
