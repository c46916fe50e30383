// Element data types of tensors on a tile: storage width and the accumulator they use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lumen {

enum class DType { kInt4, kInt8, kFp8, kBf16, kFp16, kFp32 };

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
      return 32;
  }
  return 32;
}

// Accumulators: int32 for integer inputs, fp32 for floating point.
inline std::uint32_t accumulator_bits(DType) {
  return 32;
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
  }
  return "?";
}

inline std::optional<DType> dtype_from_name(const std::string& name) {
  for (DType t :
       {DType::kInt4, DType::kInt8, DType::kFp8, DType::kBf16, DType::kFp16, DType::kFp32})
    if (name == dtype_name(t)) return t;
  return std::nullopt;
}

}  // namespace lumen
