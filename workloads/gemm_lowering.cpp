#include "workloads/gemm_lowering.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/diagnostics.h"

namespace lumen {
namespace {

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}

// A GEMM given in the array's terms: rows, columns and streamed dimension.
struct Mapped {
  std::uint64_t row, col, streamed;
};

// The array's view of a GEMM, from the one mapping table (systolic_timing.h).
Mapped to_mapped(Dataflow dataflow, GemmShape g) {
  const SystolicMapping map = systolic_mapping({1, 1}, dataflow, g);
  return {map.row_dim, map.col_dim, map.streamed};
}

// The inverse of to_mapped.
GemmShape from_mapped(Dataflow dataflow, Mapped p) {
  switch (dataflow) {
    case Dataflow::kOutputStationary:
      return {p.row, p.col, p.streamed};
    case Dataflow::kWeightStationary:
      return {p.streamed, p.col, p.row};
    case Dataflow::kInputStationary:
      return {p.col, p.streamed, p.row};
  }
  return {p.row, p.col, p.streamed};
}

struct Footprint {
  std::uint64_t a, b, c;
  std::uint64_t total(int buffers) const {
    return static_cast<std::uint64_t>(buffers) * (a + b + c);
  }
};

// Operand and result types of a layer.
struct Types {
  DType a, b;
};

Footprint footprint(GemmShape block, Types t) {
  return {dtype_bytes(t.a, block.m * block.k), dtype_bytes(t.b, block.k * block.n),
          block.m * block.n * 4};  // int32 or fp32 accumulators
}

struct BlockChoice {
  GemmShape block;
  int buffers;
};

// Halves `extent` in whole units of `unit`, never below one unit (or the extent itself).
std::uint64_t shrink(std::uint64_t extent, std::uint64_t unit) {
  const std::uint64_t units = ceil_div(extent, unit);
  return units <= 1 ? extent : ceil_div(units, 2) * unit;
}

// Tries, in order: double buffering with folded dimensions shrunk, single buffering likewise,
// then both again with the streamed dimension split as well (which costs fill/drain cycles).
std::optional<BlockChoice> choose_block(GemmShape shape, const ChipParams& chip, Types dtype) {
  const auto& m = chip.tile.matrix;
  const std::uint64_t capacity = chip.tile.scratchpad.size_bytes;
  for (bool split_streamed : {false, true}) {
    for (int buffers : {2, 1}) {
      Mapped p = to_mapped(m.dataflow, shape);
      while (true) {
        const GemmShape block = from_mapped(m.dataflow, p);
        if (footprint(block, dtype).total(buffers) <= capacity) return BlockChoice{block, buffers};
        const std::uint64_t row_units = ceil_div(p.row, m.array.rows);
        const std::uint64_t col_units = ceil_div(p.col, m.array.cols);
        if (row_units > 1 && row_units >= col_units) {
          p.row = shrink(p.row, m.array.rows);
        } else if (col_units > 1) {
          p.col = shrink(p.col, m.array.cols);
        } else if (split_streamed && p.streamed > 1) {
          p.streamed = ceil_div(p.streamed, 2);
        } else {
          break;
        }
      }
    }
  }
  return std::nullopt;
}

// Where a tile's share of a layer sits in the layer's A (M×K), B (K×N) and C (M×N), and which
// tensors those are.
struct ShareOrigin {
  std::uint64_t m0 = 0, n0 = 0;
  std::int32_t a = -1, b = -1, c = -1;  // tensor indices
};

// Splits a double-buffered block further along the array's row dimension (K for ws and is,
// M for os), in whole folds, until the share has at least kMinPipelineBlocks blocks: with a
// single block nothing overlaps (load, compute and store run back to back), with n blocks only
// the first load and the last store are exposed. Row folds keep the cycle count unchanged; for
// ws and is the split is along K, so no operand is loaded twice.
constexpr std::uint64_t kMinPipelineBlocks = 8;

BlockChoice pipeline(BlockChoice choice, GemmShape share, const ChipParams& chip) {
  if (choice.buffers < 2) return choice;
  const auto& m = chip.tile.matrix;
  const auto blocks = [&](GemmShape b) {
    return ceil_div(share.m, b.m) * ceil_div(share.n, b.n) * ceil_div(share.k, b.k);
  };
  Mapped p = to_mapped(m.dataflow, choice.block);
  while (blocks(from_mapped(m.dataflow, p)) < kMinPipelineBlocks &&
         ceil_div(p.row, m.array.rows) > 1)
    p.row = shrink(p.row, m.array.rows);
  choice.block = from_mapped(m.dataflow, p);
  return choice;
}

// Builds the command program of one tile's share of one layer, appended to `program`.
class TileLayerBuilder {
 public:
  TileLayerBuilder(TileProgram& program, const GemmLayer& layer, int buffers,
                   std::optional<std::uint32_t> after, AddressAllocator& memory)
      : program_(program), layer_(layer), buffers_(buffers), after_(after), memory_(memory) {}

