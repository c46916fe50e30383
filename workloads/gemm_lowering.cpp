#include "workloads/gemm_lowering.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

#include "core/diagnostics.h"
#include "workloads/gemm_blocking.h"

namespace lumen {
namespace {

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}

// Where a tile's share of a layer sits in the layer's A (M×K), B (K×N) and C (M×N), and which
// tensors those are.
struct ShareOrigin {
  std::uint64_t m0 = 0, n0 = 0, k0 = 0;
  std::uint64_t b_row0 = 0;             // first row of this batch item's B in the stacked B tensor
  std::int32_t a = -1, b = -1, c = -1;  // tensor indices; c < 0: partial sums (K-split)
};

// A block of fp32 partial sums a K-split tile stored: where it sits in C and in memory.
struct PartialBlock {
  std::uint64_t row0, col0, rows, cols, mem_addr;
};

// Builds the command program of one tile's share of one layer, appended to `program`.
class TileLayerBuilder {
 public:
  TileLayerBuilder(TileProgram& program, const GemmLayer& layer, int buffers,
                   std::optional<std::uint32_t> after, AddressAllocator& memory)
      : program_(program), layer_(layer), buffers_(buffers), after_(after), memory_(memory) {}

  // The next batch item: its operands are other tensors, nothing of them is resident (buffer
  // slots and their last readers carry over, so the items pipeline safely).
  void start_item() {
    for (Operand* op : {&a_, &b_}) {
      op->resident.reset();
      op->address.clear();
    }
  }

