#include "explore/metrics.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "platforms/instance_names.h"

namespace lumen {
namespace {

double stat(const StatsCollector& stats, const std::string& component, const std::string& key) {
  const auto it = stats.components().find(component);
  if (it == stats.components().end()) return 0;
  const auto value = it->second.find(key);
  return value == it->second.end() ? 0 : value->second;
}

}  // namespace

void add_hbm_metrics(RunResult& r, double total_ns) {
  const auto& stats = r.components;
  const std::string hbm = memory_path(r.chip_instance);
  auto& m = r.metrics;
  const double bytes = stat(stats, hbm, "read_bytes") + stat(stats, hbm, "write_bytes");
  m["hbm_bandwidth_GBps"] = total_ns > 0 ? bytes / total_ns : 0.0;
  m["hbm_peak_GBps"] = stat(stats, hbm, "peak_GBps");
  m["hbm_efficiency_pct"] = stat(stats, hbm, "efficiency_pct");
  m["hbm_row_hit_pct"] = stat(stats, hbm, "row_hit_pct");
  m["hbm_pending_pct"] = stat(stats, hbm, "pending_pct");
  m["hbm_refreshes"] = stat(stats, hbm, "refreshes");
  m["read_latency_avg_ns"] = stat(stats, hbm, "read_latency_avg_ns");
  m["hbm_transaction_latency_avg_ns"] = stat(stats, hbm, "transaction_latency_avg_ns");
}

void derive_memory_metrics(RunResult& r, double total_ns) {
  const auto& stats = r.components;
  const std::string hbm = memory_path(r.chip_instance);
  auto& m = r.metrics;
  m["total_ns"] = total_ns;
  const double bytes = stat(stats, hbm, "read_bytes") + stat(stats, hbm, "write_bytes");
  m["memory_read_bytes"] = stat(stats, hbm, "read_bytes");
  m["memory_write_bytes"] = stat(stats, hbm, "write_bytes");
  m["memory_bandwidth_GBps"] = total_ns > 0 ? bytes / total_ns : 0.0;
  const std::string traffic = r.chip_instance + ".traffic";
  m["requests"] = stat(stats, traffic, "requests");
  m["transactions"] = stat(stats, traffic, "transactions");
  m["transaction_bytes"] = stat(stats, traffic, "transaction_bytes");
  m["transaction_latency_avg_ns"] = stat(stats, traffic, "read_latency_avg_ns");
  if (!r.chip.has_hbm) {
    r.bottleneck = {"memory bandwidth", fmt::format("the simple memory serves {:.1f} GB/s",
                                                    m["memory_bandwidth_GBps"].get<double>())};
    return;
  }
  add_hbm_metrics(r, total_ns);
  m["hbm_channels"] = stat(stats, hbm, "channels");
  const bool probe = m["transactions"].get<double>() > 0 &&
                     r.inputs["scenario"].value("pattern", "").rfind("lat_", 0) == 0;
  const double efficiency = m["hbm_efficiency_pct"].get<double>();
  const double hits = m["hbm_row_hit_pct"].get<double>();
  if (probe) {
    r.bottleneck = {"HBM latency",
                    fmt::format("one request at a time: each read takes {:.1f} ns on average "
                                "(row hits {:.1f}%), so bandwidth is latency-bound",
                                m["read_latency_avg_ns"].get<double>(), hits)};
  } else if (hits < 50) {
    r.bottleneck = {"HBM row conflicts",
                    fmt::format("{:.1f}% of peak: only {:.1f}% of accesses hit an open row, so "
                                "activates and precharges (tRC, tFAW, the row command bus) limit "
                                "the channels",
                                efficiency, hits)};
  } else {
    r.bottleneck = {"HBM bandwidth",
                    fmt::format("{:.1f}% of the {:.0f} GB/s peak with {:.1f}% row hits; the rest "
                                "goes to refresh, bank-group spacing (tCCD_L), turnarounds and "
                                "queue depth",
                                efficiency, m["hbm_peak_GBps"].get<double>(), hits)};
  }
}

// NoC metrics; returns the busiest link's name and utilisation.
std::pair<std::string, double> add_noc_metrics(RunResult& r) {
  const std::string noc = r.chip_instance + ".noc";
  const auto& stats = r.components;
  auto& m = r.metrics;
  m["noc_link_util_max_pct"] = stat(stats, noc, "link_util_max_pct");
  m["noc_mesh_link_util_avg_pct"] = stat(stats, noc, "mesh_link_util_avg_pct");
  m["noc_packet_latency_avg_ns"] = stat(stats, noc, "packet_latency_avg_ns");
  m["noc_bytes"] = stat(stats, noc, "bytes");
  std::pair<std::string, double> busiest{"", 0.0};
  const std::string prefix = noc + ".link.";
  for (const auto& [component, values] : stats.components()) {
    if (component.compare(0, prefix.size(), prefix) != 0) continue;
    const double util = values.count("util_pct") ? values.at("util_pct") : 0.0;
    if (util > busiest.second) busiest = {component.substr(prefix.size()), util};
  }
  return busiest;
}

void derive_metrics(RunResult& r, double total_ns) {
  const ChipParams& chip = r.chip;
  const auto& stats = r.components;
  double compute_max = 0, compute_sum = 0, matrix_busy = 0, load_busy = 0, store_busy = 0,
         spm_peak = 0, vector_max = 0, vector_busy = 0;
  for (std::uint32_t t = 0; t < chip.tiles(); ++t) {
    const std::string tile = tile_path(t, r.chip_instance);
    const double cycles = stat(stats, tile + ".matrix", "compute_cycles");
    compute_max = std::max(compute_max, cycles);
    compute_sum += cycles;
    matrix_busy = std::max(matrix_busy, stat(stats, tile + ".matrix", "busy_ns"));
    vector_max = std::max(vector_max, stat(stats, tile + ".vector", "vector_cycles"));
    vector_busy = std::max(vector_busy, stat(stats, tile + ".vector", "busy_ns"));
    load_busy = std::max(load_busy, stat(stats, tile + ".dma_load", "busy_ns"));
    store_busy = std::max(store_busy, stat(stats, tile + ".dma_store", "busy_ns"));
    spm_peak = std::max(spm_peak, stat(stats, tile + ".scratchpad", "peak_allocation_bytes"));
  }
  const double pes =
      static_cast<double>(chip.tile.matrix.array.rows) * chip.tile.matrix.array.cols * chip.tiles();
  const double macs = static_cast<double>(r.workload.macs);
  const double total_cycles = std::round(total_ns * chip.clock_hz / 1e9);
  // A PE does `rate` MACs per cycle in each dtype: weigh MACs by it, and quote the peak at the
  // rate of the dtype doing most of the MACs.
  double rate_weighted_macs = 0, most_macs = 0, peak_rate = 1;
  for (DType t : kAllDTypes) {
    double dtype_macs = 0;
    for (std::uint32_t tile = 0; tile < chip.tiles(); ++tile)
      dtype_macs += stat(stats, tile_path(tile, r.chip_instance) + ".matrix",
                         std::string("macs_") + dtype_name(t));
    const double rate = chip.tile.matrix.rate[dtype_index(t)];
    rate_weighted_macs += dtype_macs / rate;
    if (dtype_macs > most_macs) {
      most_macs = dtype_macs;
      peak_rate = rate;
    }
  }
  const double read_bytes = stat(stats, memory_path(r.chip_instance), "read_bytes");
  const double write_bytes = stat(stats, memory_path(r.chip_instance), "write_bytes");
  const double memory_busy = stat(stats, memory_path(r.chip_instance), "busy_ns");

  auto& m = r.metrics;
  m["total_ns"] = total_ns;
  m["total_cycles"] = total_cycles;
  m["compute_cycles"] = compute_max;
  m["compute_cycles_all_tiles"] = compute_sum;
  m["vector_cycles"] = vector_max;
  m["macs"] = macs;
  m["flops"] = 2 * macs;
  m["achieved_tflops"] = total_ns > 0 ? 2 * macs / total_ns / 1e3 : 0.0;
  m["peak_tflops"] = 2 * pes * peak_rate * chip.clock_hz / 1e12;
  m["pe_utilization_pct"] =
      total_cycles > 0 ? 100.0 * rate_weighted_macs / (pes * total_cycles) : 0.0;
  m["memory_read_bytes"] = read_bytes;
  m["memory_write_bytes"] = write_bytes;
  m["memory_bandwidth_GBps"] = total_ns > 0 ? (read_bytes + write_bytes) / total_ns : 0.0;
  m["arithmetic_intensity_flop_per_byte"] =
      read_bytes + write_bytes > 0 ? 2 * macs / (read_bytes + write_bytes) : 0.0;
  m["scratchpad_peak_bytes"] = spm_peak;
  m["dma_burst_bytes"] = static_cast<double>(chip.tile.dma.burst_bytes);
  m["tiles"] = chip.tiles();
  m["tiles_used"] = 0;
  for (const auto& layer : r.workload.layers)
    m["tiles_used"] =
        std::max(m["tiles_used"].get<double>(), static_cast<double>(layer.tiles_used));

  // Bottleneck: the resource busy for the largest share of the run.
  const double pct = total_ns > 0 ? 100.0 / total_ns : 0.0;
  const double compute_pct = matrix_busy * pct, memory_pct = memory_busy * pct;
  const double dma_pct = std::max(load_busy, store_busy) * pct;
  m["matrix_busy_pct"] = compute_pct;
  m["vector_busy_pct"] = vector_busy * pct;
  m["memory_busy_pct"] = memory_pct;
  m["dma_busy_pct"] = dma_pct;
  const double vector_pct = vector_busy * pct;
  const double hbm_pending_pct = stat(stats, memory_path(r.chip_instance), "pending_pct");
  if (chip.has_hbm) add_hbm_metrics(r, total_ns);
  if (chip.has_noc) {
    const auto [link, util] = add_noc_metrics(r);
    const double hbm_efficiency = chip.has_hbm ? m["hbm_efficiency_pct"].get<double>() : 0.0;
    if (util >= 70 && util > compute_pct && util > vector_pct && util > hbm_efficiency &&
        util > memory_pct) {
      r.bottleneck = {"NoC",
                      fmt::format("the busiest network link ({}) is busy {:.1f}% of the "
                                  "run (mesh links {:.1f}% on average, packets take "
                                  "{:.0f} ns) while the matrix engine is busy {:.1f}%",
                                  link, util, m["noc_mesh_link_util_avg_pct"].get<double>(),
                                  m["noc_packet_latency_avg_ns"].get<double>(), compute_pct)};
      return;
    }
  }
  if (chip.has_hbm && hbm_pending_pct >= 0.6 * dma_pct && hbm_pending_pct > compute_pct &&
      compute_pct < 90 && hbm_pending_pct > vector_pct) {
    r.bottleneck = {
        "HBM", fmt::format("HBM has requests waiting {:.1f}% of the run and delivers "
                           "{:.1f} GB/s ({:.1f}% of its {:.0f} GB/s peak, row hits "
                           "{:.1f}%) while the matrix engine is busy {:.1f}%",
                           hbm_pending_pct, m["hbm_bandwidth_GBps"].get<double>(),
                           m["hbm_efficiency_pct"].get<double>(), m["hbm_peak_GBps"].get<double>(),
                           m["hbm_row_hit_pct"].get<double>(), compute_pct)};
    return;
  }
  if (vector_pct > compute_pct && vector_pct >= memory_pct && vector_pct >= 0.6 * dma_pct) {
    r.bottleneck = {"vector unit",
                    fmt::format("the vector unit is busy {:.1f}% of the run ({} lanes); memory "
                                "bandwidth is {:.1f}% used",
                                vector_pct, chip.tile.vector.lanes, memory_pct)};
  } else if (compute_pct >= memory_pct && compute_pct >= 0.6 * dma_pct) {
    r.bottleneck = {"compute", fmt::format("the matrix engine is busy {:.1f}% of the run; memory "
                                           "bandwidth is {:.1f}% used",
                                           compute_pct, memory_pct)};
    double busy_utilisation = 0;  // of the tile whose matrix engine works longest
    double longest = -1;
    for (std::uint32_t t = 0; t < chip.tiles(); ++t) {
      const double busy = stat(stats, tile_path(t, r.chip_instance) + ".matrix", "busy_ns");
      if (busy > longest) {
        longest = busy;
        busy_utilisation =
            stat(stats, tile_path(t, r.chip_instance) + ".matrix", "pe_utilization_pct");
      }
    }
    if (busy_utilisation < 50)
      r.bottleneck.explanation += fmt::format(
          ", but only {:.1f}% of its PE-cycles do useful MACs: fill, drain, preload and partial "
          "folds dominate at this shape (try another dataflow or array size)",
          busy_utilisation);
  } else if (memory_pct >= 0.6 * dma_pct) {
    r.bottleneck = {"memory bandwidth",
                    fmt::format("the memory is transferring {:.1f}% of the run while the matrix "
                                "engine is busy {:.1f}%",
                                memory_pct, compute_pct)};
  } else {
    r.bottleneck = {"memory latency",
                    fmt::format("DMA channels are busy {:.1f}% of the run but memory bandwidth is "
                                "only {:.1f}% used: too few bursts in flight to cover the latency",
                                dma_pct, memory_pct)};
  }
}

}  // namespace lumen