  // Emits the block loop; returns the id of the last store.
  std::uint32_t build(GemmShape shape, GemmShape block, ShareOrigin origin, LayerPlan& plan) {
    const Types types{layer_.dtype, layer_.weight_dtype};
    const std::uint64_t mb = ceil_div(shape.m, block.m), nb = ceil_div(shape.n, block.n),
                        kb = ceil_div(shape.k, block.k);
    const Footprint fp = footprint(block, types);
    // Scratchpad layout: A buffers, then B buffers, then C buffers.
    const auto a_slot_addr = [&](int s) { return static_cast<std::uint64_t>(s) * fp.a; };
    const auto b_slot_addr = [&](int s) {
      return buffers_ * fp.a + static_cast<std::uint64_t>(s) * fp.b;
    };
    const auto c_slot_addr = [&](int s) {
      return buffers_ * (fp.a + fp.b) + static_cast<std::uint64_t>(s) * fp.c;
    };
    const std::string& name = layer_.name;
    std::uint32_t last_store = 0;
    bool first_gemm = true;
    std::uint64_t output_block = 0;
    for (std::uint64_t mi = 0; mi < mb; ++mi) {
      const std::uint64_t m = std::min(block.m, shape.m - mi * block.m);
      for (std::uint64_t ni = 0; ni < nb; ++ni, ++output_block) {
        const std::uint64_t n = std::min(block.n, shape.n - ni * block.n);
        const int c_slot = static_cast<int>(output_block % buffers_);
        std::uint32_t last = 0;
        for (std::uint64_t ki = 0; ki < kb; ++ki) {
          const std::uint64_t k = std::min(block.k, shape.k - ki * block.k);
          const std::uint32_t a_load =
              operand(a_, layer_.dtype, {mi, ki},
                      {origin.a, origin.m0 + mi * block.m, ki * block.k, m, k}, a_slot_addr,
                      name + " A[" + std::to_string(mi) + "," + std::to_string(ki) + "]", plan);
          const std::uint32_t b_load =
              operand(b_, layer_.weight_dtype, {ki, ni},
                      {origin.b, ki * block.k, origin.n0 + ni * block.n, k, n}, b_slot_addr,
                      name + " B[" + std::to_string(ki) + "," + std::to_string(ni) + "]", plan);
          Command g;
          g.op = Opcode::kGemm;
          g.gemm = {m, n, k};
          g.dtype = layer_.dtype;
          g.weight_dtype = layer_.weight_dtype;
          g.out_dtype = layer_.out_dtype;
          g.spm_a = a_slot_addr(a_.slot);
          g.spm_b = b_slot_addr(b_.slot);
          g.spm_c = c_slot_addr(c_slot);
          g.accumulate = ki > 0;
          g.last_k = ki + 1 == kb;
          g.layer_start = first_gemm;
          g.label = name + " gemm " + std::to_string(m) + "x" + std::to_string(n) + "x" +
                    std::to_string(k);
          g.deps = {a_load, b_load};
          if (ki == 0 && c_last_store_[c_slot]) g.deps.push_back(*c_last_store_[c_slot]);
          last = program_.add(std::move(g));
          a_.last_reader[a_.slot] = last;
          b_.last_reader[b_.slot] = last;
          first_gemm = false;
          ++plan.blocks;
        }
        if (layer_.epilogue) last = epilogue(last, m, n, c_slot_addr(c_slot));
        Command store;
        store.op = Opcode::kDmaStore;
        store.bytes = dtype_bytes(layer_.out_dtype, m * n);
        store.mem_addr = memory_.allocate(store.bytes);
        store.spm_addr = c_slot_addr(c_slot);
        store.region = {origin.c, origin.m0 + mi * block.m, origin.n0 + ni * block.n, m, n};
        store.deps = {last};
        store.label = name + " store C[" + std::to_string(mi) + "," + std::to_string(ni) + "]";
        plan.store_bytes += store.bytes;
        last_store = program_.add(std::move(store));
        c_last_store_[c_slot] = last_store;
      }
    }
    return last_store;
  }

