#include "explore/report_writer.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/version.h"
#include "explore/atomic_file.h"
#include "explore/html_page.h"
#include "explore/llm_point.h"
#include "explore/llm_report.h"
#include "explore/noc_report.h"
#include "explore/svg_chart.h"
#include "explore/system_point.h"
#include "explore/system_report.h"
#include "platforms/instance_names.h"

namespace lumen {

using json = nlohmann::json;

json report_json(const RunResult& r) {
  json components = json::object();
  for (const auto& [path, values] : r.components.components()) {
    json entry = json::object();
    for (const auto& [key, value] : values) entry[key] = value;
    components[path] = entry;
  }
  json layers = json::array();
  for (const auto& layer : r.workload.layers) {
    layers.push_back({{"name", layer.name},
                      {"op", layer.op},
                      {"epilogue", layer.epilogue},
                      {"dtype", dtype_name(layer.dtype)},
                      {"weight_dtype", dtype_name(layer.weight_dtype)},
                      {"out_dtype", dtype_name(layer.out_dtype)},
                      {"batch", layer.batch},
                      {"m", layer.shape.m},
                      {"n", layer.shape.n},
                      {"k", layer.shape.k},
                      {"block_m", layer.block.m},
                      {"block_n", layer.block.n},
                      {"block_k", layer.block.k},
                      {"double_buffered", layer.double_buffered},
                      {"loop_order", layer.loop_order},
                      {"tiles_used", layer.tiles_used},
                      {"split_m", layer.partition.m},
                      {"split_n", layer.partition.n},
                      {"split_k", layer.partition.k},
                      {"split_batch_groups", layer.partition.b},
                      {"gemm_blocks", layer.blocks},
                      {"load_bytes", layer.load_bytes},
                      {"store_bytes", layer.store_bytes},
                      {"estimated_ns", layer.estimated_ns}});
  }
  json functional = json::array();
  for (const auto& t : r.tensors) {
    functional.push_back({{"tensor", t.info.name},
                          {"rows", t.info.rows},
                          {"cols", t.info.cols},
                          {"dtype", dtype_name(t.info.dtype)},
                          {"role", t.info.role == TensorRole::kOutput ? "output" : "input"},
                          {"checksum", fmt::format("{:016x}", tensor_checksum(t))}});
  }
  json report{{"inputs", r.inputs},
              {"metrics", r.metrics},
              {"components", components},
              {"plan", {{"kind", r.workload.kind}, {"layers", layers}}},
              {"series", r.series},
              {"summary",
               {{"bottleneck", r.bottleneck.resource}, {"explanation", r.bottleneck.explanation}}},
              {"run",
               {{"version", kVersion},
                {"wall_s", r.wall_s},
                {"delta_cycles", r.delta_cycles},
                {"complete", r.complete},
                {"stopped_because", r.stopped_because}}}};
  if (r.chip.functional) report["functional"] = functional;
  return report;
}

namespace {

std::string number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v)) && std::abs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.4g}", v);
}

std::string energy_markdown(const RunResult& r) {
  const json& m = r.metrics;
  std::string out;
  if (m.contains("energy_pJ")) {
    const double total = m["energy_pJ"].get<double>();
    const auto share = [&](const char* key) {
      return total > 0 ? 100.0 * m[key].get<double>() / total : 0.0;
    };
    out += fmt::format(
        "\n## Energy and area\n\n**{} pJ** in all: {:.3g} W on average, **{:.3g} TOPS/W**, {:.3g} "
        "pJ per MAC ({} figures: {}).\n\n"
        "| part | pJ | share |\n|---|---|---|\n",
        number(total), m["average_power_W"].get<double>(), m["tops_per_W"].get<double>(),
        m["energy_per_mac_pJ"].get<double>(), r.chip.energy.node, r.chip.energy.source);
    for (const auto& [label, key] : std::vector<std::pair<const char*, const char*>>{
             {"compute (MACs, vector ops)", "energy_compute_pJ"},
             {"scratchpad SRAM", "energy_sram_pJ"},
             {"DMA", "energy_dma_pJ"},
             {"off-chip memory", "energy_memory_pJ"},
             {"on-chip network", "energy_noc_pJ"},
             {"static (leakage)", "energy_static_pJ"}})
      out +=
          fmt::format("| {} | {} | {:.1f}% |\n", label, number(m[key].get<double>()), share(key));
  }
  if (m.contains("area_mm2")) {
    out +=
        fmt::format("\nArea **{:.3g} mm²** ({}), {:.3g} achieved TOPS per mm².\n",
                    m["area_mm2"].get<double>(), r.chip.area.node, m["tops_per_mm2"].get<double>());
  }
  return out;
}

}  // namespace