  // Emits the block loop; returns the id of the last store.
  // With origin.c < 0 the C blocks are fp32 partial sums, recorded in `partials`.
  std::uint32_t build(GemmShape shape, const BlockChoice& choice, ShareOrigin origin,
                      LayerPlan& plan, std::vector<PartialBlock>* partials = nullptr) {
    const GemmShape& block = choice.block;
    const GemmTypes types{layer_.dtype, layer_.weight_dtype, layer_.out_dtype};
    const std::uint64_t mb = ceil_div(shape.m, block.m), nb = ceil_div(shape.n, block.n),
                        kb = ceil_div(shape.k, block.k);
    const BlockFootprint fp = block_footprint(block, types);
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
    const std::uint64_t outer_blocks = choice.n_outer ? nb : mb;
    const std::uint64_t inner_blocks = choice.n_outer ? mb : nb;
    for (std::uint64_t outer = 0; outer < outer_blocks; ++outer) {
      for (std::uint64_t inner = 0; inner < inner_blocks; ++inner, ++output_block) {
        const std::uint64_t mi = choice.n_outer ? inner : outer;
        const std::uint64_t ni = choice.n_outer ? outer : inner;
        const std::uint64_t m = std::min(block.m, shape.m - mi * block.m);
        const std::uint64_t n = std::min(block.n, shape.n - ni * block.n);
        const int c_slot = static_cast<int>(output_block % buffers_);
        std::uint32_t last = 0;
        for (std::uint64_t ki = 0; ki < kb; ++ki) {
          const std::uint64_t k = std::min(block.k, shape.k - ki * block.k);
          const std::uint32_t a_load = operand(
              a_, layer_.dtype, {mi, ki},
              {origin.a, origin.m0 + mi * block.m, origin.k0 + ki * block.k, m, k}, a_slot_addr,
              name + " A[" + std::to_string(mi) + "," + std::to_string(ki) + "]", plan);
          const std::uint32_t b_load = operand(
              b_, layer_.weight_dtype, {ki, ni},
              {origin.b, origin.b_row0 + origin.k0 + ki * block.k, origin.n0 + ni * block.n, k, n},
              b_slot_addr, name + " B[" + std::to_string(ki) + "," + std::to_string(ni) + "]",
              plan);
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
        if (partials)
          partials->push_back({store.region.row0, store.region.col0, m, n, store.mem_addr});
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

// Contiguous ranges of `extent` in whole `unit`s over `parts` tiles: {offset, size} each.
std::vector<std::pair<std::uint64_t, std::uint64_t>> split_range(std::uint64_t extent,
                                                                 std::uint64_t unit,
                                                                 std::uint32_t parts) {
  const std::uint64_t units = ceil_div(extent, unit);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  std::uint64_t first = 0;
  for (std::uint32_t i = 0; i < parts; ++i) {
    const std::uint64_t count = units / parts + (i < units % parts ? 1 : 0);
    const std::uint64_t begin = first * unit;
    const std::uint64_t end = std::min(extent, (first + count) * unit);
    ranges.emplace_back(begin, end - begin);
    first += count;
  }
  return ranges;
}

// The unit a GEMM dimension is split in: a whole fold of the array dimension it maps to, or one
// row of the streamed dimension.
struct Units {
  std::uint64_t m, n, k;
};
Units split_units(const ChipParams& chip) {
  const std::uint64_t r = chip.tile.matrix.array.rows, c = chip.tile.matrix.array.cols;
  switch (chip.tile.matrix.dataflow) {
    case Dataflow::kOutputStationary:
      return {r, c, 1};
    case Dataflow::kWeightStationary:
      return {1, c, r};
    case Dataflow::kInputStationary:
      return {c, 1, r};
  }
  return {1, 1, 1};
}

// Bandwidth the tiles share to memory, as many concurrent DMA streams sustain it: the HBM peak
// and the network's memory ports, each at kSustainedSharedFraction (gemm_lowering.h). The
// simple memory serves at exactly its bandwidth.
double shared_memory_Bps(const ChipParams& chip) {
  double bandwidth = chip.has_hbm ? kSustainedSharedFraction * chip.hbm.peak_Bps()
                                  : (chip.memory.ideal ? 1e18 : chip.memory.bandwidth_Bps);
  if (chip.has_noc) {
    const double ports = chip.has_hbm ? chip.hbm.stacks * chip.memory_ports_per_stack : 1.0;
    bandwidth = std::min(
        bandwidth, kSustainedSharedFraction * ports * chip.noc.flit_bytes * chip.noc.clock_hz);
  }
  return bandwidth;
}

// Unloaded time from a DMA load's issue to its first bytes: descriptor setup, the memory's
// first-access latency (an HBM row activation and read), and the NoC's round trip across half
// the mesh on average.
double load_latency_s(const ChipParams& chip) {
  double latency = chip.tile.dma.setup_s;
  if (chip.has_hbm) {
    const DramTimings& t = chip.hbm.spec.timing;
    latency += (t.nRCDRD + t.nCL + t.nBL) * t.tCK_ps * 1e-12;
  } else if (!chip.memory.ideal) {
    latency += chip.memory.latency_s;
  }
  if (chip.has_noc) {
    const double hops = (chip.tile_rows + chip.tile_cols) / 2.0 + 1;
    latency += 2 * hops * (chip.noc.router_latency + chip.noc.link_latency) / chip.noc.clock_hz;
  }
  return latency;
}

// What the blocking of a layer spread over `tiles` tiles needs to know of one tile.
BlockingTarget blocking_target(const ChipParams& chip, std::uint32_t tiles) {
  BlockingTarget target;
  target.matrix = chip.tile.matrix;
  target.scratchpad_bytes = chip.tile.scratchpad.size_bytes;
  target.channel_bytes_per_cycle = chip.tile.dma.bandwidth_Bps / chip.clock_hz;
  target.shared_bytes_per_cycle =
      shared_memory_Bps(chip) / std::max<std::uint32_t>(1, tiles) / chip.clock_hz;
  target.load_latency_cycles = load_latency_s(chip) * chip.clock_hz;
  return target;
}

// Bytes every tile loads and stores for a layer split this way (operands once per range that
// needs them, the outputs, a K-split's partial sums written and read back).
double partition_traffic_bytes(const GemmLayer& layer, GemmPartition p) {
  const GemmShape& g = layer.shape;
  const double a = static_cast<double>(dtype_bytes(layer.dtype, g.m * g.k));
  const double b = static_cast<double>(dtype_bytes(layer.weight_dtype, g.k * g.n));
  const double c = static_cast<double>(dtype_bytes(layer.out_dtype, g.m * g.n));
  const double partial = p.k > 1 ? 2.0 * p.k * 4.0 * static_cast<double>(g.m * g.n) : 0.0;
  return static_cast<double>(layer.batch) * (p.n * a + p.m * b + c + partial);
}

// Estimated time of a layer split m × n × k ways: the slowest of the largest share's compute,
// the shared memory bandwidth and one tile's DMA, plus the K-split's reduction on the vector
// unit. Only used to rank partitions.
double partition_estimate_s(const GemmLayer& layer, const ChipParams& chip, GemmPartition p) {
  const double items = static_cast<double>(ceil_div(layer.batch, p.b));  // per tile group
  const Units u = split_units(chip);
  const GemmShape& g = layer.shape;
  const auto largest = [](std::uint64_t extent, std::uint64_t unit, std::uint32_t parts) {
    return std::min(extent, ceil_div(ceil_div(extent, unit), parts) * unit);
  };
  const GemmShape share{largest(g.m, u.m, p.m), largest(g.n, u.n, p.n), largest(g.k, u.k, p.k)};
  const auto& matrix = chip.tile.matrix;
  const double rate = matrix.rate[dtype_index(layer.dtype)];
  const double compute = static_cast<double>(systolic_cycles(matrix.array, matrix.dataflow,
                                                             matrix.timing, share, true, rate)) /
                         chip.clock_hz;
  const double shared = partition_traffic_bytes(layer, p) / shared_memory_Bps(chip);
  const double tile_dma = static_cast<double>(dtype_bytes(layer.dtype, share.m * share.k) +
                                              dtype_bytes(layer.weight_dtype, share.k * share.n)) /
                          chip.tile.dma.bandwidth_Bps;
  const double reduce = p.k > 1
                            ? static_cast<double>((p.k - 1) * ceil_div(share.m * share.n, p.k)) /
                                  std::max<std::uint32_t>(1, chip.tile.vector.lanes) / chip.clock_hz
                            : 0.0;
  // A tile's time as its blocking will run it (compute with any split's fill and drain, the
  // operands it reloads, its DMA latency and pipeline prologue; gemm_blocking.h), which is never
  // less than its compute or its loads over its DMA; those two alone when no block fits (the
  // lowering then refuses the layer).
  const GemmTypes types{layer.dtype, layer.weight_dtype, p.k > 1 ? DType::kFp32 : layer.out_dtype};
  const BlockingTarget target = blocking_target(chip, p.tiles());
  const auto choice = choose_block(share, types, target);
  const double tile = choice
                          ? estimate_blocking(share, types, target, *choice).cycles / chip.clock_hz
                          : std::max(compute, tile_dma);
  return std::max(items * tile, shared) + items * reduce;
}

}  // namespace

GemmPartition choose_partition(const GemmLayer& layer, const ChipParams& chip) {
  const std::uint32_t tiles = chip.tiles();
  const Units u = split_units(chip);
  const GemmShape& g = layer.shape;
  const auto cap = [&](std::uint64_t extent, std::uint64_t unit, std::uint32_t limit) {
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(limit, ceil_div(extent, unit)));
  };
  if (layer.split == GemmSplit::kColumns) {  // the array's column dimension only
    const Dataflow d = chip.tile.matrix.dataflow;
    if (d == Dataflow::kInputStationary) return {cap(g.m, u.m, tiles), 1, 1};
    return {1, cap(g.n, u.n, tiles), 1};
  }
  if (layer.split == GemmSplit::kK) return {1, 1, cap(g.k, u.k, tiles)};
  // Batch items go to groups of tiles; a K-split is only for a single GEMM.
  const auto max_groups = static_cast<std::uint32_t>(std::min<std::uint64_t>(layer.batch, tiles));
  GemmPartition best;
  double best_s = partition_estimate_s(layer, chip, best);
  for (std::uint32_t pb = 1; pb <= max_groups; ++pb) {
    const std::uint32_t group_tiles = tiles / pb;
    for (std::uint32_t pm = 1; pm <= cap(g.m, u.m, group_tiles); ++pm) {
      for (std::uint32_t pn = 1; pn <= cap(g.n, u.n, group_tiles / pm); ++pn) {
        const bool k_split = layer.split != GemmSplit::kOutput && layer.batch == 1;
        const std::uint32_t max_k = k_split ? cap(g.k, u.k, group_tiles / (pm * pn)) : 1;
        for (std::uint32_t pk = 1; pk <= max_k; ++pk) {
          const GemmPartition p{pm, pn, pk, pb};
          const double t = partition_estimate_s(layer, chip, p);
          // Clearly faster (2 %), or as fast with no more K-split and more tiles (compute slack
          // when memory bound), or as many tiles and fewer bytes moved.
          const bool more_tiles = p.tiles() > best.tiles();
          const bool less_traffic =
              p.tiles() == best.tiles() &&
              partition_traffic_bytes(layer, p) < partition_traffic_bytes(layer, best);
          const bool tie = t <= 1.02 * best_s && p.k <= best.k && (more_tiles || less_traffic);
          if (t < 0.98 * best_s || tie) {
            best = p;
            best_s = std::min(best_s, t);
          }
        }
      }
    }
  }
  return best;
}

namespace {

// Sums a K-split group's partial blocks: reducer `kk` of the group takes every p.k-th block,
// loads its p.k partial sums in row chunks that fit the scratchpad three times (accumulator and
// two incoming buffers), adds them on the vector unit (the last add converts to the output
// type), runs the epilogue and stores the chunk of C.
void emit_reduction(TileProgram& program, const GemmLayer& layer, std::int32_t c_tensor,
                    const std::vector<std::vector<PartialBlock>>& partials, std::uint32_t kk,
                    std::uint32_t barrier, const ChipParams& chip, LayerPlan& plan,
                    std::uint64_t& peak_spm, std::optional<std::uint32_t>& last) {
  const auto parts = static_cast<std::uint32_t>(partials.size());
  const std::uint64_t capacity = chip.tile.scratchpad.size_bytes;
  std::optional<std::uint32_t> acc_free, buffer_free[2];
  for (std::size_t b = kk; b < partials[0].size(); b += parts) {
    const PartialBlock& block = partials[0][b];
    const std::uint64_t row_bytes = block.cols * 4;
    const std::uint64_t chunk_rows =
        std::max<std::uint64_t>(1, std::min(block.rows, capacity / (3 * row_bytes)));
    peak_spm = std::max(peak_spm, 3 * chunk_rows * row_bytes);
    for (std::uint64_t r0 = 0; r0 < block.rows; r0 += chunk_rows) {
      const std::uint64_t rows = std::min(chunk_rows, block.rows - r0);
      const std::uint64_t bytes = rows * row_bytes;
      const std::uint64_t acc = 0, buffer[2] = {chunk_rows * row_bytes, 2 * chunk_rows * row_bytes};
      const auto load = [&](std::uint32_t part, std::uint64_t spm,
                            std::optional<std::uint32_t> after) {
        Command c;
        c.op = Opcode::kDmaLoad;
        c.bytes = bytes;
        c.mem_addr = partials[part][b].mem_addr + r0 * row_bytes;
        c.spm_addr = spm;
        c.deps = {barrier};
        if (after) c.deps.push_back(*after);
        c.label = "load " + layer.name + " partial " + std::to_string(part) + " of C block " +
                  std::to_string(b);
        plan.load_bytes += bytes;
        return program.add(std::move(c));
      };
      std::uint32_t previous = load(0, acc, acc_free);
      for (std::uint32_t part = 1; part < parts; ++part) {
        const int slot = static_cast<int>(part % 2);
        const std::uint32_t loaded = load(part, buffer[slot], buffer_free[slot]);
        Command add;
        add.op = Opcode::kVector;
        add.kernel = VectorKernel::kResidualAdd;
        add.rows = rows;
        add.cols = block.cols;
        add.dtype = DType::kFp32;
        add.out_dtype = part + 1 == parts ? layer.out_dtype : DType::kFp32;
        add.spm_a = add.spm_c = acc;
        add.spm_b = buffer[slot];
        add.deps = {previous, loaded};
        add.label =
            layer.name + " reduce " + std::to_string(rows) + "x" + std::to_string(block.cols);
        previous = program.add(std::move(add));
        buffer_free[slot] = previous;
        ++plan.blocks;
      }
      if (layer.epilogue) {
        Command v;
        v.op = Opcode::kVector;
        v.kernel = *layer.epilogue;
        v.rows = rows;
        v.cols = block.cols;
        v.dtype = v.out_dtype = layer.out_dtype;
        v.spm_a = v.spm_c = acc;
        v.deps = {previous};
        v.label = layer.name + " " + kernel_name(*layer.epilogue);
        previous = program.add(std::move(v));
      }
      Command store;
      store.op = Opcode::kDmaStore;
      store.bytes = dtype_bytes(layer.out_dtype, rows * block.cols);
      store.mem_addr = 0;  // set by the caller's allocator
      store.spm_addr = acc;
      store.region = {c_tensor, block.row0 + r0, block.col0, rows, block.cols};
      store.deps = {previous};
      store.label = "store " + layer.name + " C (reduced)";
      plan.store_bytes += store.bytes;
      acc_free = program.add(std::move(store));
      last = acc_free;
    }
  }
}

Command barrier_command(std::uint32_t id, std::uint32_t participants, std::string label,
                        std::optional<std::uint32_t> after) {
  Command barrier;
  barrier.op = Opcode::kBarrier;
  barrier.barrier = id;
  barrier.participants = participants;
  barrier.label = std::move(label);
  if (after) barrier.deps.push_back(*after);
  return barrier;
}

}  // namespace

Workload lower_gemm_layers(const std::vector<GemmLayer>& layers, const ChipParams& chip,
                           const SourceMap& sources) {
  Workload workload;
  workload.kind = "gemm";
  const std::uint32_t tiles = chip.tiles();
  workload.programs.resize(tiles);
  workload.peak_scratchpad_bytes.assign(tiles, 0);
  std::vector<std::optional<std::uint32_t>> previous(tiles);  // last command of the previous layer
  std::vector<std::uint32_t> last(tiles);
  const Units units = split_units(chip);
  AddressAllocator memory;
  std::uint32_t next_barrier = 0;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const GemmLayer& layer = layers[l];
    LayerPlan plan;
    plan.name = layer.name;
    plan.shape = layer.shape;
    plan.batch = layer.batch;
    plan.dtype = layer.dtype;
    plan.weight_dtype = layer.weight_dtype;
    plan.out_dtype = layer.out_dtype;
    if (layer.epilogue) plan.epilogue = kernel_name(*layer.epilogue);
    const GemmShape& g = layer.shape;
    const auto first_tensor = static_cast<std::int32_t>(workload.tensors.size());
    const std::uint64_t batch = layer.batch;
    workload.tensors.push_back(
        {layer.name + ".A", batch * g.m, g.k, layer.dtype, TensorRole::kInput});
    workload.tensors.push_back(
        {layer.name + ".B", batch * g.k, g.n, layer.weight_dtype, TensorRole::kInput});
    workload.tensors.push_back(
        {layer.name + ".C", batch * g.m, g.n, layer.out_dtype, TensorRole::kOutput});
    const GemmPartition part = choose_partition(layer, chip);
    plan.partition = part;
    plan.tiles_used = part.tiles();
    plan.estimated_ns = partition_estimate_s(layer, chip, part) * 1e9;
    // A K-split computes fp32 partial sums (no epilogue), reduced after a barrier.
    GemmLayer partial_layer = layer;
    if (part.k > 1) {
      partial_layer.out_dtype = DType::kFp32;
      partial_layer.epilogue.reset();
    }
    const GemmTypes dtype{layer.dtype, layer.weight_dtype, partial_layer.out_dtype};
    const BlockingTarget target = blocking_target(chip, part.tiles());
    const auto m_ranges = split_range(g.m, units.m, part.m);
    const auto n_ranges = split_range(g.n, units.n, part.n);
    const auto k_ranges = split_range(g.k, units.k, part.k);
    std::vector<std::vector<std::vector<PartialBlock>>> partials(part.m * part.n);
    // One blocking per output range, shared by its K-split tiles (so they store matching
    // blocks) and by every batch item.
    std::vector<BlockChoice> choices;
    for (std::uint32_t i = 0; i < part.m; ++i) {
      for (std::uint32_t j = 0; j < part.n; ++j) {
        const GemmShape group_share{m_ranges[i].second, n_ranges[j].second, k_ranges[0].second};
        const auto choice = choose_block(group_share, dtype, target);
        if (!choice) {
          const GemmShape one_fold = smallest_block(layer.shape, chip.tile.matrix);
          throw InputError(sources.diagnose(
              "/platform/chip/tile/scratchpad/size",
              "a scratchpad that holds one block of layer \"" + layer.name + "\" (A " +
                  std::to_string(one_fold.m) + "x" + std::to_string(one_fold.k) + ", B " +
                  std::to_string(one_fold.k) + "x" + std::to_string(one_fold.n) + ", C " +
                  std::to_string(one_fold.m) + "x" + std::to_string(one_fold.n) +
                  " accumulators: " + std::to_string(block_footprint(one_fold, dtype).total(1)) +
                  " bytes)",
              std::to_string(chip.tile.scratchpad.size_bytes) + " bytes"));
        }
        const GemmShape& b = choice->block;
        const std::uint64_t blocks = ceil_div(group_share.m, b.m) * ceil_div(group_share.n, b.n) *
                                     ceil_div(group_share.k, b.k) * ceil_div(layer.batch, part.b);
        if (blocks > kMaxGemmBlocksPerTile) {
          throw InputError(sources.diagnose(
              layer.pointer,
              "a layer of at most " + std::to_string(kMaxGemmBlocksPerTile) +
                  " scratchpad blocks per tile (use a larger scratchpad or more tiles)",
              std::to_string(blocks) + " blocks of " + std::to_string(b.m) + "x" +
                  std::to_string(b.n) + "x" + std::to_string(b.k) + " for " +
                  std::to_string(layer.batch) + " x " + std::to_string(g.m) + "x" +
                  std::to_string(g.n) + "x" + std::to_string(g.k)));
        }
        plan.block = choice->block;
        plan.double_buffered = choice->buffers == 2;
        plan.loop_order = choice->n_outer ? "nmk" : "mnk";
        choices.push_back(*choice);
        partials[i * part.n + j].resize(part.k);
      }
    }
    const std::uint32_t group_tiles = part.m * part.n * part.k;
    std::vector<std::unique_ptr<TileLayerBuilder>> builders(tiles);
    for (std::uint64_t item = 0; item < layer.batch; ++item) {
      const auto group = static_cast<std::uint32_t>(item % part.b);
      for (std::uint32_t i = 0; i < part.m; ++i) {
        for (std::uint32_t j = 0; j < part.n; ++j) {
          const BlockChoice& choice = choices[i * part.n + j];
          for (std::uint32_t kk = 0; kk < part.k; ++kk) {
            const std::uint32_t t = group * group_tiles + (i * part.n + j) * part.k + kk;
            workload.peak_scratchpad_bytes[t] =
                std::max(workload.peak_scratchpad_bytes[t],
                         block_footprint(choice.block, dtype).total(choice.buffers));
            auto& builder = builders[t];
            if (builder)
              builder->start_item();
            else
              builder = std::make_unique<TileLayerBuilder>(workload.programs[t],
                                                           part.k > 1 ? partial_layer : layer,
                                                           choice.buffers, previous[t], memory);
            const GemmShape share{m_ranges[i].second, n_ranges[j].second, k_ranges[kk].second};
            ShareOrigin origin;
            origin.m0 = item * g.m + m_ranges[i].first;
            origin.n0 = n_ranges[j].first;
            origin.k0 = k_ranges[kk].first;
            origin.b_row0 = item * g.k;
            origin.a = first_tensor;
            origin.b = first_tensor + 1;
            origin.c = part.k > 1 ? -1 : first_tensor + 2;
            last[t] = builder->build(share, choice, origin, plan,
                                     part.k > 1 ? &partials[i * part.n + j][kk] : nullptr);
          }
        }
      }
    }
    for (std::uint32_t t = 0; t < tiles; ++t)
      if (builders[t]) previous[t] = last[t];
    if (part.k > 1) {
      // Every tile waits for all partial sums, then each group's tiles reduce their blocks.
      const std::uint32_t barrier = next_barrier++;
      for (std::uint32_t t = 0; t < tiles; ++t)
        previous[t] = workload.programs[t].add(barrier_command(
            barrier, tiles, "partial sums of " + layer.name + " stored", previous[t]));
      for (std::uint32_t group = 0; group < part.m * part.n; ++group) {
        for (std::uint32_t kk = 0; kk < part.k; ++kk) {
          const std::uint32_t t = group * part.k + kk;
          TileProgram& program = workload.programs[t];
          const std::size_t first_new = program.commands.size();
          emit_reduction(program, layer, first_tensor + 2, partials[group], kk, *previous[t], chip,
                         plan, workload.peak_scratchpad_bytes[t], previous[t]);
          for (std::size_t c = first_new; c < program.commands.size(); ++c)
            if (program.commands[c].op == Opcode::kDmaStore)
              program.commands[c].mem_addr = memory.allocate(program.commands[c].bytes);
        }
      }
    }
    workload.macs += layer.batch * layer.shape.macs();
    const bool more_layers = l + 1 < layers.size();
    if (tiles > 1 && more_layers) {
      const std::uint32_t barrier = next_barrier++;
      for (std::uint32_t t = 0; t < tiles; ++t)
        previous[t] = workload.programs[t].add(
            barrier_command(barrier, tiles, "barrier after " + layer.name, previous[t]));
    }
    workload.layers.push_back(plan);
  }
  return workload;
}

}  // namespace lumen