 private:
  struct Operand {
    std::optional<std::pair<std::uint64_t, std::uint64_t>> resident;  // block held in `slot`
    int slot = -1;
    std::uint32_t loaded_by = 0;
    std::optional<std::uint32_t> last_reader[2];
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> address;  // per block
  };

  // The fused elementwise kernel on a finished C block, in place.
  std::uint32_t epilogue(std::uint32_t gemm, std::uint64_t m, std::uint64_t n,
                         std::uint64_t c_addr) {
    Command v;
    v.op = Opcode::kVector;
    v.kernel = *layer_.epilogue;
    v.rows = m;
    v.cols = n;
    v.dtype = layer_.out_dtype;
    v.out_dtype = layer_.out_dtype;
    v.spm_a = v.spm_c = c_addr;
    v.deps = {gemm};
    v.label = layer_.name + " " + kernel_name(*layer_.epilogue) + " " + std::to_string(m) + "x" +
              std::to_string(n);
    return program_.add(std::move(v));
  }

  // Loads an operand block unless it is the one already resident; returns the load's id.
  template <typename SlotAddr>
  std::uint32_t operand(Operand& op, DType dtype, std::pair<std::uint64_t, std::uint64_t> id,
                        TensorRegion region, SlotAddr slot_addr, std::string label,
                        LayerPlan& plan) {
    if (op.resident == id) return op.loaded_by;
    op.slot = (op.slot + 1) % buffers_;
    Command load;
    load.op = Opcode::kDmaLoad;
    load.bytes = dtype_bytes(dtype, region.rows * region.cols);
    const auto known = op.address.find(id);
    load.mem_addr = known != op.address.end() ? known->second : memory_.allocate(load.bytes);
    op.address[id] = load.mem_addr;
    load.spm_addr = slot_addr(op.slot);
    load.region = region;
    load.label = "load " + std::move(label);
    if (op.last_reader[op.slot]) load.deps.push_back(*op.last_reader[op.slot]);
    if (after_) load.deps.push_back(*after_);
    plan.load_bytes += load.bytes;
    op.loaded_by = program_.add(std::move(load));
    op.resident = id;
    return op.loaded_by;
  }

  TileProgram& program_;
  const GemmLayer& layer_;
  int buffers_;
  std::optional<std::uint32_t> after_;
  AddressAllocator& memory_;
  Operand a_, b_;
  std::optional<std::uint32_t> c_last_store_[2];
};

}  // namespace

