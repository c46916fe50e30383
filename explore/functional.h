// Functional mode, host side: seeded random input tensors placed in memory where the programs'
// DMA loads find them (by each command's TensorRegion), and output tensors read back from
// where the stores put them. The engines compute everything in between.
#pragma once

#include <cstdint>
#include <vector>

#include "models/memory/sparse_storage.h"
#include "workloads/workload.h"

namespace lumen {

struct FunctionalTensor {
  TensorInfo info;
  std::vector<double> values;  // row-major, each exactly representable in info.dtype
};

// Inputs: uniform in [−1, 1) rounded to the dtype for floating point, uniform over the whole
// range for integers; rotary tables hold cos θ, sin θ with θ = row · 10000^(−2i/cols) for pair i.
// Outputs start at zero. Tensor i uses its own generator seeded from (seed, i).
std::vector<FunctionalTensor> make_tensors(const Workload& workload, std::uint64_t seed);

// Writes every region a DMA load reads, at the load's memory address.
void place_inputs(const Workload& workload, const std::vector<FunctionalTensor>& tensors,
                  MemoryBackdoor& memory);

// Reads every region a DMA store wrote back into the output tensors.
void read_outputs(const Workload& workload, std::vector<FunctionalTensor>& tensors,
                  const MemoryBackdoor& memory);

// FNV-1a of a tensor's values packed in its dtype: a compact identity for reports.
std::uint64_t tensor_checksum(const FunctionalTensor& tensor);

}  // namespace lumen
