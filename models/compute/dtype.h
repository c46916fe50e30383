// Element data types of tensors on a tile: storage width, the accumulator a matrix engine uses
// for them, and names. int4 is for weights and KV caches (two per byte); int32 only holds
// accumulators and integer GEMM outputs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace lumen {

enum class DType { kInt4, kInt8, kFp8, kBf16, kFp16, kFp32, kInt32 };

inline constexpr std::array<DType, 7> kAllDTypes = {DType::kInt4, DType::kInt8, DType::kFp8,
                                                    DType::kBf16, DType::kFp16, DType::kFp32,
                                                    DType::kInt32};
inline constexpr std::size_t kDTypeCount = kAllDTypes.size();

inline std::size_t dtype_index(DType t) {
  return static_cast<std::size_t>(t);
}

inline std::uint32_t dtype_bits(DType t) {
  switch (t) {
    case DType::kInt4:
      return 4;
    case DType::kInt8:
    case DType::kFp8:
      return 8;
    case DType::kBf16:
    case DType::kFp16:
      return 16;
    case DType::kFp32:
    case DType::kInt32:
      return 32;
  }
  return 32;
}

inline bool dtype_is_integer(DType t) {
  return t == DType::kInt4 || t == DType::kInt8 || t == DType::kInt32;
}

// Accumulators: int32 for integer inputs, fp32 for floating point; both 32 bits.
inline DType accumulator_dtype(DType t) {
  return dtype_is_integer(t) ? DType::kInt32 : DType::kFp32;
}
inline std::uint32_t accumulator_bits(DType t) {
  return dtype_bits(accumulator_dtype(t));
}

// The type a MAC of an `a` × `b` product runs in (mixed precision such as int4 weights with
// bf16 activations dequantises the narrower operand): the wider one, floating point on a tie.
inline DType mac_dtype(DType a, DType b) {
  if (dtype_bits(a) != dtype_bits(b)) return dtype_bits(a) > dtype_bits(b) ? a : b;
  return dtype_is_integer(a) ? b : a;
}

// Accumulator of an `a` × `b` product: int32 only when both are integers.
inline DType accumulator_dtype(DType a, DType b) {
  return dtype_is_integer(a) && dtype_is_integer(b) ? DType::kInt32 : DType::kFp32;
}

// Bytes occupied by `count` elements (int4 packs two per byte).
inline std::uint64_t dtype_bytes(DType t, std::uint64_t count) {
  return (count * dtype_bits(t) + 7) / 8;
}

inline const char* dtype_name(DType t) {
  switch (t) {
    case DType::kInt4:
      return "int4";
    case DType::kInt8:
      return "int8";
    case DType::kFp8:
      return "fp8";
    case DType::kBf16:
      return "bf16";
    case DType::kFp16:
      return "fp16";
    case DType::kFp32:
      return "fp32";
    case DType::kInt32:
      return "int32";
  }
  return "?";
}

inline std::optional<DType> dtype_from_name(const std::string& name) {
  for (DType t : kAllDTypes)
    if (name == dtype_name(t)) return t;
  return std::nullopt;
}

}  // namespace lumen