// Read latency histogram over all HBM channels: (bucket start ns, reads), sorted.
std::vector<std::pair<double, double>> hbm_latency_histogram(const RunResult& r) {
  std::map<double, double> buckets;
  const auto& components = r.components.components();
  for (std::uint32_t c = 0; c < r.chip.hbm.used_channels(); ++c) {
    const auto it = components.find(memory_path() + ".ch" + std::to_string(c));
    if (it == components.end()) continue;
    for (const auto& [key, value] : it->second)
      if (key.rfind("read_latency_hist_", 0) == 0) buckets[std::stod(key.substr(18))] += value;
  }
  return {buckets.begin(), buckets.end()};
}

// Pictures of an HBM run: bandwidth per channel against its peak, and the latency histogram.
std::vector<PendingFile> hbm_charts(const RunResult& r, const std::filesystem::path& directory) {
  if (!r.chip.has_hbm) return {};
  const auto& components = r.components.components();
  std::vector<Bar> channels;
  for (std::uint32_t c = 0; c < r.chip.hbm.used_channels(); ++c) {
    const auto it = components.find(memory_path() + ".ch" + std::to_string(c));
    if (it != components.end())
      channels.push_back({"ch" + std::to_string(c), it->second.at("bandwidth_GBps")});
  }
  const double peak = r.chip.hbm.spec.peak_channel_Bps() / 1e9;
  std::vector<Bar> latency;
  for (const auto& [from, count] : hbm_latency_histogram(r))
    latency.push_back({fmt::format("{}-{} ns", from, 2 * from), count});
  return {
      {directory / "hbm_channels.svg", bar_chart_svg("HBM bandwidth per channel", "GB/s", channels,
                                                     peak, fmt::format("peak {:.1f} GB/s", peak))},
      {directory / "hbm_latency.svg",
       bar_chart_svg("HBM read latency (queue entry to data)", "reads", latency)}};
}

std::string hbm_pictures_markdown() {
  return "\n![HBM bandwidth per channel](hbm_channels.svg)\n"
         "![HBM read latency histogram](hbm_latency.svg)\n";
}

