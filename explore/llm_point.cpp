#include "explore/llm_point.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>

#include <unistd.h>

#include <fmt/format.h>

#include <systemc>

#include "core/diagnostics.h"
#include "core/schema.h"
#include "explore/child_run.h"
#include "explore/energy.h"
#include "explore/llm_metrics.h"
#include "explore/metrics.h"
#include "explore/system_variants.h"
#include "platforms/chip.h"
#include "platforms/instance_names.h"
#include "platforms/memory_stream.h"
#include "platforms/system.h"
#include "workloads/collective_lowering.h"
#include "workloads/llm/llm_lowering.h"

namespace lumen {

using json = nlohmann::json;

namespace {

constexpr std::size_t kMaxLlmTileInstances = 512;

// One thing the run answers: the model at one KV length with one cache format.
struct LlmCase {
  std::string label;
  std::uint64_t context = 0;  // KV length C
  LlmSpec spec;
  bool baseline = false;  // the bf16 cache a compressed case is compared with
  std::vector<std::size_t> layer_ops, head_ops;  // indices into the distinct ops
  std::vector<std::string> layer_names;
};

struct OpRun {
  LlmOp op;
  Workload workload;
  std::unique_ptr<Chip> chip;
  double ns = 0;
  json metrics;
};

DType dtype_of(const json& s, const char* key) {
  return *dtype_from_name(s.value(key, "bf16"));
}

KvCacheFormat kv_format_from(const ConfigDocument& run) {
  const json& s = run.value["scenario"];
  if (!s.contains("kv_cache")) return plain_kv_format("bf16");
  const json& kv = s["kv_cache"];
  const std::string scheme = kv.at("scheme").get<std::string>();
  if (scheme != "turboquant")
    for (const char* key : {"bits", "block", "block_overhead_bits", "rotation"})
      if (kv.contains(key))
        throw InputError(run.sources.diagnose(
            std::string("/scenario/kv_cache/") + key,
            "no " + std::string(key) + " with scheme \"" + scheme +
                "\" (a plain type's storage follows from the type; these belong to turboquant)",
            kv[key].dump()));
  KvCacheFormat f = plain_kv_format(scheme == "turboquant" ? "bf16" : scheme);
  if (scheme == "turboquant") {
    if (!kv.contains("bits"))
      throw InputError(run.sources.diagnose("/scenario/kv_cache",
                                            "bits per value for scheme turboquant (e.g. 3.5)",
                                            "no /scenario/kv_cache/bits"));
    f.scheme = scheme;
    f.bits = kv["bits"].get<double>();
    f.block = kv.value("block", std::uint64_t{128});
    f.block_overhead_bits = kv.value("block_overhead_bits", 32.0);
    f.rotation = kv.value("rotation", true);
  }
  f.fused = kv.value("decompress", "fused") == "fused";
  return f;
}

TransformerModel load_model(const RunRequest& request, const ConfigDocument& run) {
  const json& s = run.value["scenario"];
  const std::string name = s.at("model").get<std::string>();
  const std::filesystem::path path = request.scenario.parent_path() / name;
  if (!std::filesystem::exists(path))
    throw InputError(run.sources.diagnose("/scenario/model",
                                          "a model file (relative to the scenario's folder)",
                                          "\"" + name + "\": no file " + path.string()));
  const ConfigDocument model = load_config_file(path);
  auto problems = model_schema().validate(model.value, "", model.sources);
  if (!problems.empty()) throw InputError(problems);
  const TransformerModel m = transformer_model_from(model.value);
  if (const auto problem = check_transformer_model(m))
    throw InputError(model.sources.diagnose(problem->pointer, problem->expected, problem->found));
  return m;
}

LlmSpec spec_from(const ConfigDocument& run, const TransformerModel& model) {
  const json& s = run.value["scenario"];
  LlmSpec spec;
  spec.phase = s.value("phase", "decode") == "prefill" ? LlmPhase::kPrefill : LlmPhase::kDecode;
  spec.batch = s.value("batch", std::uint64_t{1});
  spec.activation_dtype = dtype_of(s, "dtype");
  spec.weight_dtype = dtype_of(s, "weight_dtype");
  spec.kv = kv_format_from(run);
  spec.all_layers = s.value("simulate", "one_layer") == "all_layers";
  if (s.contains("parallel")) {
    spec.parallel.tp = s["parallel"].value("tp", 1u);
    spec.parallel.pp = s["parallel"].value("pp", 1u);
    spec.parallel.micro_batches = s["parallel"].value("micro_batches", 1u);
  }
  const auto too_long = [&](const std::string& pointer, std::uint64_t tokens) {
    if (tokens > model.context)
      throw InputError(run.sources.diagnose(
          pointer, fmt::format("at most the model's context of {} tokens", model.context),
          std::to_string(tokens)));
  };
  if (spec.phase == LlmPhase::kPrefill) {
    if (!s.contains("prompt"))
      throw InputError(run.sources.diagnose("/scenario", "a prompt length for phase prefill",
                                            "no /scenario/prompt"));
    spec.prompt = s["prompt"].get<std::uint64_t>();
    too_long("/scenario/prompt", spec.prompt);
    spec.contexts = {spec.prompt};
  } else {
    if (!s.contains("context"))
      throw InputError(run.sources.diagnose("/scenario", "a context length for phase decode",
                                            "no /scenario/context"));
    const json& c = s["context"];
    if (c.is_array()) {
      for (std::size_t i = 0; i < c.size(); ++i) {
        spec.contexts.push_back(c[i].get<std::uint64_t>());
        too_long("/scenario/context/" + std::to_string(i), spec.contexts.back());
      }
    } else {
      spec.contexts = {c.get<std::uint64_t>()};
      too_long("/scenario/context", spec.contexts.back());
    }
  }
  const LlmParallel& p = spec.parallel;
  if (spec.batch % p.micro_batches != 0)
    throw InputError(run.sources.diagnose(
        "/scenario/parallel/micro_batches",
        fmt::format("a number of micro-batches that divides the batch of {}", spec.batch),
        std::to_string(p.micro_batches)));
  if (p.pp > model.layers)
    throw InputError(run.sources.diagnose(
        "/scenario/parallel/pp", fmt::format("at most one stage per layer ({})", model.layers),
        std::to_string(p.pp)));
  try {
    check_tensor_parallel(model, p.tp);
  } catch (const std::invalid_argument& e) {
    throw InputError(run.sources.diagnose("/scenario/parallel/tp", e.what(), std::to_string(p.tp)));
  }
  return spec;
}

// Sustained bandwidth from memory to the tiles: the memory's streaming rate, or every tile's DMA.
double memory_path_Bps(const ChipParams& stream) {
  return std::min(stream.memory.bandwidth_Bps, stream.tiles() * stream.tile.dma.bandwidth_Bps);
}

double peak_flops(const ChipParams& chip, DType dtype) {
  const auto& m = chip.tile.matrix;
  return 2.0 * m.array.rows * m.array.cols * m.rate[dtype_index(dtype)] * chip.clock_hz *
         chip.tiles();
}

// What bounds one op: the busiest of the memory, the DMA, the matrix and vector engines (their
// busy share of the op's time), or nothing busy for most of it (latency: DMA set-up, pipeline
// fill, barriers).
std::string op_bound(const json& metrics) {
  const std::pair<const char*, const char*> engines[] = {
      {"memory_busy_pct", "memory bandwidth"},
      {"dma_busy_pct", "memory bandwidth"},  // each tile's DMA share of the memory path
      {"matrix_busy_pct", "matrix engine"},
      {"vector_busy_pct", "vector unit"}};
  std::string bound = "latency";
  double busiest = 50;
  for (const auto& [key, name] : engines)
    if (metrics.value(key, 0.0) > busiest) {
      busiest = metrics.value(key, 0.0);
      bound = name;
    }
  return bound;
}

// The figures of child batch `b` (ops from `from` on, `per` each) are written here.
std::filesystem::path batch_file(const RunRequest& request, std::size_t b) {
  return request.llm_ops_out.empty() ? std::filesystem::temp_directory_path() /
                                           fmt::format("lumen-llm-{}-batch{}.json", ::getpid(), b)
                                     : request.llm_ops_out;
}

// Runs ops [from, end) in child processes of `per` ops each, `jobs` at a time; returns how many.
std::size_t run_op_batches(const RunRequest& request, const std::vector<OpRun>& ops,
                           std::size_t from, std::size_t per, unsigned jobs) {
  std::vector<std::vector<std::string>> runs;
  std::vector<std::filesystem::path> logs;
  for (std::size_t start = from, b = 0; start < ops.size(); start += per, ++b) {
    std::vector<std::string> args = {"llm-ops", request.platform.string(),
                                     request.scenario.string()};
    for (const std::string& o : request.overrides) args.insert(args.end(), {"--set", o});
    args.insert(args.end(), {"--first", std::to_string(start), "--count", std::to_string(per),
                             "--out", batch_file(request, b).string()});
    // The run's limits hold in its children too (they run before the parent's own ops).
    if (request.limits.max_sim_time_s > 0)
      args.insert(args.end(), {"--max-sim-time", request.limits.max_sim_time_text});
    if (request.limits.max_wall_time_s > 0)
      args.insert(args.end(), {"--max-wall-time", request.limits.max_wall_time_text});
    runs.push_back(args);
    logs.push_back(batch_file(request, b).string() + ".log");
  }
  const std::vector<int> codes = run_all_lumen(runs, logs, jobs);
  for (std::size_t b = 0; b < codes.size(); ++b)
    if (codes[b] != 0) {
      std::ifstream log(logs[b]);
      const std::string text((std::istreambuf_iterator<char>(log)), {});
      if (codes[b] == kExitDeadlock)
        throw SimulationStuck(
            "an LLM op batch (child process " + std::to_string(b) + ") deadlocked", {text});
      throw std::runtime_error(
          fmt::format("an LLM op batch (child process {}) failed with exit "
                      "code {}: {}",
                      b, codes[b], text));
    }
  return runs.size();
}

// Reads the children's figures back into `ops`, checking each is the op the parent means; a
// child stopped by a limit makes the whole run partial.
void read_op_batches(const RunRequest& request, std::vector<OpRun>& ops, std::size_t from,
                     std::size_t per, std::size_t batches, RunResult& result) {
  std::size_t stopped = 0;
  std::string why;
  for (std::size_t b = 0; b < batches; ++b) {
    const std::filesystem::path file = batch_file(request, b);
    std::ifstream in(file);
    const json batch = json::parse(in);
    if (!batch["complete"].get<bool>() && stopped++ == 0)
      why = batch["stopped_because"].get<std::string>();
    const json& figures = batch["ops"];
    for (std::size_t k = 0; k < figures.size(); ++k) {
      OpRun& r = ops.at(from + b * per + k);
      if (figures[k]["key"] != r.op.key())
        throw std::logic_error("LLM op batch " + std::to_string(b) + " simulated another op");
      r.ns = figures[k]["ns"];
      r.metrics = figures[k]["metrics"];
    }
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + ".log");
  }
  if (stopped == 0) return;
  const std::string children =
      fmt::format("{} of {} child processes (LLM op batches) stopped: {}", stopped, batches, why);
  result.stopped_because = result.complete ? children : result.stopped_because + "; " + children;
  result.complete = false;
}

}  // namespace

