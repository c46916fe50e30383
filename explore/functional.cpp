#include "explore/functional.h"

#include <cmath>

#include "core/hash.h"
#include "core/split_mix.h"
#include "models/compute/numeric.h"

namespace lumen {
namespace {

double random_value(DType t, SplitMix64& rng) {
  switch (t) {
    case DType::kInt4:
      return static_cast<double>(static_cast<int>(rng.next() % 16) - 8);
    case DType::kInt8:
      return static_cast<double>(static_cast<int>(rng.next() % 256) - 128);
    case DType::kInt32:
      return static_cast<double>(static_cast<std::int64_t>(rng.next() % 65536) - 32768);
    default:
      return round_to(t, 2 * rng.uniform() - 1);
  }
}

template <typename Visit>
void for_each_region(const Workload& workload, Opcode op, Visit visit) {
  for (const TileProgram& program : workload.programs)
    for (const Command& c : program.commands)
      if (c.op == op && c.region.tensor >= 0) visit(c);
}

}  // namespace

std::vector<FunctionalTensor> make_tensors(const Workload& workload, std::uint64_t seed) {
  std::vector<FunctionalTensor> tensors;
  for (std::size_t i = 0; i < workload.tensors.size(); ++i) {
    const TensorInfo& info = workload.tensors[i];
    FunctionalTensor t{info, std::vector<double>(info.rows * info.cols, 0.0)};
    SplitMix64 rng(seed * 0x100000001b3ULL + i);
    for (std::uint64_t r = 0; r < info.rows; ++r) {
      for (std::uint64_t c = 0; c < info.cols; ++c) {
        double& v = t.values[r * info.cols + c];
        if (info.role == TensorRole::kInput) {
          v = random_value(info.dtype, rng);
        } else if (info.role == TensorRole::kRotaryTable) {
          const double theta =
              static_cast<double>(r) *
              std::pow(10000.0, -static_cast<double>(c / 2 * 2) / static_cast<double>(info.cols));
          v = round_to(info.dtype, c % 2 == 0 ? std::cos(theta) : std::sin(theta));
        }
      }
    }
    tensors.push_back(std::move(t));
  }
  return tensors;
}

void place_inputs(const Workload& workload, const std::vector<FunctionalTensor>& tensors,
                  MemoryBackdoor& memory) {
  for_each_region(workload, Opcode::kDmaLoad, [&](const Command& c) {
    const FunctionalTensor& t = tensors.at(static_cast<std::size_t>(c.region.tensor));
    std::vector<unsigned char> bytes(c.bytes, 0);
    for (std::uint64_t r = 0; r < c.region.rows; ++r)
      for (std::uint64_t col = 0; col < c.region.cols; ++col)
        store_element(t.info.dtype, bytes.data(), r * c.region.cols + col,
                      t.values[(c.region.row0 + r) * t.info.cols + c.region.col0 + col]);
    memory.write_backdoor(c.mem_addr, bytes.data(), bytes.size());
  });
}

void read_outputs(const Workload& workload, std::vector<FunctionalTensor>& tensors,
                  const MemoryBackdoor& memory) {
  for_each_region(workload, Opcode::kDmaStore, [&](const Command& c) {
    FunctionalTensor& t = tensors.at(static_cast<std::size_t>(c.region.tensor));
    std::vector<unsigned char> bytes(c.bytes, 0);
    memory.read_backdoor(c.mem_addr, bytes.data(), bytes.size());
    for (std::uint64_t r = 0; r < c.region.rows; ++r)
      for (std::uint64_t col = 0; col < c.region.cols; ++col)
        t.values[(c.region.row0 + r) * t.info.cols + c.region.col0 + col] =
            load_element(t.info.dtype, bytes.data(), r * c.region.cols + col);
  });
}

std::uint64_t tensor_checksum(const FunctionalTensor& tensor) {
  std::string bytes(dtype_bytes(tensor.info.dtype, tensor.values.size()), '\0');
  for (std::size_t i = 0; i < tensor.values.size(); ++i)
    store_element(tensor.info.dtype, reinterpret_cast<unsigned char*>(bytes.data()), i,
                  tensor.values[i]);
  return fnv1a64(bytes);
}

}  // namespace lumen
