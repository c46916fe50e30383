#include "workloads/vector_lowering.h"

#include <algorithm>
#include <optional>

#include "core/diagnostics.h"
#include "models/compute/vector_functional.h"

namespace lumen {
namespace {

using json = nlohmann::json;

// Bytes one row needs in the scratchpad: inputs and result.
std::uint64_t row_bytes(const VectorLayer& v) {
  return dtype_bytes(v.in, v.cols) * (v.second ? 2 : 1) + dtype_bytes(v.out, v.cols);
}

class TileVectorBuilder {
 public:
  TileVectorBuilder(TileProgram& program, const VectorLayer& layer, std::uint64_t block_rows,
                    int buffers, AddressAllocator& memory)
      : program_(program), v_(layer), block_rows_(block_rows), buffers_(buffers), memory_(memory) {}

  void build(std::uint64_t row0, std::uint64_t rows, std::int32_t x, std::int32_t y,
             std::int32_t out, LayerPlan& plan) {
    const std::uint64_t in_bytes = dtype_bytes(v_.in, block_rows_ * v_.cols);
    const std::uint64_t out_bytes = dtype_bytes(v_.out, block_rows_ * v_.cols);
    const std::uint64_t inputs = v_.second ? 2 : 1;
    const auto in_addr = [&](int slot, int operand) {
      return (static_cast<std::uint64_t>(slot) * inputs + static_cast<std::uint64_t>(operand)) *
             in_bytes;
    };
    const auto out_addr = [&](int slot) {
      return buffers_ * inputs * in_bytes + static_cast<std::uint64_t>(slot) * out_bytes;
    };
    std::uint64_t block = 0;
    for (std::uint64_t r = 0; r < rows; r += block_rows_, ++block) {
      const std::uint64_t n = std::min(block_rows_, rows - r);
      const int slot = static_cast<int>(block % buffers_);
      const std::string where =
          "[" + std::to_string(row0 + r) + ":" + std::to_string(row0 + r + n) + "]";
      Command kernel;
      kernel.op = Opcode::kVector;
      kernel.kernel = v_.kernel;
      kernel.rows = n;
      kernel.cols = v_.cols;
      kernel.dtype = v_.in;
      kernel.out_dtype = v_.out;
      kernel.spm_a = in_addr(slot, 0);
      kernel.spm_b = in_addr(slot, 1);
      kernel.spm_c = out_addr(slot);
      kernel.label = v_.name + " " + kernel_name(v_.kernel) + " rows " + where;
      kernel.deps.push_back(load(slot, 0, {x, row0 + r, 0, n, v_.cols}, "X" + where, plan));
      if (v_.second)
        kernel.deps.push_back(load(slot, 1, {y, row0 + r, 0, n, v_.cols}, "Y" + where, plan));
      if (last_store_[slot]) kernel.deps.push_back(*last_store_[slot]);
      const std::uint32_t id = program_.add(std::move(kernel));
      last_reader_[slot] = id;
      ++plan.blocks;
      Command store;
      store.op = Opcode::kDmaStore;
      store.bytes = dtype_bytes(v_.out, n * v_.cols);
      store.mem_addr = memory_.allocate(store.bytes);
      store.spm_addr = out_addr(slot);
      store.region = {out, row0 + r, 0, n, v_.cols};
      store.deps = {id};
      store.label = v_.name + " store " + where;
      plan.store_bytes += store.bytes;
      last_store_[slot] = program_.add(std::move(store));
    }
  }

 private:
  std::uint32_t load(int slot, int operand, TensorRegion region, const std::string& what,
                     LayerPlan& plan) {
    Command c;
    c.op = Opcode::kDmaLoad;
    c.bytes = dtype_bytes(v_.in, region.rows * region.cols);
    c.mem_addr = memory_.allocate(c.bytes);
    const std::uint64_t inputs = v_.second ? 2 : 1;
    c.spm_addr = (static_cast<std::uint64_t>(slot) * inputs + static_cast<std::uint64_t>(operand)) *
                 dtype_bytes(v_.in, block_rows_ * v_.cols);
    c.region = region;
    c.label = v_.name + " load " + what;
    if (last_reader_[slot]) c.deps.push_back(*last_reader_[slot]);
    plan.load_bytes += c.bytes;
    return program_.add(std::move(c));
  }

