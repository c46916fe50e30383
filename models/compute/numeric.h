// Values of each element type, for functional mode: rounding a real number to the nearest
// representable value and packing it into (or out of) scratchpad and memory bytes.
//
// Rounding is round-to-nearest-even everywhere. Floating-point formats:
//   bf16  1-8-7   bias 127, overflow → ±inf
//   fp16  1-5-10  bias 15 (IEEE binary16), subnormals kept, overflow → ±inf
//   fp8   1-4-3   bias 7, OCP E4M3 ("fn": no infinity), overflow saturates to ±448
//   fp32  IEEE binary32
// Integers round to nearest even and saturate: int4 [−8, 7], int8 [−128, 127], int32.
// Storage is little-endian; int4 packs element 2i in the low nibble of byte i.
#pragma once

#include <cstdint>

#include "models/compute/dtype.h"

namespace lumen {

// The representable value of `t` nearest to `x`.
double round_to(DType t, double x);

// Writes round_to(t, value) as element `index` of an array of `t` starting at `base`.
void store_element(DType t, unsigned char* base, std::uint64_t index, double value);

// Reads element `index` of an array of `t` starting at `base`.
double load_element(DType t, const unsigned char* base, std::uint64_t index);

}  // namespace lumen