// Scenario kind "memory": the memory on its own.
std::string memory_summary_markdown(const RunResult& r) {
  const json& m = r.metrics;
  const json& scenario = r.inputs.at("scenario");
  std::string out;
  out +=
      fmt::format("# Lumen memory run: {} × {}\n\n", r.chip.name.empty() ? "platform" : r.chip.name,
                  scenario.value("name", scenario.value("pattern", "memory")));
  out +=
      fmt::format("**Bottleneck: {}** — {}.\n\n", r.bottleneck.resource, r.bottleneck.explanation);
  if (r.chip.has_hbm) {
    const auto& h = r.chip.hbm;
    out += fmt::format(
        "{} × {} stack(s), {} channels, mapping `{}`, {} B channel interleave, {}-page, {} "
        "refresh, queues {} read / {} write per channel. Pattern `{}`: {} requests of 32 B in "
        "TLM transactions of {} B.\n\n",
        h.spec.standard, h.stacks, h.used_channels(), h.mapping,
        h.interleave_bytes ? h.interleave_bytes : h.spec.org.access_bytes(),
        h.controller.page_policy == PagePolicy::kOpen ? "open" : "closed",
        h.controller.refresh == RefreshPolicy::kAllBank   ? "all-bank"
        : h.controller.refresh == RefreshPolicy::kPerBank ? "per-bank"
                                                          : "no",
        h.controller.read_queue, h.controller.write_queue, scenario.value("pattern", ""),
        number(m["requests"].get<double>()), number(m["transaction_bytes"].get<double>()));
  }
  out += "| metric | value |\n|---|---|\n";
  for (const auto& [key, value] : m.items())
    if (value.is_number()) out += fmt::format("| `{}` | {} |\n", key, number(value.get<double>()));
  const auto& components = r.components.components();
  if (r.chip.has_hbm) {
    out +=
        "\n## Channels\n\n| channel | GB/s | row hit % | miss % | conflict % | refreshes | "
        "read latency ns | data bus busy % |\n|---|---|---|---|---|---|---|---|\n";
    for (std::uint32_t c = 0; c < r.chip.hbm.used_channels(); ++c) {
      const auto it = components.find(memory_path() + ".ch" + std::to_string(c));
      if (it == components.end()) continue;
      const auto& s = it->second;
      out += fmt::format("| ch{} | {:.2f} | {:.1f} | {:.1f} | {:.1f} | {} | {:.1f} | {:.1f} |\n", c,
                         s.at("bandwidth_GBps"), s.at("row_hit_pct"), s.at("row_miss_pct"),
                         s.at("row_conflict_pct"), number(s.at("refreshes")),
                         s.at("read_latency_avg_ns"), s.at("data_bus_busy_pct"));
    }
    out += hbm_pictures_markdown();
    const auto rows = hbm_latency_histogram(r);
    if (!rows.empty()) {
      out += "\n## Read latency (all channels)\n\n| from ns | to ns | reads |\n|---|---|---|\n";
      for (const auto& [from, count] : rows)
        out += fmt::format("| {} | {} | {} |\n", number(from), number(2 * from), number(count));
    }
  }
  out += fmt::format("\nInputs hash `{}`. Full figures in `report.json`.\n",
                     r.inputs.at("hash").get<std::string>());
  return out;
}

std::string partial_banner(const RunResult& r) {
  if (r.complete) return "";
  return fmt::format(
      "> **Partial run**: stopped by {}. Every figure below covers only the simulated part; "
      "this is not the result of the whole scenario.\n\n",
      r.stopped_because);
}

