#include "explore/run_point.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include <systemc>

#include "core/hash.h"
#include "core/schema.h"
#include "core/units.h"
#include "explore/energy.h"
#include "explore/functional.h"
#include "explore/llm_point.h"
#include "explore/metrics.h"
#include "explore/noc_point.h"
#include "explore/system_point.h"
#include "models/compute/simd_kernels.h"
#include "platforms/chip.h"
#include "platforms/hbm_params.h"
#include "platforms/instance_names.h"
#include "platforms/memory_testbench.h"
#include "platforms/noc_layout.h"
#include "rtl/systolic/systolic_rtl.h"
#include "workloads/llm/transformer_model.h"
#include "workloads/scenario_lowering.h"

namespace lumen {

using json = nlohmann::json;

namespace {
std::string join_states(const std::vector<std::string>& states,
                        const std::string& headline =
                            "simulation stopped with work left "
                            "(deadlock):") {
  std::string text = headline;
  for (const auto& s : states) text += "\n  " + s;
  return text;
}
// SystemC time is a 64-bit count of its resolution (1 ps), about 213 days. A run whose matrix or
// DMA work alone would pass that is refused before it starts, instead of overflowing.
void check_simulated_time_fits(const Workload& workload, const ChipParams& chip,
                               const SourceMap& sources) {
  const double limit_s = sc_core::sc_max_time().to_seconds();
  const auto& matrix = chip.tile.matrix;
  for (std::size_t t = 0; t < workload.programs.size(); ++t) {
    double cycles = 0, dma_bytes = 0;
    for (const Command& c : workload.programs[t].commands) {
      if (c.op == Opcode::kGemm) cycles += static_cast<double>(matrix_command_cycles(matrix, c));
      if (c.op == Opcode::kVector)
        cycles +=
            static_cast<double>(vector_cycles(chip.tile.vector, c.kernel, c.dtype, c.rows, c.cols));
      dma_bytes += static_cast<double>(c.bytes);
    }
    const double lower_bound_s =
        std::max(cycles / chip.clock_hz, dma_bytes / chip.tile.dma.bandwidth_Bps);
    if (lower_bound_s > limit_s) {
      throw InputError(sources.diagnose(
          "/scenario",
          fmt::format("work that fits in SystemC's simulated-time limit ({:.0f} s)", limit_s),
          fmt::format("tile {} alone needs at least {:.3g} s", t, lower_bound_s)));
    }
  }
}

// Functional mode computes every MAC on the host: bound it so a typo cannot run for hours.
constexpr double kMaxFunctionalMacs = 1u << 28;
constexpr double kMaxFunctionalElements = 1u << 27;

void check_functional_size(const Workload& workload, const SourceMap& sources) {
  // Explicit programs name raw addresses, not tensors: there is nothing to fill or check, and
  // their GEMM operands could point anywhere in the scratchpad.
  if (workload.kind == "program") {
    throw InputError(sources.diagnose(
        "/scenario/mode", "\"timing\" for an explicit program (functional mode needs tensors)",
        "\"functional\""));
  }
  double elements = 0;
  for (const auto& t : workload.tensors) elements += static_cast<double>(t.rows * t.cols);
  const double macs = static_cast<double>(workload.macs);
  if (macs > kMaxFunctionalMacs || elements > kMaxFunctionalElements) {
    throw InputError(sources.diagnose(
        "/scenario/mode",
        fmt::format("a functional run of at most {:.0f} MACs and {:.0f} tensor elements (use "
                    "\"timing\" mode for larger work: it gives the same cycles)",
                    kMaxFunctionalMacs, kMaxFunctionalElements),
        fmt::format("{:.0f} MACs and {:.0f} elements", macs, elements)));
  }
}

// The RTL array exists only in the sizes that were Verilated, computes int8 values, and does
// one MAC per PE per cycle: refuse what it cannot run rather than silently differ.
void check_rtl_supported(const Workload& workload, const ChipParams& chip,
                         const SourceMap& sources) {
  const auto& matrix = chip.tile.matrix;
  if (matrix.impl != MatrixImpl::kRtl) return;
  std::string built;
  bool found = false;
  for (const auto& size : systolic_rtl_sizes()) {
    built +=
        (built.empty() ? "" : ", ") + std::to_string(size.rows) + "x" + std::to_string(size.cols);
    found |= size.rows == matrix.array.rows && size.cols == matrix.array.cols;
  }
  std::vector<Diagnostic> problems;
  if (!found) {
    problems.push_back(sources.diagnose("/platform/chip/tile/matrix/impl",
                                        "an array size with a Verilated RTL model (" + built +
                                            "; add sizes with -DLUMEN_RTL_SYSTOLIC_SIZES)",
                                        "rtl for a " + std::to_string(matrix.array.rows) + "x" +
                                            std::to_string(matrix.array.cols) + " array"));
  }
  for (const auto& program : workload.programs) {
    for (const Command& c : program.commands) {
      if (c.op != Opcode::kGemm) continue;
      const DType mac = mac_dtype(c.dtype, c.weight_dtype);
      if (matrix.rate[dtype_index(mac)] != 1.0) {
        problems.push_back(
            sources.diagnose(std::string("/platform/chip/tile/matrix/rate/") + dtype_name(mac),
                             "1 with impl rtl (the RTL array does one MAC per PE per cycle)",
                             fmt::format("{}", matrix.rate[dtype_index(mac)])));
      }
      const auto int8_like = [](DType t) { return t == DType::kInt8 || t == DType::kInt4; };
      if (chip.functional && !(int8_like(c.dtype) && int8_like(c.weight_dtype))) {
        problems.push_back(sources.diagnose(
            "/scenario/dtype", "int8 or int4 operands for functional mode with impl rtl",
            std::string(dtype_name(c.dtype)) + " x " + dtype_name(c.weight_dtype)));
      }
      if (!problems.empty()) throw InputError({problems.front()});
    }
  }
  if (!problems.empty()) throw InputError(problems);
}

// Every DMA must land inside the HBM: a scenario larger than the configured stacks and channels
// is an input error, not a TLM address error in the middle of the run.
void check_fits_in_hbm(const Workload& workload, const ChipParams& chip, const SourceMap& sources) {
  if (!chip.has_hbm) return;
  std::uint64_t end = 0;
  for (const auto& program : workload.programs)
    for (const Command& c : program.commands)
      if (c.op == Opcode::kDmaLoad || c.op == Opcode::kDmaStore)
        end = std::max(end, c.mem_addr + c.bytes);
  const std::uint64_t capacity = chip.hbm.spec.org.channel_bytes() * chip.hbm.used_channels();
  if (end > capacity) {
    throw InputError({sources.diagnose(
        "/platform/chip/hbm",
        fmt::format("HBM for the scenario's data ({} bytes: more stacks or channels)", end),
        fmt::format("{} bytes in {} channels of {}", capacity, chip.hbm.used_channels(),
                    chip.hbm.spec.standard))});
  }
}

// The Verilated SIMD core (and the timing that mirrors it) runs a few integer kernels on 4 lanes.
void check_vector_rtl_supported(const Workload& workload, const ChipParams& chip,
                                const SourceMap& sources) {
  const VectorParams& vector = chip.tile.vector;
  const bool rtl = vector.impl == VectorImpl::kRtl;
  if (!rtl && vector.timing != VectorTiming::kRtl) return;
  const std::string pointer =
      rtl ? "/platform/chip/tile/vector/impl" : "/platform/chip/tile/vector/timing";
  if (rtl && vector.lanes != kSimdCoreLanes) {
    throw InputError({sources.diagnose("/platform/chip/tile/vector/lanes",
                                       "4 lanes with impl rtl (the Verilated SIMD core)",
                                       std::to_string(vector.lanes))});
  }
  for (const auto& program : workload.programs)
    for (const Command& c : program.commands)
      if (c.op == Opcode::kVector && !simd_core_runs(c.kernel, c.dtype, c.out_dtype))
        throw InputError({sources.diagnose(
            pointer,
            "vector kernels the SIMD core runs: relu or residual_add on int4/int8 with an integer "
            "output (or impl tlm with timing table)",
            fmt::format("{} for {} on {} -> {}", rtl ? "impl rtl" : "timing rtl",
                        kernel_name(c.kernel), dtype_name(c.dtype), dtype_name(c.out_dtype)))});
}

}  // namespace

RunResult run_memory_point(const RunRequest& request, const ConfigDocument& run, RunResult result) {
  const json& scenario = run.value["scenario"];
  TrafficParams traffic;
  traffic.pattern = *traffic_pattern_from_name(scenario.at("pattern").get<std::string>());
  traffic.requests = scenario.at("requests").get<std::uint64_t>();
  traffic.seed = scenario.value("seed", std::uint64_t{1});
  if (scenario.contains("transaction"))
    traffic.transaction_bytes = static_cast<std::uint64_t>(
        parse_quantity(scenario["transaction"].get<std::string>(), Dimension::kDataSize));
  if (traffic.transaction_bytes < 32 || traffic.transaction_bytes > 4096) {
    throw InputError(
        {run.sources.diagnose("/scenario/transaction", "a transaction of 32 B to 4 KiB",
                              scenario["transaction"].get<std::string>())});
  }
  result.workload.kind = "memory";
  result.inputs = run_inputs(request, run);
  const auto wall_start = std::chrono::steady_clock::now();
  MemoryTestbench bench(kChipInstance, result.chip, traffic);
  const SimulationOutcome outcome = simulate(request.limits);
  result.complete = outcome.complete;
  result.stopped_because = outcome.stopped_because;
  if (outcome.complete && !bench.finished())
    throw SimulationStuck({"chip0.traffic: requests still outstanding"});
  const double total_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
  result.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  result.delta_cycles = sc_core::sc_delta_count();
  bench.collect(result.components, total_ns);
  derive_memory_metrics(result, total_ns);
  return result;
}

nlohmann::json run_inputs(const RunRequest& request, const ConfigDocument& run) {
  return {
      {"platform", run.value["platform"]},
      {"scenario", run.value["scenario"]},
      {"hash", fnv1a64_hex(run.value.dump())},
      {"files", {{"platform", request.platform.string()}, {"scenario", request.scenario.string()}}},
      {"overrides", request.overrides}};
}

SimulationStuck::SimulationStuck(std::vector<std::string> states)
    : std::runtime_error(join_states(states)), states_(std::move(states)) {}

SimulationStuck::SimulationStuck(const std::string& headline, std::vector<std::string> states)
    : std::runtime_error(join_states(states, headline)), states_(std::move(states)) {}

ConfigDocument load_run_document(const RunRequest& request) {
  // Load both files even when the first is bad, so the user sees every problem at once.
  std::vector<Diagnostic> problems;
  ConfigDocument platform, scenario;
  try {
    platform = load_config_file(request.platform);
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
  }
  try {
    scenario = load_config_file(request.scenario);
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
  }
  if (!problems.empty()) throw InputError(problems);
  ConfigDocument run = compose_run_document(platform, scenario);
  for (const auto& assignment : request.overrides) apply_override(run, assignment);
  problems = platform_schema().validate(run.value["platform"], "/platform", run.sources);
  const auto scenario_problems =
      scenario_schema().validate(run.value["scenario"], "/scenario", run.sources);
  problems.insert(problems.end(), scenario_problems.begin(), scenario_problems.end());
  if (!problems.empty()) throw InputError(problems);
  return run;
}

std::vector<Diagnostic> validate_file(const std::filesystem::path& path) {
  try {
    const ConfigDocument document = load_config_file(path);
    const json& v = document.value;
    const Schema& schema = v.contains("stages")   ? roadmap_schema()
                           : v.contains("axes")   ? sweep_schema()
                           : v.contains("hidden") ? model_schema()
                           : v.contains("kind")   ? scenario_schema()
                                                  : platform_schema();
    auto problems = schema.validate(v, "", document.sources);
    if (problems.empty() && &schema == &model_schema())
      if (const auto problem = check_transformer_model(transformer_model_from(v)))
        problems.push_back(
            document.sources.diagnose(problem->pointer, problem->expected, problem->found));
    return problems;
  } catch (const InputError& e) {
    return e.diagnostics();
  }
}

RunResult run_point(const RunRequest& request) {
  const ConfigDocument run = load_run_document(request);
  if (auto problems = check_hbm(run.value["platform"], run.sources); !problems.empty())
    throw InputError(problems);
  if (auto problems = check_noc(run.value["platform"], run.sources); !problems.empty())
    throw InputError(problems);
  RunResult result;
  result.chip = chip_params_from(run.value["platform"]);
  const json& scenario = run.value["scenario"];
  result.chip.functional = scenario.value("mode", "timing") == "functional";
  if (scenario.at("kind") == "memory") return run_memory_point(request, run, std::move(result));
  if (scenario.at("kind") == "noc") return run_noc_point(request, run, std::move(result));
  if (is_system_kind(scenario.at("kind"))) return run_system_point(request, run, std::move(result));
  if (is_llm_kind(scenario.at("kind"))) return run_llm_point(request, run, std::move(result));
  result.workload = lower_scenario(run.value["scenario"], result.chip, run.sources);
  check_simulated_time_fits(result.workload, result.chip, run.sources);
  if (result.chip.functional) check_functional_size(result.workload, run.sources);
  check_rtl_supported(result.workload, result.chip, run.sources);
  check_vector_rtl_supported(result.workload, result.chip, run.sources);
  check_fits_in_hbm(result.workload, result.chip, run.sources);
  result.inputs = run_inputs(request, run);

  const auto wall_start = std::chrono::steady_clock::now();
  Chip chip(kChipInstance, result.chip, request.trace ? &result.trace : nullptr);
  for (std::size_t t = 0; t < chip.tile_count(); ++t)
    chip.tile(t).load(result.workload.programs[t], result.workload.peak_scratchpad_bytes[t]);
  if (result.chip.functional) {
    result.tensors = make_tensors(result.workload, scenario.value("seed", std::uint64_t{1}));
    place_inputs(result.workload, result.tensors, chip.memory());
  }
  const SimulationOutcome outcome = simulate(request.limits);
  result.complete = outcome.complete;
  result.stopped_because = outcome.stopped_because;
  if (outcome.complete && !chip.finished()) throw SimulationStuck(chip.pending_states());
  if (result.chip.functional && outcome.complete)
    read_outputs(result.workload, result.tensors, chip.memory());
  const double total_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
  result.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  result.delta_cycles = sc_core::sc_delta_count();
  chip.collect(result.components, total_ns);
  derive_metrics(result, total_ns);
  add_energy_and_area(result, total_ns);
  return result;
}

}  // namespace lumen