  TileProgram& program_;
  const VectorLayer& v_;
  std::uint64_t block_rows_;
  int buffers_;
  AddressAllocator& memory_;
  std::optional<std::uint32_t> last_reader_[2], last_store_[2];
};

}  // namespace

Workload lower_vector_scenario(const json& scenario, const ChipParams& chip,
                               const SourceMap& sources) {
  VectorLayer v;
  v.name = scenario.value("name", "vector");
  v.kernel = *kernel_from_name(scenario.at("op").get<std::string>());
  v.rows = scenario.at("rows").get<std::uint64_t>();
  v.cols = scenario.at("cols").get<std::uint64_t>();
  v.in = *dtype_from_name(scenario.value("dtype", "bf16"));
  const DType default_out = v.kernel == VectorKernel::kQuantize ? DType::kInt8 : v.in;
  v.out = scenario.contains("out_dtype")
              ? *dtype_from_name(scenario["out_dtype"].get<std::string>())
              : default_out;
  v.second = kernel_has_second_operand(v.kernel);
  return lower_vector_layer(v, chip, sources);
}

Workload lower_vector_layer(const VectorLayer& v, const ChipParams& chip,
                            const SourceMap& sources) {
  Workload workload;
  workload.kind = "vector";
  const std::uint32_t tiles = chip.tiles();
  workload.programs.resize(tiles);
  workload.peak_scratchpad_bytes.assign(tiles, 0);
  const auto x = static_cast<std::int32_t>(workload.tensors.size());
  workload.tensors.push_back({v.name + ".X", v.rows, v.cols, v.in, TensorRole::kInput});
  std::int32_t y = -1;
  if (v.second) {
    y = static_cast<std::int32_t>(workload.tensors.size());
    workload.tensors.push_back(
        {v.name + ".Y", v.rows, v.cols, v.in,
         v.kernel == VectorKernel::kRotary ? TensorRole::kRotaryTable : TensorRole::kInput});
  }
  const auto out = static_cast<std::int32_t>(workload.tensors.size());
  workload.tensors.push_back({v.name + ".out", v.rows, v.cols, v.out, TensorRole::kOutput});

  const std::uint64_t capacity = chip.tile.scratchpad.size_bytes;
  const std::uint64_t per_row = row_bytes(v);
  if (per_row > capacity) {
    throw InputError(sources.diagnose("/platform/chip/tile/scratchpad/size",
                                      "a scratchpad that holds one row of \"" + v.name + "\" (" +
                                          std::to_string(per_row) +
                                          " bytes for its inputs and result)",
                                      std::to_string(capacity) + " bytes"));
  }
  LayerPlan plan;
  plan.name = v.name;
  plan.op = kernel_name(v.kernel);
  plan.shape = {v.rows, v.cols, 1};
  plan.dtype = v.in;
  plan.out_dtype = v.out;
  plan.tiles_used = static_cast<std::uint32_t>(std::min<std::uint64_t>(tiles, v.rows));
  AddressAllocator memory;
  std::uint64_t row0 = 0;
  for (std::uint32_t t = 0; t < plan.tiles_used; ++t) {
    const std::uint64_t rows = v.rows / plan.tiles_used + (t < v.rows % plan.tiles_used ? 1 : 0);
    const int buffers = 2 * per_row <= capacity ? 2 : 1;
    const std::uint64_t block_rows = std::min(rows, capacity / (buffers * per_row));
    plan.block = {block_rows, v.cols, 1};
    plan.double_buffered = buffers == 2;
    workload.peak_scratchpad_bytes[t] = buffers * block_rows * per_row;
    TileVectorBuilder(workload.programs[t], v, block_rows, buffers, memory)
        .build(row0, rows, x, y, out, plan);
    row0 += rows;
  }
  workload.layers.push_back(plan);
  return workload;
}

}  // namespace lumen
