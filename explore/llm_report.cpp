#include "explore/llm_report.h"

#include <fmt/format.h>

#include "explore/svg_chart.h"

namespace lumen {

using json = nlohmann::json;

namespace {

double num(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0.0;
}

std::string bytes_text(double bytes) {
  if (bytes >= 1e9) return fmt::format("{:.2f} GB", bytes / 1e9);
  if (bytes >= 1e6) return fmt::format("{:.2f} MB", bytes / 1e6);
  if (bytes >= 1e3) return fmt::format("{:.1f} kB", bytes / 1e3);
  return fmt::format("{:.0f} B", bytes);
}

std::string count_text(double n) {
  if (n >= 1e9) return fmt::format("{:.2f} B", n / 1e9);
  if (n >= 1e6) return fmt::format("{:.1f} M", n / 1e6);
  return fmt::format("{:.0f}", n);
}

std::string time_text(double ns) {
  if (ns >= 1e6) return fmt::format("{:.3f} ms", ns / 1e6);
  if (ns >= 1e3) return fmt::format("{:.2f} µs", ns / 1e3);
  return fmt::format("{:.0f} ns", ns);
}

std::string energy_text(double pJ) {
  if (pJ <= 0) return "no energy tables";
  if (pJ >= 1e9) return fmt::format("{:.2f} mJ", pJ / 1e9);
  if (pJ >= 1e6) return fmt::format("{:.2f} µJ", pJ / 1e6);
  return fmt::format("{:.1f} nJ", pJ / 1e3);
}

std::string cases_table(const json& llm, bool decode) {
  std::string out = fmt::format(
      "| case | fabric | {} | tokens/s | energy / token | KV cache | fabric share |\n"
      "|---|---|---|---|---|---|---|\n",
      decode ? "time per token" : "time to first token");
  for (const json& c : llm["cases"])
    for (const json& f : c["fabrics"])
      out += fmt::format("| {} | {} | {} | {:.1f} | {} | {} | {:.1f}% |\n",
                         c["label"].get<std::string>(), f["fabric"].get<std::string>(),
                         time_text(num(f, "step_ns")), num(f, "tokens_per_s"),
                         energy_text(num(f, "energy_per_token_pJ")), bytes_text(num(c, "kv_bytes")),
                         num(f, "communication_share_pct"));
  return out + "\n";
}

std::string compression_section(const json& llm) {
  std::string out;
  const json& cases = llm["cases"];
  for (std::size_t i = 0; i + 1 < cases.size(); ++i) {
    const json& c = cases[i];
    const json& b = cases[i + 1];
    if (c["baseline"].get<bool>() || !b["baseline"].get<bool>()) continue;
    if (out.empty())
      out =
          "## What KV-cache compression buys\n\n"
          "| context | KV cache (bf16 → compressed) | KV read per step | time per token "
          "(bf16 → compressed) | speed-up | decompression cost |\n"
          "|---|---|---|---|---|---|\n";
    const double base = num(b["fabrics"][0], "step_ns"), comp = num(c["fabrics"][0], "step_ns");
    out += fmt::format(
        "| {} | {} → {} (−{:.0f}%) | {} → {} | {} → {} | {:.2f}× | {} |\n",
        c["context"].get<std::uint64_t>(), bytes_text(num(b, "kv_bytes")),
        bytes_text(num(c, "kv_bytes")), 100 * (1 - num(c, "kv_bytes") / num(b, "kv_bytes")),
        bytes_text(num(b, "kv_read_bytes")), bytes_text(num(c, "kv_read_bytes")), time_text(base),
        time_text(comp), base / comp, time_text(num(c, "decompression_ns")));
  }
  if (out.empty()) return out;
  return out +
         "\nCompression pays where the step is bound by reading the KV cache (long contexts, "
         "large batches, memory-bound decode); at short contexts the weights dominate the bytes "
         "and the quantize/dequantize and rotation work is a cost with little to save.\n\n";
}

std::string fabric_section(const json& llm) {
  if (llm["tp"].get<int>() <= 1 && llm["pp"].get<int>() <= 1) return "";
  std::string out = "## The fabric\n\n";
  if (llm["tp"].get<int>() > 1)
    out += fmt::format(
        "Tensor parallelism over {} chips all-reduces {} of activations twice per "
        "layer. ",
        llm["tp"].get<int>(), bytes_text(num(llm["fabrics"][0], "all_reduce_bytes")));
  if (llm["pp"].get<int>() > 1)
    out += fmt::format(
        "Pipeline parallelism over {} stages sends the activations once per stage "
        "and micro-batch. ",
        llm["pp"].get<int>());
  out += "\n\n| fabric | all-reduce | busiest link during it | stage send |\n|---|---|---|---|\n";
  for (const json& f : llm["fabrics"])
    out += fmt::format("| {} | {} | {:.0f}% | {} |\n", f["name"].get<std::string>(),
                       time_text(num(f, "all_reduce_ns")), num(f, "all_reduce_link_util_max_pct"),
                       time_text(num(f, "stage_send_ns")));
  return out + "\n";
}

std::string ops_section(const json& c, double step_ns) {
  std::string out = fmt::format(
      "## One step, op by op ({})\n\n![time per op](llm_ops.svg)\n\n"
      "| op | kind | shape | time | × | share of the step | bytes | MACs | bound |\n"
      "|---|---|---|---|---|---|---|---|---|\n",
      c["label"].get<std::string>());
  for (const json& op : c["ops"])
    out +=
        fmt::format("| {} | {} | {} | {} | {:g} | {:.1f}% | {} | {:.3g} | {} |\n",
                    op["op"].get<std::string>(), op["kind"].get<std::string>(),
                    op["shape"].get<std::string>(), time_text(num(op, "time_ns")), num(op, "count"),
                    step_ns > 0 ? 100 * num(op, "step_ns") / step_ns : 0.0,
                    bytes_text(num(op, "bytes")), num(op, "macs"), op["bound"].get<std::string>());
  return out + "\n";
}

}  // namespace

std::string llm_markdown(const RunResult& r) {
  const json& llm = r.series.at("llm");
  const json& m = r.metrics;
  const json& scenario = r.inputs.at("scenario");
  const bool decode = llm["phase"] == "decode";
  const json& c = llm["cases"][0];
  std::string out =
      fmt::format("# Lumen run: {} × {}\n\n", r.chip.name.empty() ? "platform" : r.chip.name,
                  scenario.value("name", "llm"));
  out +=
      fmt::format("**Bottleneck: {}** — {}.\n\n", r.bottleneck.resource, r.bottleneck.explanation);
  out += fmt::format(
      "{} {} ({} parameters), batch {}, {}{}; tensor parallel {}, pipeline parallel {} "
      "({} micro-batches).\n\n",
      llm["model"].get<std::string>(), decode ? "decode" : "prefill",
      count_text(num(llm, "parameters")), llm["batch"].get<std::uint64_t>(),
      decode ? fmt::format("context {}", c["context"].get<std::uint64_t>())
             : fmt::format("prompt {}", llm["prompt"].get<std::uint64_t>()),
      fmt::format(", {} KV cache", c["kv_cache"].get<std::string>()), llm["tp"].get<int>(),
      llm["pp"].get<int>(), llm["micro_batches"].get<int>());
  const double energy = num(m, "energy_per_token_pJ");
  out += fmt::format("**{} {} → {:.1f} tokens/s{}.** ",
                     decode ? "Time per output token" : "Time to first token",
                     time_text(num(m, "total_ns")), num(m, "tokens_per_s"),
                     energy > 0 ? " at " + energy_text(energy) + " per token"
                                : " (the platform has no energy tables)");
  out += fmt::format(
      "One chip holds {} of weights and {} of KV cache and moves {} per step at {:.0f}% of its "
      "{:.0f} GB/s memory path.\n\n",
      bytes_text(num(m, "weight_bytes")), bytes_text(num(m, "kv_bytes")),
      bytes_text(num(m, "step_bytes")), num(m, "memory_utilization_pct"),
      num(llm, "memory_path_GBps"));
  out += "| metric | value |\n|---|---|\n";
  for (const auto& [key, value] : m.items())
    if (value.is_number()) out += fmt::format("| `{}` | {:.6g} |\n", key, value.get<double>());
  out += "\n";
  out += "## Cases\n\n![tokens per second](llm_cases.svg)\n\n" + cases_table(llm, decode);
  out += compression_section(llm);
  out += fabric_section(llm);
  out += ops_section(c, num(c["fabrics"][0], "step_ns"));
  out += fmt::format(
      "## Roofline check\n\nThe chip's part of the step reads {} of weights and {} of KV cache "
      "and does {:.3g} FLOPs: the {}-bound roofline is {} (bytes / {:.0f} GB/s against FLOPs / "
      "{:.3g} TFLOP/s). Simulated: {}, {:+.1f}%. The difference is what the roofline leaves out: "
      "each op's DMA set-up and pipeline fill, vector kernels and barriers between ops.\n\n",
      bytes_text(num(c, "weight_read_bytes")), bytes_text(num(c, "kv_read_bytes")),
      num(c, "step_flops"), c["roofline_bound"].get<std::string>(),
      time_text(num(c, "roofline_ns")), num(llm, "memory_path_GBps"), num(llm, "peak_tflops"),
      time_text(num(c, "chip_ns")), num(c, "roofline_error_pct"));
  if (llm.contains("published")) {
    const json& p = llm["published"];
    out += fmt::format(
        "## Against a published measurement\n\n{}: {} = {:.6g}. Modelled: {:.6g} ({:+.1f}%).\n\n",
        p.value("source", "published"), p["metric"].get<std::string>(), num(p, "value"),
        num(m, p["metric"].get<std::string>().c_str()), num(m, "published_error_pct"));
  }
  out += fmt::format(
      "## How it was simulated\n\n{} distinct ops, each its own chip of {} tiles running its "
      "per-tile command programs in one elaboration; {} of {} layers simulated (all layers of a "
      "decoder have the same shapes; each counted {}). Memory: {} model ({:.0f} GB/s path). "
      "Simulated in {:.3f} s of wall time.\n",
      num(llm, "distinct_ops"), r.chip.tiles(), llm["layers_simulated"].get<std::uint64_t>(),
      llm["layers"].get<std::uint64_t>(),
      llm["layers_simulated"].get<std::uint64_t>() == 1 ? "layers / pp times" : "once",
      llm["memory_model"].get<std::string>() == "stream"
          ? "the streaming equivalent of the HBM and NoC (platforms/memory_stream.h)"
          : "the cycle-level",
      num(llm, "memory_path_GBps"), r.wall_s);
  return out;
}

std::vector<PendingFile> llm_charts(const RunResult& r, const std::filesystem::path& directory) {
  const json& llm = r.series.at("llm");
  const json& c = llm["cases"][0];
  std::vector<Bar> ops;
  for (const json& op : c["ops"])
    ops.push_back({op["op"].get<std::string>(), num(op, "step_ns") / 1e3});
  std::vector<Bar> cases;
  for (const json& k : llm["cases"])
    for (const json& f : k["fabrics"])
      cases.push_back({llm["fabrics"].size() > 1
                           ? k["label"].get<std::string>() + " · " + f["fabric"].get<std::string>()
                           : k["label"].get<std::string>(),
                       num(f, "tokens_per_s")});
  return {{directory / "llm_ops.svg",
           bar_chart_svg("Time per step by op (" + c["label"].get<std::string>() + ")", "µs", ops)},
          {directory / "llm_cases.svg", bar_chart_svg("Tokens per second", "tokens/s", cases)}};
}

}  // namespace lumen
