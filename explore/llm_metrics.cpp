#include "explore/llm_metrics.h"

#include <map>

#include <fmt/format.h>

#include "models/compute/systolic_timing.h"

namespace lumen {

using json = nlohmann::json;

namespace {

// Step time by what bounds each op (one layer's ops × their count, and the head).
std::map<std::string, double> time_by_bound(const json& c) {
  std::map<std::string, double> by;
  for (const json& op : c["ops"]) {
    std::string bound = op["bound"];
    if (bound == "memory bandwidth")
      bound = op["op"] == "scores" || op["op"] == "attn_v" ? "memory bandwidth (KV cache)"
                                                           : "memory bandwidth (weights)";
    by[bound] += op["step_ns"].get<double>();
  }
  return by;
}

}  // namespace

void derive_llm_metrics(RunResult& r, bool decode) {
  const json& llm = r.series["llm"];
  const json& c = llm["cases"][0];
  const json& f = c["fabrics"][0];
  json& m = r.metrics;
  const double step = f["step_ns"];
  m["total_ns"] = step;
  m[decode ? "tpot_ns" : "ttft_ns"] = step;
  m["tokens_per_s"] = f["tokens_per_s"];
  m["energy_per_token_pJ"] = f["energy_per_token_pJ"];
  m["kv_bytes"] = c["kv_bytes"];
  m["layer_ns"] = c["layer_ns"];
  m["head_ns"] = c["head_ns"];
  m["roofline_ns"] = c["roofline_ns"];
  m["roofline_error_pct"] = c["roofline_error_pct"];
  m["step_flops"] = c["step_flops"];
  m["step_bytes"] = c["step_bytes"];
  m["weight_read_bytes"] = c["weight_read_bytes"];
  m["kv_read_bytes"] = c["kv_read_bytes"];
  const double chip_ns = c["chip_ns"];
  m["memory_utilization_pct"] = chip_ns > 0 ? 100 * c["step_bytes"].get<double>() /
                                                  (chip_ns * llm["memory_path_GBps"].get<double>())
                                            : 0.0;
  m["fabric_share_pct"] = f["communication_share_pct"];
  m["fabric_link_util_max_pct"] = llm["fabrics"][0].value("all_reduce_link_util_max_pct", 0.0);
  m["distinct_ops"] = llm["distinct_ops"];
  // A compressed cache against its baseline at the same context.
  for (const json& b : llm["cases"])
    if (b["baseline"].get<bool>() && b["context"] == c["context"] && !c["baseline"].get<bool>()) {
      const double base_step = b["fabrics"][0]["step_ns"];
      m["baseline_step_ns"] = base_step;
      m["kv_bytes_saved"] = b["kv_bytes"].get<double>() - c["kv_bytes"].get<double>();
      m["kv_read_saved_pct"] =
          100 * (1 - c["kv_read_bytes"].get<double>() / b["kv_read_bytes"].get<double>());
      m["decode_speedup"] = base_step / step;
      m["decompression_ns"] = c["decompression_ns"];
    }
  if (llm.contains("published")) {
    const json& p = llm["published"];
    const double value = p["value"];
    const double modelled = m[p["metric"].get<std::string>()];
    m["published_value"] = value;
    m["published_error_pct"] = 100 * (modelled - value) / value;
  }

  // The bottleneck: what bounds the largest share of the step.
  std::map<std::string, double> by = time_by_bound(c);
  const double chip_step = step - f["communication_ns"].get<double>();
  const double scale = chip_step > 0 ? chip_step / chip_ns : 1.0;
  for (auto& [bound, ns] : by) ns *= scale;
  if (f["communication_ns"].get<double>() > 0) by["fabric"] = f["communication_ns"];
  std::string top = "latency";
  double top_ns = -1;
  for (const auto& [bound, ns] : by)
    if (ns > top_ns) {
      top = bound;
      top_ns = ns;
    }
  const double share = step > 0 ? 100 * top_ns / step : 0.0;
  std::string why;
  if (top.rfind("memory bandwidth", 0) == 0)
    why = fmt::format(
        "{:.0f}% of each step streams {} from memory; the chip is {:.1f}% above the roofline "
        "(weights + KV cache / {:.0f} GB/s, {:.0f} ns)",
        share, top == "memory bandwidth (KV cache)" ? "the KV cache" : "the weights",
        c["roofline_error_pct"].get<double>(), llm["memory_path_GBps"].get<double>(),
        c["roofline_ns"].get<double>());
  else if (top == "matrix engine") {
    const double achieved = chip_ns > 0 ? c["step_flops"].get<double>() / chip_ns / 1e3 : 0.0;
    const std::uint64_t tokens =
        llm["phase"] == "decode"
            ? llm["batch"].get<std::uint64_t>() / llm["micro_batches"].get<std::uint64_t>()
            : 0;
    const bool ws = r.chip.tile.matrix.dataflow == Dataflow::kWeightStationary;
    why = fmt::format(
        "the matrix engines are busy for {:.0f}% of each step yet reach {:.3g} of their {:.3g} "
        "TFLOP/s: {}{} (the step is {:.0f}% above the memory roofline)",
        share, achieved, llm["peak_tflops"].get<double>(),
        tokens ? fmt::format("with {} token{} per GEMM ", tokens, tokens == 1 ? "" : "s") : "",
        ws ? "a weight-stationary array spends its cycles loading weight folds, not multiplying; "
             "an input-stationary one streams the weights instead"
           : "the arrays spend their cycles filling and draining folds",
        c["roofline_error_pct"].get<double>());
  } else if (top == "vector unit")
    why = fmt::format("{:.0f}% of each step is vector kernels (norms, softmax, activations{})",
                      share, c["decompression_ns"].get<double>() > 0 ? ", KV decompression" : "");
  else if (top == "fabric")
    why = fmt::format(
        "{:.0f}% of each step is tensor-parallel all-reduces and stage sends on "
        "the fabric",
        share);
  else
    why = fmt::format(
        "{:.0f}% of each step is ops far above their bandwidth and compute bounds "
        "(DMA set-up, pipeline fill, small GEMMs)",
        share);
  r.bottleneck = {top, why};
}

}  // namespace lumen
