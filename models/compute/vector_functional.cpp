#include "models/compute/vector_functional.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/compute/numeric.h"

namespace lumen {
namespace {

enum class Reduce { kSum, kMax };

float combine(Reduce r, float a, float b) {
  return r == Reduce::kSum ? a + b : std::max(a, b);
}

// Lane-wise partials, then a pairwise tree over the lanes.
float lane_reduce(const std::vector<float>& v, std::uint32_t lanes, Reduce r) {
  const float identity = r == Reduce::kSum ? 0.0f : -INFINITY;
  std::vector<float> partial(lanes, identity);
  for (std::size_t i = 0; i < v.size(); ++i)
    partial[i % lanes] = combine(r, partial[i % lanes], v[i]);
  for (std::size_t width = lanes; width > 1; width = (width + 1) / 2) {
    for (std::size_t i = 0; i < width / 2; ++i)
      partial[i] = combine(r, partial[i], partial[width - 1 - i]);
  }
  return partial[0];
}

float rsqrt(float x) {
  return 1.0f / std::sqrt(x);
}

void softmax(std::vector<float>& v, std::uint32_t lanes) {
  const float m = lane_reduce(v, lanes, Reduce::kMax);
  for (float& x : v) x = std::exp(x - m);
  const float s = lane_reduce(v, lanes, Reduce::kSum);
  const float r = rsqrt(s);
  const float inv = r * r;
  for (float& x : v) x = x * inv;
}

void layernorm(std::vector<float>& v, std::uint32_t lanes) {
  const float inv_n = 1.0f / static_cast<float>(v.size());
  const float mean = lane_reduce(v, lanes, Reduce::kSum) * inv_n;
  std::vector<float> squares(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    v[i] = v[i] - mean;
    squares[i] = v[i] * v[i];
  }
  const float var_eps =
      std::fma(lane_reduce(squares, lanes, Reduce::kSum), inv_n, static_cast<float>(kNormEpsilon));
  const float rstd = rsqrt(var_eps);
  for (float& x : v) x = std::fma(x * rstd, 1.0f, 0.0f);
}

void rmsnorm(std::vector<float>& v, std::uint32_t lanes) {
  const float inv_n = 1.0f / static_cast<float>(v.size());
  std::vector<float> squares(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) squares[i] = v[i] * v[i];
  const float ms =
      std::fma(lane_reduce(squares, lanes, Reduce::kSum), inv_n, static_cast<float>(kNormEpsilon));
  const float r = rsqrt(ms);
  for (float& x : v) x = (x * r) * 1.0f;
}

float gelu(float x) {
  const float k = 2.0f * 0.7978845608f;  // 2·√(2/π)
  const float u = x * x;
  const float w = std::fma(0.044715f, u, 1.0f);
  const float z = x * w;
  const float z2 = z * k;
  const float e = std::exp(z2);
  const float d = e + 1.0f;
  const float r = rsqrt(d);
  const float recip = r * r;
  const float t = std::fma(-2.0f, recip, 1.0f);  // tanh(z·√(2/π))
  const float half = x * 0.5f;
  return std::fma(half, t, half);
}

float silu(float x) {
  const float e = std::exp(x * -1.0f);
  const float d = e + 1.0f;
  const float r = rsqrt(d);
  return x * (r * r);
}

}  // namespace

bool kernel_has_second_operand(VectorKernel kernel) {
  return kernel == VectorKernel::kResidualAdd || kernel == VectorKernel::kRotary ||
         kernel == VectorKernel::kMul;
}

void run_vector_kernel(VectorKernel kernel, std::uint32_t lanes, std::uint64_t rows,
                       std::uint64_t cols, DType in, DType out, const unsigned char* x,
                       const unsigned char* y, unsigned char* result) {
  std::vector<float> row(cols), other(cols);
  for (std::uint64_t r = 0; r < rows; ++r) {
    for (std::uint64_t c = 0; c < cols; ++c) {
      row[c] = static_cast<float>(load_element(in, x, r * cols + c));
      if (kernel_has_second_operand(kernel))
        other[c] = static_cast<float>(load_element(in, y, r * cols + c));
    }
    switch (kernel) {
      case VectorKernel::kResidualAdd:
        for (std::uint64_t c = 0; c < cols; ++c) row[c] = row[c] + other[c];
        break;
      case VectorKernel::kMul:
        for (std::uint64_t c = 0; c < cols; ++c) row[c] = row[c] * other[c];
        break;
      case VectorKernel::kRelu:
        for (float& v : row) v = std::max(v, 0.0f);
        break;
      case VectorKernel::kSoftmax:
        softmax(row, lanes);
        break;
      case VectorKernel::kLayerNorm:
        layernorm(row, lanes);
        break;
      case VectorKernel::kRmsNorm:
        rmsnorm(row, lanes);
        break;
      case VectorKernel::kGelu:
        for (float& v : row) v = gelu(v);
        break;
      case VectorKernel::kSilu:
        for (float& v : row) v = silu(v);
        break;
      case VectorKernel::kRotary: {
        // Pair (2i, 2i+1) rotates by θ_i: other holds cos θ_i, sin θ_i.
        std::vector<float> rotated(cols);
        for (std::uint64_t c = 0; c < cols; ++c) {
          const std::uint64_t pair = c & ~std::uint64_t{1};
          const float cos_t = other[pair];
          const float sin_t = pair + 1 < cols ? other[pair + 1] : 0.0f;
          const bool even = (c % 2) == 0;
          const float partner = even ? (c + 1 < cols ? row[c + 1] : 0.0f) : row[c - 1];
          const float t = partner * (even ? -sin_t : sin_t);
          rotated[c] = std::fma(row[c], cos_t, t);
        }
        row = rotated;
        break;
      }
      case VectorKernel::kQuantize:
        for (float& v : row) v = v * static_cast<float>(1.0 / kQuantScale);
        break;
      case VectorKernel::kDequantize:
        for (float& v : row) v = v * static_cast<float>(kQuantScale);
        break;
    }
    for (std::uint64_t c = 0; c < cols; ++c) store_element(out, result, r * cols + c, row[c]);
  }
}

}  // namespace lumen