Workload lower_gemm_layers(const std::vector<GemmLayer>& layers, const ChipParams& chip,
                           const SourceMap& sources) {
  Workload workload;
  workload.kind = "gemm";
  const std::uint32_t tiles = chip.tiles();
  workload.programs.resize(tiles);
  workload.peak_scratchpad_bytes.assign(tiles, 0);
  std::vector<std::optional<std::uint32_t>> previous(tiles);  // last command of the previous layer
  const auto& matrix = chip.tile.matrix;
  AddressAllocator memory;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const GemmLayer& layer = layers[l];
    const Types dtype{layer.dtype, layer.weight_dtype};
    LayerPlan plan;
    plan.name = layer.name;
    plan.shape = layer.shape;
    plan.dtype = layer.dtype;
    plan.weight_dtype = layer.weight_dtype;
    plan.out_dtype = layer.out_dtype;
    if (layer.epilogue) plan.epilogue = kernel_name(*layer.epilogue);
    const GemmShape& g = layer.shape;
    const auto first_tensor = static_cast<std::int32_t>(workload.tensors.size());
    workload.tensors.push_back({layer.name + ".A", g.m, g.k, layer.dtype, TensorRole::kInput});
    workload.tensors.push_back(
        {layer.name + ".B", g.k, g.n, layer.weight_dtype, TensorRole::kInput});
    workload.tensors.push_back({layer.name + ".C", g.m, g.n, layer.out_dtype, TensorRole::kOutput});
    const Mapped whole = to_mapped(matrix.dataflow, layer.shape);
    const std::uint64_t col_folds = ceil_div(whole.col, matrix.array.cols);
    plan.tiles_used = static_cast<std::uint32_t>(std::min<std::uint64_t>(tiles, col_folds));
    std::uint64_t fold_start = 0;
    for (std::uint32_t t = 0; t < plan.tiles_used; ++t) {
      const std::uint64_t folds =
          col_folds / plan.tiles_used + (t < col_folds % plan.tiles_used ? 1 : 0);
      const std::uint64_t col_begin = fold_start * matrix.array.cols;
      const std::uint64_t col_end = std::min(whole.col, (fold_start + folds) * matrix.array.cols);
      fold_start += folds;
      const GemmShape share =
          from_mapped(matrix.dataflow, {whole.row, col_end - col_begin, whole.streamed});
      auto choice = choose_block(share, chip, dtype);
      if (choice) choice = pipeline(*choice, share, chip);
      if (!choice) {
        const GemmShape one_fold = from_mapped(
            matrix.dataflow, {std::min<std::uint64_t>(whole.row, matrix.array.rows),
                              std::min<std::uint64_t>(whole.col, matrix.array.cols), 1});
        throw InputError(sources.diagnose(
            "/platform/chip/tile/scratchpad/size",
            "a scratchpad that holds one block of layer \"" + layer.name + "\" (A " +
                std::to_string(one_fold.m) + "x" + std::to_string(one_fold.k) + ", B " +
                std::to_string(one_fold.k) + "x" + std::to_string(one_fold.n) + ", C " +
                std::to_string(one_fold.m) + "x" + std::to_string(one_fold.n) +
                " accumulators: " + std::to_string(footprint(one_fold, dtype).total(1)) + " bytes)",
            std::to_string(chip.tile.scratchpad.size_bytes) + " bytes"));
      }
      plan.block = choice->block;
      plan.double_buffered = choice->buffers == 2;
      workload.peak_scratchpad_bytes[t] =
          std::max(workload.peak_scratchpad_bytes[t],
                   footprint(choice->block, dtype).total(choice->buffers));
      const GemmShape& b = choice->block;
      const std::uint64_t blocks =
          ceil_div(share.m, b.m) * ceil_div(share.n, b.n) * ceil_div(share.k, b.k);
      if (blocks > kMaxGemmBlocksPerTile) {
        throw InputError(sources.diagnose(
            layer.pointer,
            "a layer of at most " + std::to_string(kMaxGemmBlocksPerTile) +
                " scratchpad blocks per tile (use a larger scratchpad or more tiles)",
            std::to_string(blocks) + " blocks of " + std::to_string(b.m) + "x" +
                std::to_string(b.n) + "x" + std::to_string(b.k) + " for " +
                std::to_string(layer.shape.m) + "x" + std::to_string(layer.shape.n) + "x" +
                std::to_string(layer.shape.k)));
      }
      TileLayerBuilder builder(workload.programs[t], layer, choice->buffers, previous[t], memory);
      // The share is a range of the dimension the array spreads over its columns.
      ShareOrigin origin{0, 0, first_tensor, first_tensor + 1, first_tensor + 2};
      (matrix.dataflow == Dataflow::kInputStationary ? origin.m0 : origin.n0) = col_begin;
      previous[t] = builder.build(share, choice->block, origin, plan);
    }
    workload.macs += layer.shape.macs();
    const bool more_layers = l + 1 < layers.size();
    if (tiles > 1 && more_layers) {
      for (std::uint32_t t = 0; t < tiles; ++t) {
        Command barrier;
        barrier.op = Opcode::kBarrier;
        barrier.barrier = static_cast<std::uint32_t>(l);
        barrier.participants = tiles;
        barrier.label = "barrier after " + layer.name;
        if (previous[t]) barrier.deps.push_back(*previous[t]);
        previous[t] = workload.programs[t].add(std::move(barrier));
      }
    }
    workload.layers.push_back(plan);
  }
  return workload;
}

}  // namespace lumen