RunResult run_llm_point(const RunRequest& request, const ConfigDocument& run, RunResult result) {
  const json& scenario = run.value["scenario"];
  const json& platform = run.value["platform"];
  const TransformerModel model = load_model(request, run);
  const LlmSpec spec = spec_from(run, model);
  const LlmParallel& par = spec.parallel;
  const std::uint32_t chips_needed = par.tp * par.pp;
  const std::uint32_t system_chips =
      platform.contains("system") ? platform["system"].value("chips", 1u) : 1u;
  if (chips_needed > system_chips)
    throw InputError(run.sources.diagnose(
        "/scenario/parallel", fmt::format("tp · pp within the platform's {} chip(s)", system_chips),
        fmt::format("tp {} · pp {} = {} chips", par.tp, par.pp, chips_needed)));
  std::vector<SystemVariant> variants;
  if (chips_needed > 1) variants = system_variants(run);

  const bool cycle = scenario.value("memory_model", "stream") == "cycle";
  const ChipParams chip = cycle ? result.chip : with_streaming_memory(result.chip);
  // Weights and the longest case's KV cache must fit in the chip's memory.
  const std::uint64_t longest = *std::max_element(spec.contexts.begin(), spec.contexts.end());
  const std::uint64_t weight_bytes = chip_weight_bytes(model, spec);
  const std::uint64_t kv_bytes_longest = chip_kv_bytes(model, spec, longest);
  if (const std::uint64_t capacity = memory_capacity_bytes(result.chip);
      capacity && weight_bytes + kv_bytes_longest > capacity) {
    throw InputError(run.sources.diagnose(
        result.chip.has_hbm ? "/platform/chip/hbm" : "/platform/chip/memory/capacity",
        fmt::format("memory that holds one chip's share of {} ({} B of weights + {} B of KV cache "
                    "for {} sequences of {} tokens): more stacks, more chips (tp, pp) or a "
                    "smaller cache",
                    model.name, weight_bytes, kv_bytes_longest, spec.batch, longest),
        fmt::format("{} B", capacity)));
  }

  // The cases and their distinct ops.
  const std::uint64_t micro_batch = spec.batch / par.micro_batches;
  const std::uint64_t S = spec.phase == LlmPhase::kPrefill ? spec.prompt : 1;
  std::vector<LlmCase> cases;
  for (std::uint64_t C : spec.contexts) {
    LlmCase c;
    c.context = C;
    c.spec = spec;
    c.label = fmt::format("{} KV, context {}", spec.kv.label(), C);
    cases.push_back(c);
    if (spec.kv.compressed()) {
      c.spec.kv = plain_kv_format("bf16");
      c.baseline = true;
      c.label = fmt::format("bf16 KV, context {}", C);
      cases.push_back(c);
    }
  }
  std::vector<OpRun> ops;
  std::map<std::string, std::size_t> index_of;
  const auto intern = [&](const LlmOp& op) {
    const std::string key = op.key();
    const auto found = index_of.find(key);
    if (found != index_of.end()) return found->second;
    index_of[key] = ops.size();
    ops.push_back({op, {}, nullptr, 0, json::object()});
    return ops.size() - 1;
  };
  for (LlmCase& c : cases) {
    const std::uint64_t layers_lowered = spec.all_layers ? model.layers / par.pp : 1;
    for (std::uint64_t l = 0; l < layers_lowered; ++l)
      for (const LlmOp& op : layer_ops(model, c.spec, micro_batch, S, c.context)) {
        LlmOp named = op;
        if (spec.all_layers) named.name = fmt::format("layer{}.{}", l, op.name);
        named.gemm.name = named.vector.name = named.name;
        c.layer_ops.push_back(intern(named));
        c.layer_names.push_back(op.name);
      }
    for (const LlmOp& op : head_ops(model, c.spec, micro_batch)) c.head_ops.push_back(intern(op));
  }

  // Every distinct op is its own chip. SystemC's coroutine stacks (memory mappings each, against
  // the kernel's 65,530 per process) bound the tiles one elaboration holds: ops beyond
  // `tiles_per_process` run in child processes (`lumen llm-ops`), a batch each.
  const std::size_t per_process = std::max<std::size_t>(
      1, scenario.value("tiles_per_process", kMaxLlmTileInstances) / chip.tiles());
  const bool child = request.llm_ops_count > 0;
  const std::size_t first = child ? request.llm_ops_first : 0;
  const std::size_t last =
      std::min(ops.size(), child ? first + request.llm_ops_count : per_process);
  result.workload.kind = "llm";
  result.inputs = run_inputs(request, run);
  const auto wall_start = std::chrono::steady_clock::now();
  std::size_t child_batches = 0;
  const unsigned child_jobs = request.jobs ? request.jobs : cores();
  if (!child && last < ops.size())
    child_batches = run_op_batches(request, ops, last, per_process, child_jobs);
  for (std::size_t i = first; i < last; ++i) {
    OpRun& r = ops[i];
    r.workload = lower_llm_op(r.op, chip, run.sources);
    const std::string name = fmt::format("op{}", i);
    r.chip = std::make_unique<Chip>(name.c_str(), chip, nullptr);
    for (std::size_t t = 0; t < r.chip->tile_count(); ++t)
      r.chip->tile(t).load(r.workload.programs[t], r.workload.peak_scratchpad_bytes[t]);
  }
  if (child) variants.clear();  // the parent runs the fabric
  // The fabric: per variant, a TP group's all-reduce of one micro-batch's activations (twice
  // per layer, timed as two back to back) and a pipeline stage's send to the next.
  const std::uint64_t activation_bytes =
      dtype_bytes(spec.activation_dtype, micro_batch * S * model.hidden);
  std::vector<std::unique_ptr<System>> tp_systems, pp_systems;
  CollectiveSpec all_reduce;
  all_reduce.op = Collective::kAllReduce;
  all_reduce.algorithm = CollectiveAlgorithm::kRing;
  all_reduce.bytes = std::max<std::uint64_t>(activation_bytes, par.tp);
  all_reduce.iterations = 2;
  all_reduce.dtype = spec.activation_dtype;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    if (par.tp > 1) {
      SystemParams group = variants[v].params;
      if (group.fabric.chips != par.tp) {
        if (group.fabric.topology == FabricTopology::kTorus)
          throw InputError(run.sources.diagnose(
              "/scenario/parallel/tp", "tp equal to the torus's chips (a TP group is a torus)",
              std::to_string(par.tp)));
        group.fabric.chips = par.tp;
        group.fabric.faults.clear();
      }
      group.fabric.reduce_Bps = chip_reduce_Bps(group.chip, spec.activation_dtype);
      tp_systems.push_back(
          std::make_unique<System>(fmt::format("tp{}", v).c_str(), group, nullptr));
      tp_systems.back()->load(lower_collective(all_reduce, par.tp));
    }
    if (par.pp > 1) {
      const SystemParams& whole = variants[v].params;
      std::vector<FabricProgram> programs(whole.fabric.chips);
      FabricCommand send;
      send.op = FabricOp::kSend;
      send.peer = par.tp;
      send.bytes = activation_bytes;
      send.label = "activations to the next stage";
      programs[0].add(send);
      FabricCommand recv;
      recv.op = FabricOp::kRecv;
      recv.peer = 0;
      recv.label = "activations from the previous stage";
      programs[par.tp].add(recv);
      pp_systems.push_back(
          std::make_unique<System>(fmt::format("pp{}", v).c_str(), whole, nullptr));
      pp_systems.back()->load(programs);
    }
  }

  SimulationLimits limits = request.limits;  // the children have used part of the wall time
  if (limits.max_wall_time_s > 0)
    limits.max_wall_time_s = std::max(
        1e-3,
        limits.max_wall_time_s -
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count());
  const SimulationOutcome outcome = simulate(limits);
  result.complete = outcome.complete;
  result.stopped_because = outcome.stopped_because;
  if (outcome.complete) {
    for (auto* list : {&tp_systems, &pp_systems})
      for (const auto& system : *list)
        if (!system->finished() || !system->fabric().fault().empty()) {
          result.stuck = SimulationStuck(system->fabric().fault().empty()
                                             ? "the fabric stopped with messages left"
                                             : system->fabric().fault(),
                                         system->pending_states())
                             .what();
          return result;
        }
    for (const OpRun& r : ops)
      if (r.chip && !r.chip->finished()) {
        result.stuck = SimulationStuck(r.chip->pending_states()).what();
        return result;
      }
  }
  result.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  result.delta_cycles = sc_core::sc_delta_count();

  // Each op's figures, from its own chip.
  const double memory_Bps = memory_path_Bps(chip);
  const double flops_peak = peak_flops(chip, spec.activation_dtype);
  for (std::size_t i = first; i < last; ++i) {
    OpRun& r = ops[i];
    const std::string prefix = fmt::format("op{}", i);
    r.ns = r.chip->finished_at().to_seconds() * 1e9;
    StatsCollector own;
    r.chip->collect(own, r.ns);
    RunResult op_result;
    op_result.chip = chip;
    op_result.workload = r.workload;
    op_result.components = own;
    op_result.chip_instance = prefix;
    derive_metrics(op_result, r.ns);
    add_energy_and_area(op_result, r.ns);
    r.metrics = op_result.metrics;
    for (const auto& [path, values] : own.components())
      for (const auto& [key, value] : values) result.components.set(path, key, value);
  }
  if (child) {
    json figures = json::array();
    for (std::size_t i = first; i < last; ++i)
      figures.push_back({{"key", ops[i].op.key()}, {"ns", ops[i].ns}, {"metrics", ops[i].metrics}});
    const json batch = {{"complete", result.complete},
                        {"stopped_because", result.stopped_because},
                        {"ops", figures}};
    std::ofstream(request.llm_ops_out) << batch.dump() << "\n";
    return result;
  }
  if (child_batches) read_op_batches(request, ops, last, per_process, child_batches, result);
  const auto op_bytes = [&](const OpRun& r) {
    return r.metrics.value("memory_read_bytes", 0.0) + r.metrics.value("memory_write_bytes", 0.0);
  };
  const auto op_energy = [&](const OpRun& r) { return r.metrics.value("energy_pJ", 0.0); };

  // The fabric's figures per variant.
  json fabrics = json::array();
  for (std::size_t v = 0; v < variants.size(); ++v) {
    double ar_ns = 0, ar_pJ = 0, p2p_ns = 0, p2p_pJ = 0, busiest_pct = 0;
    if (par.tp > 1) {
      const System& s = *tp_systems[v];
      ar_ns = s.finished_s() * 1e9 / all_reduce.iterations;
      // The busiest link's share of the all-reduce.
      StatsCollector fabric_stats;
      s.collect(fabric_stats, s.finished_s() * 1e9);
      const std::string links = std::string(s.name()) + ".fabric.link.";
      for (const auto& [path, values] : fabric_stats.components())
        if (path.rfind(links, 0) == 0) busiest_pct = std::max(busiest_pct, values.at("busy_pct"));
      ar_pJ = (s.fabric().dynamic_energy_J() + s.fabric().static_W() * s.finished_s()) * 1e12 /
              all_reduce.iterations;
    }
    if (par.pp > 1) {
      const System& s = *pp_systems[v];
      p2p_ns = s.finished_s() * 1e9;
      p2p_pJ = s.fabric().dynamic_energy_J() * 1e12;
    }
    fabrics.push_back({{"name", variants[v].label},
                       {"link", variants[v].params.link_name},
                       {"topology", topology_name(variants[v].params.fabric.topology)},
                       {"all_reduce_bytes", par.tp > 1 ? all_reduce.bytes : 0},
                       {"all_reduce_ns", ar_ns},
                       {"all_reduce_pJ", ar_pJ},
                       {"all_reduce_link_util_max_pct", busiest_pct},
                       {"stage_send_ns", p2p_ns},
                       {"stage_send_pJ", p2p_pJ}});
  }
  if (fabrics.empty())
    fabrics.push_back({{"name", "single chip"},
                       {"all_reduce_ns", 0.0},
                       {"all_reduce_pJ", 0.0},
                       {"stage_send_ns", 0.0},
                       {"stage_send_pJ", 0.0}});

  // Compose every case on every fabric.
  const double layers_per_stage = static_cast<double>((model.layers + par.pp - 1) / par.pp);
  const double layer_repeat = spec.all_layers ? 1.0 : layers_per_stage;
  const double tokens_per_step =
      static_cast<double>(spec.batch) * (spec.phase == LlmPhase::kPrefill ? spec.prompt : 1);
  json case_list = json::array();
  for (const LlmCase& c : cases) {
    double layer_ns = 0, layer_pJ = 0, layer_bytes = 0, layer_macs = 0, head_ns = 0, head_pJ = 0,
           head_bytes = 0, head_macs = 0, weight_read = 0, kv_read = 0;
    json op_rows = json::array();
    for (std::size_t k = 0; k < c.layer_ops.size(); ++k) {
      const OpRun& r = ops[c.layer_ops[k]];
      layer_ns += r.ns;
      layer_pJ += op_energy(r);
      layer_bytes += op_bytes(r);
      layer_macs += static_cast<double>(r.op.macs);
      weight_read += static_cast<double>(r.op.weight_bytes);
      kv_read += static_cast<double>(r.op.kv_bytes);
    }
    for (std::size_t idx : c.head_ops) {
      const OpRun& r = ops[idx];
      head_ns += r.ns;
      head_pJ += op_energy(r);
      head_bytes += op_bytes(r);
      head_macs += static_cast<double>(r.op.macs);
      weight_read += static_cast<double>(r.op.weight_bytes) / layer_repeat;
    }
    // Per-op rows (one layer; with all_layers every layer's).
    for (std::size_t k = 0; k < c.layer_ops.size() + c.head_ops.size(); ++k) {
      const bool head = k >= c.layer_ops.size();
      const OpRun& r = ops[head ? c.head_ops[k - c.layer_ops.size()] : c.layer_ops[k]];
      const double count = head ? 1.0 : layer_repeat;
      op_rows.push_back(
          {{"op", head ? r.op.name : c.layer_names[k]},
           {"kind", r.op.is_gemm ? "gemm" : kernel_name(r.op.vector.kernel)},
           {"shape",
            r.op.is_gemm
                ? fmt::format("{}x{}x{}{}", r.op.gemm.shape.m, r.op.gemm.shape.n, r.op.gemm.shape.k,
                              r.op.gemm.batch > 1 ? fmt::format(" ×{}", r.op.gemm.batch) : "")
                : fmt::format("{}x{}", r.op.vector.rows, r.op.vector.cols)},
           {"time_ns", r.ns},
           {"count", count},
           {"step_ns", r.ns * count},
           {"bytes", op_bytes(r)},
           {"macs", r.op.macs},
           {"energy_pJ", op_energy(r)},
           {"bound", op_bound(r.metrics)}});
    }
    json per_fabric = json::array();
    for (const json& f : fabrics) {
      const double comm_ns = par.tp > 1 ? 2 * f["all_reduce_ns"].get<double>() : 0.0;
      const double stage_ns =
          layer_repeat * (layer_ns + comm_ns) + f["stage_send_ns"].get<double>();
      const double last_stage_ns = stage_ns + head_ns;
      const double m = par.micro_batches, p = par.pp;
      double step_ns = 0;
      if (spec.phase == LlmPhase::kDecode)
        step_ns = std::max(m, p) * last_stage_ns;
      else
        step_ns = (m + p - 1) * last_stage_ns;
      // Energy of one step over all chips: every micro-batch through every stage, each stage
      // on tp chips, plus the fabric's all-reduces and sends.
      const double comm_pJ = par.tp > 1 ? 2 * f["all_reduce_pJ"].get<double>() : 0.0;
      const double step_pJ =
          m * (p * par.tp * layer_repeat * layer_pJ + par.tp * head_pJ +
               p * layer_repeat * comm_pJ + (p - 1) * f["stage_send_pJ"].get<double>());
      per_fabric.push_back(
          {{"fabric", f["name"]},
           {"step_ns", step_ns},
           {"stage_ns", last_stage_ns},
           {"communication_ns", layer_repeat * comm_ns * p},
           {"communication_share_pct",
            step_ns > 0 ? 100 * layer_repeat * comm_ns * std::max(m, p) / step_ns : 0.0},
           {"tokens_per_s", tokens_per_step / step_ns * 1e9},
           {"energy_per_token_pJ", step_pJ / tokens_per_step}});
    }
    // The roofline of the chip's part of one step: the weights and KV cache it reads over the
    // memory path, against its FLOPs at the matrix engines' peak.
    const double roof_bytes = weight_read * layer_repeat + kv_read * layer_repeat;
    const double roof_flops = 2 * (layer_macs * layer_repeat + head_macs) * par.micro_batches;
    const double roofline_ns =
        std::max(roof_bytes * par.micro_batches / memory_Bps, roof_flops / flops_peak) * 1e9;
    const double chip_ns = par.micro_batches * (layer_repeat * layer_ns + head_ns);
    double decompression_ns = 0;
    for (std::size_t k = 0; k < c.layer_ops.size(); ++k)
      if (ops[c.layer_ops[k]].op.part == LlmOpPart::kKvCache)
        decompression_ns += ops[c.layer_ops[k]].ns * layer_repeat;
    case_list.push_back(
        {{"label", c.label},
         {"context", c.context},
         {"kv_cache", c.spec.kv.label()},
         {"kv_stored_bits", c.spec.kv.stored_bits()},
         {"baseline", c.baseline},
         {"layer_ns", layer_ns},
         {"head_ns", head_ns},
         {"chip_ns", chip_ns},
         {"roofline_ns", roofline_ns},
         {"roofline_error_pct", 100 * (chip_ns - roofline_ns) / roofline_ns},
         {"roofline_bound", roof_bytes * par.micro_batches / memory_Bps >= roof_flops / flops_peak
                                ? "memory"
                                : "compute"},
         {"layer_bytes", layer_bytes},
         {"head_bytes", head_bytes},
         {"step_bytes", par.micro_batches * (layer_bytes * layer_repeat + head_bytes)},
         {"layer_macs", layer_macs},
         {"head_macs", head_macs},
         {"step_flops", roof_flops},
         {"layer_energy_pJ", layer_pJ},
         {"head_energy_pJ", head_pJ},
         {"weight_read_bytes", weight_read * layer_repeat},
         {"kv_read_bytes", kv_read * layer_repeat},
         {"kv_bytes", chip_kv_bytes(model, c.spec, c.context)},
         {"decompression_ns", decompression_ns},
         {"ops", op_rows},
         {"fabrics", per_fabric}});
  }

  const ParameterCount params = count_parameters(model);
  result.series["llm"] = {
      {"model", model.name},
      {"model_source", model.source},
      {"parameters", params.total()},
      {"phase", spec.phase == LlmPhase::kDecode ? "decode" : "prefill"},
      {"batch", spec.batch},
      {"prompt", spec.prompt},
      {"tp", par.tp},
      {"pp", par.pp},
      {"micro_batches", par.micro_batches},
      {"memory_model", cycle ? "cycle" : "stream"},
      {"memory_path_GBps", memory_Bps / 1e9},
      {"peak_tflops", flops_peak / 1e12},
      {"layers", model.layers},
      {"layers_simulated", spec.all_layers ? model.layers / par.pp : 1},
      {"distinct_ops", ops.size()},
      {"child_processes", child_batches},
      {"child_processes_at_once", std::min<std::size_t>(child_jobs, child_batches)},
      {"fabrics", fabrics},
      {"cases", case_list}};
  if (scenario.contains("published")) result.series["llm"]["published"] = scenario["published"];
  derive_llm_metrics(result, spec.phase == LlmPhase::kDecode);
  result.metrics["weight_bytes"] = weight_bytes;
  result.metrics["model_weight_bytes"] = dtype_bytes(spec.weight_dtype, params.total());
  return result;
}

}  // namespace lumen
