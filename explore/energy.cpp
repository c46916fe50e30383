#include "explore/energy.h"

#include "platforms/instance_names.h"

namespace lumen {
namespace {

constexpr double kPicojoule = 1e-12;

double stat(const StatsCollector& stats, const std::string& component, const std::string& key) {
  const auto it = stats.components().find(component);
  if (it == stats.components().end()) return 0;
  const auto value = it->second.find(key);
  return value == it->second.end() ? 0 : value->second;
}

// Σ over dtypes of stats[prefix + dtype] × table[dtype].
template <typename Table>
double per_dtype_sum(const StatsCollector& stats, const std::string& component,
                     const std::string& prefix, const Table& table) {
  double joules = 0;
  for (DType t : kAllDTypes)
    joules += stat(stats, component, prefix + dtype_name(t)) * table[dtype_index(t)];
  return joules;
}

struct Totals {
  double compute = 0, sram = 0, dma = 0, memory = 0, noc = 0, statics = 0;
};

}  // namespace

void add_energy_and_area(RunResult& r, double total_ns) {
  const ChipParams& chip = r.chip;
  StatsCollector& stats = r.components;
  const double seconds = total_ns * 1e-9;
  const auto& tile = chip.tile;
  const double pes = static_cast<double>(tile.matrix.array.rows) * tile.matrix.array.cols;
  const double kib = static_cast<double>(tile.scratchpad.size_bytes) / 1024.0;
  auto& m = r.metrics;

  if (chip.energy.present) {
    const EnergyParams& e = chip.energy;
    Totals totals;
    const auto book = [&](const std::string& component, double dynamic_J, double static_J,
                          double& bucket) {
      stats.set(component, "energy_dynamic_pJ", dynamic_J / kPicojoule);
      stats.set(component, "energy_static_pJ", static_J / kPicojoule);
      bucket += dynamic_J;
      totals.statics += static_J;
    };
    for (std::uint32_t t = 0; t < chip.tiles(); ++t) {
      const std::string path = tile_path(t, r.chip_instance);
      const std::string matrix = path + ".matrix", vector = path + ".vector",
                        spm = path + ".scratchpad";
      book(matrix, per_dtype_sum(stats, matrix, "macs_", e.mac_J), pes * e.pe_static_W * seconds,
           totals.compute);
      book(vector,
           per_dtype_sum(stats, vector, "element_ops_", e.vector_op_J) +
               stat(stats, vector, "register_file_accesses") * e.register_file_access_J,
           tile.vector.lanes * e.vector_lane_static_W * seconds, totals.compute);
      const double read_bytes = stat(stats, spm, "read_bytes") +
                                stat(stats, matrix, "spm_read_bytes") +
                                stat(stats, vector, "spm_read_bytes");
      const double write_bytes = stat(stats, spm, "write_bytes") +
                                 stat(stats, matrix, "spm_write_bytes") +
                                 stat(stats, vector, "spm_write_bytes");
      book(spm, 8 * (read_bytes * e.sram_read_J_per_bit + write_bytes * e.sram_write_J_per_bit),
           kib * e.scratchpad_kib_static_W * seconds, totals.sram);
      for (const char* channel : {".dma_load", ".dma_store"})
        book(path + channel, stat(stats, path + channel, "bytes") * e.dma_J_per_byte,
             e.dma_channel_static_W * seconds, totals.dma);
    }
    const std::string memory = memory_path(r.chip_instance);
    book(memory,
         8 * (stat(stats, memory, "read_bytes") + stat(stats, memory, "write_bytes")) *
             e.memory_J_per_bit,
         0.0, totals.memory);
    if (chip.has_noc) {  // every flit crossing every link, injection and ejection included
      const std::string noc = r.chip_instance + ".noc";
      book(noc, 8 * stat(stats, noc, "flit_hops") * chip.noc.flit_bytes * e.noc_J_per_bit_hop, 0.0,
           totals.noc);
    }
    const double total_J =
        totals.compute + totals.sram + totals.dma + totals.memory + totals.noc + totals.statics;
    const double ops = 2 * m["macs"].get<double>();
    m["energy_pJ"] = total_J / kPicojoule;
    m["energy_compute_pJ"] = totals.compute / kPicojoule;
    m["energy_sram_pJ"] = totals.sram / kPicojoule;
    m["energy_dma_pJ"] = totals.dma / kPicojoule;
    m["energy_memory_pJ"] = totals.memory / kPicojoule;
    m["energy_noc_pJ"] = totals.noc / kPicojoule;
    m["energy_static_pJ"] = totals.statics / kPicojoule;
    m["average_power_W"] = seconds > 0 ? total_J / seconds : 0.0;
    m["tops_per_W"] = total_J > 0 ? ops / total_J / 1e12 : 0.0;
    m["energy_per_mac_pJ"] = ops > 0 ? total_J / (ops / 2) / kPicojoule : 0.0;
  }

  if (chip.area.present) {
    const AreaParams& a = chip.area;
    double area = 0;
    for (std::uint32_t t = 0; t < chip.tiles(); ++t) {
      const std::string path = tile_path(t, r.chip_instance);
      const double matrix = pes * a.pe_mm2[dtype_index(tile.matrix.dtype)];
      const double vector = tile.vector.lanes * a.vector_lane_mm2;
      const double spm = kib * a.scratchpad_kib_mm2;
      stats.set(path + ".matrix", "area_mm2", matrix);
      stats.set(path + ".vector", "area_mm2", vector);
      stats.set(path + ".scratchpad", "area_mm2", spm);
      stats.set(path + ".dma_load", "area_mm2", a.dma_channel_mm2);
      stats.set(path + ".dma_store", "area_mm2", a.dma_channel_mm2);
      area += matrix + vector + spm + 2 * a.dma_channel_mm2;
    }
    m["area_mm2"] = area;
    m["tops_per_mm2"] = area > 0 ? m["achieved_tflops"].get<double>() / area : 0.0;
  }
}

}  // namespace lumen