std::string summary_markdown(const RunResult& r) {
  if (r.workload.kind == "noc") return noc_sweep_markdown(r);
  if (is_system_kind(r.workload.kind)) return system_markdown(r);
  if (is_llm_kind(r.workload.kind)) return llm_markdown(r);
  if (r.workload.kind == "memory") {
    std::string text = memory_summary_markdown(r);
    return text.insert(text.find("\n\n") + 2, partial_banner(r));
  }
  const json& m = r.metrics;
  const json& scenario = r.inputs.at("scenario");
  std::string out;
  out += fmt::format("# Lumen run: {} × {}\n\n", r.chip.name.empty() ? "platform" : r.chip.name,
                     scenario.value("name", scenario.value("kind", "scenario")));
  out += partial_banner(r);
  out +=
      fmt::format("**Bottleneck: {}** — {}.\n\n", r.bottleneck.resource, r.bottleneck.explanation);
  out += fmt::format("The run took **{} ns** ({} cycles at {} MHz). ",
                     number(m["total_ns"].get<double>()), number(m["total_cycles"].get<double>()),
                     number(r.chip.clock_hz / 1e6));
  if (m["macs"].get<double>() > 0) {
    out += fmt::format("The matrix engines did {} MACs at {:.1f}% of peak ({} of {} TFLOP/s). ",
                       number(m["macs"].get<double>()), m["pe_utilization_pct"].get<double>(),
                       number(m["achieved_tflops"].get<double>()),
                       number(m["peak_tflops"].get<double>()));
  }
  if (m["vector_cycles"].get<double>() > 0) {
    out +=
        fmt::format("The busiest vector unit ran {} cycles ({:.1f}% of the run).",
                    number(m["vector_cycles"].get<double>()), m["vector_busy_pct"].get<double>());
  }
  out += "\n\n";
  out += "| metric | value |\n|---|---|\n";
  for (const char* key :
       {"total_ns", "total_cycles", "compute_cycles", "pe_utilization_pct", "memory_bandwidth_GBps",
        "memory_read_bytes", "memory_write_bytes", "arithmetic_intensity_flop_per_byte",
        "scratchpad_peak_bytes", "matrix_busy_pct", "vector_cycles", "vector_busy_pct",
        "memory_busy_pct", "dma_busy_pct", "tiles_used"}) {
    out += fmt::format("| `{}` | {} |\n", key, number(m.at(key).get<double>()));
  }
  const auto& matrix = r.chip.tile.matrix;
  out += fmt::format(
      "\nPlatform: {} tile(s) of a {}×{} systolic array ({}, {}, timing `{}`) and a {}-lane "
      "vector unit, {} B DMA bursts (the transaction granularity of this run), {} memory; {} "
      "mode.\n",
      r.chip.tiles(), matrix.array.rows, matrix.array.cols, dataflow_name(matrix.dataflow),
      dtype_name(matrix.dtype), timing_name(matrix.timing), r.chip.tile.vector.lanes,
      r.chip.tile.dma.burst_bytes,
      r.chip.has_hbm        ? r.chip.hbm.spec.standard + " HBM"
      : r.chip.memory.ideal ? "ideal"
                            : "fixed-latency",
      r.chip.functional ? "functional" : "timing-only");
  if (!r.workload.layers.empty()) {
    out +=
        "\n## Layers\n\n| layer | op | dtype → out | M×N×K | block M×N×K | buffers | tiles (split "
        "M×N×K) | blocks | loaded B | stored B |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& l : r.workload.layers) {
      const std::string op = l.epilogue.empty() ? l.op : l.op + " + " + l.epilogue;
      std::string tiles = std::to_string(l.tiles_used);
      if (l.op == "gemm")
        tiles += l.partition.b > 1
                     ? fmt::format(" ({} groups × {}×{}×{})", l.partition.b, l.partition.m,
                                   l.partition.n, l.partition.k)
                     : fmt::format(" ({}×{}×{})", l.partition.m, l.partition.n, l.partition.k);
      const std::string shape = (l.batch > 1 ? std::to_string(l.batch) + " × " : "") +
                                fmt::format("{}×{}×{}", l.shape.m, l.shape.n, l.shape.k);
      out += fmt::format("| {} | {} | {} → {} | {} | {}×{}×{} | {} | {} | {} | {} | {} |\n", l.name,
                         op, dtype_name(l.dtype), dtype_name(l.out_dtype), shape, l.block.m,
                         l.block.n, l.block.k, l.double_buffered ? 2 : 1, tiles, l.blocks,
                         l.load_bytes, l.store_bytes);
    }
  }
  out +=
      "\n## Tiles\n\n| tile | matrix busy % | PE utilisation % | vector busy % | DMA load busy % "
      "| DMA store busy % |\n"
      "|---|---|---|---|---|---|\n";
  const auto& components = r.components.components();
  for (std::uint32_t t = 0; t < r.chip.tiles(); ++t) {
    const std::string tile = tile_path(t);
    const auto get = [&](const std::string& c, const std::string& k) {
      const auto it = components.find(tile + "." + c);
      return it == components.end() ? 0.0 : it->second.at(k);
    };
    out += fmt::format("| {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.1f} |\n", tile,
                       get("matrix", "busy_pct"), get("matrix", "pe_utilization_pct"),
                       get("vector", "busy_pct"), get("dma_load", "busy_pct"),
                       get("dma_store", "busy_pct"));
  }
  if (r.chip.has_hbm) {
    out += fmt::format(
        "\n## HBM\n\n{} × {} stack(s), {} channels: {:.1f} GB/s ({:.1f}% of {:.0f} GB/s peak), "
        "row hits {:.1f}%, requests waiting {:.1f}% of the run, read latency {:.1f} ns.\n",
        r.chip.hbm.spec.standard, r.chip.hbm.stacks, r.chip.hbm.used_channels(),
        m["hbm_bandwidth_GBps"].get<double>(), m["hbm_efficiency_pct"].get<double>(),
        m["hbm_peak_GBps"].get<double>(), m["hbm_row_hit_pct"].get<double>(),
        m["hbm_pending_pct"].get<double>(), m["read_latency_avg_ns"].get<double>());
    out += hbm_pictures_markdown();
  }
  out += noc_markdown(r);
  out += energy_markdown(r);
  if (r.chip.functional) {
    out +=
        "\n## Functional mode\n\nEngines computed real values on seeded random inputs. "
        "Output checksums (FNV-1a of the packed values):\n\n";
    for (const auto& t : r.tensors)
      if (t.info.role == TensorRole::kOutput)
        out += fmt::format("- `{}` {}×{} {}: `{:016x}`\n", t.info.name, t.info.rows, t.info.cols,
                           dtype_name(t.info.dtype), tensor_checksum(t));
  }
  out += fmt::format("\nInputs hash `{}`. Full figures in `report.json`.\n",
                     r.inputs.at("hash").get<std::string>());
  return out;
}

