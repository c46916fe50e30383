// What an `llm` scenario asks for, typed: the phase (prefill of a prompt, or one decode step at
// a context length), the batch, the element types, the KV cache's storage (a plain dtype or a
// TurboQuant-style compressed code) and the parallelism over chips. Built from a validated
// scenario by llm_spec_from (explore/llm_point.cpp loads the model file it names).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/compute/dtype.h"

namespace lumen {

enum class LlmPhase { kPrefill, kDecode };

// How the KV cache is stored and read back.
//   stored bits per value  b_s = bits + block_overhead_bits / block
//   KV bytes               = values · b_s / 8          (bf16: b_s = 16)
// `bf16`, `fp8`, `int8`, `int4` are plain element types (the integer ones with a 16-bit scale per
// block of 128 values); `turboquant` is a vector quantiser of `bits` per value (2.5 to 8, e.g. 3.5)
// with a per-block norm/scale overhead and a random orthogonal rotation: keys and values are
// stored rotated, so each decode step rotates the queries once (q·R) and the attention output
// back (·Rᵀ) instead of touching the cache (two head_dim × head_dim GEMMs per head).
// Decompression runs either `fused` in the attention kernel's operand path (the matrix engine
// reads the compressed operand as int4/int8, as it reads int4 weights, at no extra cycles) or on
// the `vector` unit as its own pass (dequantize through memory into bf16, as an unfused kernel
// does), which costs vector cycles and bf16 traffic.
struct KvCacheFormat {
  std::string scheme = "bf16";  // bf16, fp8, int8, int4, turboquant
  double bits = 16;             // per value, before the block overhead
  std::uint64_t block = 128;
  double block_overhead_bits = 0;
  bool rotation = false;  // turboquant
  bool fused = true;      // false: a vector-unit dequantize pass
  double stored_bits() const { return bits + (block ? block_overhead_bits / block : 0.0); }
  bool compressed() const { return stored_bits() < 16; }
  // The element type the matrix engine reads a fused compressed operand as.
  DType operand_dtype() const;
  std::string label() const;  // "bf16", "turboquant 3.5 b (fused)"...
};

KvCacheFormat plain_kv_format(const std::string& dtype);  // bf16, fp8, int8, int4

struct LlmParallel {
  std::uint32_t tp = 1, pp = 1;
  std::uint32_t micro_batches = 1;  // pipeline parallel: the batch cut into this many
};

struct LlmSpec {
  LlmPhase phase = LlmPhase::kDecode;
  std::uint64_t batch = 1;
  std::uint64_t prompt = 0;               // prefill: tokens per sequence
  std::vector<std::uint64_t> contexts;    // decode: KV length of each case (the first is headline)
  DType activation_dtype = DType::kBf16;  // activations, and the matrix engine's operand A
  DType weight_dtype = DType::kBf16;
  KvCacheFormat kv;
  LlmParallel parallel;
  bool all_layers = false;  // simulate every layer instead of one representative layer
};

}  // namespace lumen
