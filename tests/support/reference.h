// Straightforward references for functional mode: plain loops, no blocking, no lanes.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "models/compute/numeric.h"
#include "models/compute/vector_functional.h"

namespace lumen::test {

// C = A·B with the accumulator of the operand dtypes (int64 then saturated to int32 when both
// are integers, else fp32 summed in K order), rounded to `out`.
inline std::vector<double> gemm_reference(const std::vector<double>& a,
                                          const std::vector<double>& b, std::uint64_t m,
                                          std::uint64_t n, std::uint64_t k, DType in, DType weight,
                                          DType out) {
  std::vector<double> c(m * n);
  for (std::uint64_t i = 0; i < m; ++i) {
    for (std::uint64_t j = 0; j < n; ++j) {
      if (dtype_is_integer(in) && dtype_is_integer(weight)) {
        std::int64_t sum = 0;
        for (std::uint64_t p = 0; p < k; ++p)
          sum += static_cast<std::int64_t>(a[i * k + p]) * static_cast<std::int64_t>(b[p * n + j]);
        c[i * n + j] = round_to(out, round_to(DType::kInt32, static_cast<double>(sum)));
      } else {
        float sum = 0;
        for (std::uint64_t p = 0; p < k; ++p)
          sum = sum + static_cast<float>(a[i * k + p]) * static_cast<float>(b[p * n + j]);
        c[i * n + j] = round_to(out, sum);
      }
    }
  }
  return c;
}

// One row of a kernel in double precision, from the textbook definitions.
inline std::vector<double> kernel_reference(VectorKernel kernel, const std::vector<double>& x,
                                            const std::vector<double>& y) {
  const std::size_t n = x.size();
  std::vector<double> out(n);
  switch (kernel) {
    case VectorKernel::kResidualAdd:
      for (std::size_t i = 0; i < n; ++i) out[i] = x[i] + y[i];
      break;
    case VectorKernel::kRelu:
      for (std::size_t i = 0; i < n; ++i) out[i] = x[i] > 0 ? x[i] : 0;
      break;
    case VectorKernel::kSoftmax: {
      double max = x[0], sum = 0;
      for (double v : x) max = std::max(max, v);
      for (std::size_t i = 0; i < n; ++i) sum += out[i] = std::exp(x[i] - max);
      for (double& v : out) v /= sum;
      break;
    }
    case VectorKernel::kLayerNorm: {
      double mean = 0, var = 0;
      for (double v : x) mean += v / static_cast<double>(n);
      for (double v : x) var += (v - mean) * (v - mean) / static_cast<double>(n);
      for (std::size_t i = 0; i < n; ++i) out[i] = (x[i] - mean) / std::sqrt(var + kNormEpsilon);
      break;
    }
    case VectorKernel::kRmsNorm: {
      double ms = 0;
      for (double v : x) ms += v * v / static_cast<double>(n);
      for (std::size_t i = 0; i < n; ++i) out[i] = x[i] / std::sqrt(ms + kNormEpsilon);
      break;
    }
    case VectorKernel::kGelu:
      for (std::size_t i = 0; i < n; ++i)
        out[i] = 0.5 * x[i] *
                 (1 + std::tanh(std::sqrt(2 / M_PI) * (x[i] + 0.044715 * x[i] * x[i] * x[i])));
      break;
    case VectorKernel::kSilu:
      for (std::size_t i = 0; i < n; ++i) out[i] = x[i] / (1 + std::exp(-x[i]));
      break;
    case VectorKernel::kRotary:
      for (std::size_t i = 0; i + 1 < n; i += 2) {
        out[i] = x[i] * y[i] - x[i + 1] * y[i + 1];
        out[i + 1] = x[i] * y[i + 1] + x[i + 1] * y[i];
      }
      if (n % 2) out[n - 1] = x[n - 1] * y[n - 1];
      break;
    case VectorKernel::kQuantize:
      for (std::size_t i = 0; i < n; ++i) out[i] = x[i] / kQuantScale;
      break;
    case VectorKernel::kDequantize:
      for (std::size_t i = 0; i < n; ++i) out[i] = x[i] * kQuantScale;
      break;
    case VectorKernel::kMul:
      for (std::size_t i = 0; i < n; ++i) out[i] = x[i] * y[i];
      break;
  }
  return out;
}

}  // namespace lumen::test