json chrome_trace(const TraceRecorder& trace) {
  std::map<std::string, int> thread_ids;
  json events = json::array();
  for (const auto& e : trace.events()) {
    auto [it, inserted] = thread_ids.emplace(e.track, static_cast<int>(thread_ids.size()) + 1);
    if (inserted) {
      events.push_back({{"ph", "M"},
                        {"name", "thread_name"},
                        {"pid", 0},
                        {"tid", it->second},
                        {"args", {{"name", e.track}}}});
    }
    events.push_back({{"ph", "X"},
                      {"name", e.name},
                      {"pid", 0},
                      {"tid", it->second},
                      {"ts", e.start_ns / 1e3},
                      {"dur", e.duration_ns / 1e3}});
  }
  events.push_back(
      {{"ph", "M"}, {"name", "process_name"}, {"pid", 0}, {"args", {{"name", kChipInstance}}}});
  return json{{"traceEvents", events}, {"displayTimeUnit", "ns"}};
}

std::filesystem::path write_report(const RunResult& r, const std::filesystem::path& directory,
                                   bool with_trace) {
  std::vector<PendingFile> files;
  if (with_trace) files.push_back({directory / "trace.json", chrome_trace(r.trace).dump() + "\n"});
  files.push_back({directory / "summary.md", summary_markdown(r)});
  if (is_system_kind(r.workload.kind)) {
    for (auto& chart : system_charts(r, directory)) files.push_back(std::move(chart));
  } else if (is_llm_kind(r.workload.kind)) {
    for (auto& chart : llm_charts(r, directory)) files.push_back(std::move(chart));
  } else {
    for (auto& chart : hbm_charts(r, directory)) files.push_back(std::move(chart));
    for (auto& chart : noc_charts(r, directory)) files.push_back(std::move(chart));
    for (auto& chart : noc_sweep_charts(r, directory)) files.push_back(std::move(chart));
  }
  // report.html: the summary with its pictures inline, one file to open offline.
  std::map<std::string, std::string> svgs;
  for (const PendingFile& f : files)
    if (f.path.extension() == ".svg") svgs[f.path.filename().string()] = f.contents;
  const std::string& summary = files[with_trace ? 1 : 0].contents;
  files.push_back({directory / "report.html", html_page(summary.substr(2, summary.find('\n') - 2),
                                                        markdown_to_html(summary, svgs))});
  files.push_back({directory / "report.json", report_json(r).dump(2) + "\n"});
  write_files_atomically(files);
  return directory / "report.json";
}

}  // namespace lumen
