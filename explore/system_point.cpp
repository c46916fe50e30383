#include "explore/system_point.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include <fmt/format.h>

#include <systemc>

#include "core/units.h"
#include "explore/system_variants.h"
#include "models/compute/vector_ops.h"
#include "platforms/system.h"
#include "workloads/collective_equations.h"
#include "workloads/pingpong_lowering.h"
#include "workloads/pong.h"

namespace lumen {

using json = nlohmann::json;

namespace {

double size_of(const json& node) {
  return parse_quantity(node.get<std::string>(), Dimension::kDataSize);
}

// What a scenario kind lowers into, per system, and reads back after the run.
struct Lowered {
  std::vector<FabricProgram> programs;
  PingPongMarks pingpong;
  PongPlan pong;
};

CollectiveSpec collective_spec(const ConfigDocument& run, std::uint32_t chips) {
  const json& s = run.value["scenario"];
  CollectiveSpec spec;
  spec.op = *collective_from_name(s.at("op").get<std::string>());
  const char* fallback = spec.op == Collective::kAllToAll    ? "direct"
                         : spec.op == Collective::kBroadcast ? "tree"
                                                             : "ring";
  const std::string algorithm = s.value("algorithm", fallback);
  spec.algorithm = *algorithm_from_name(algorithm);
  if (!algorithm_supports(spec.op, spec.algorithm, chips))
    throw InputError(run.sources.diagnose(
        "/scenario/algorithm",
        fmt::format("an algorithm for {} on {} chips (ring, bidirectional_ring, tree or "
                    "halving_doubling for all_reduce; ring, bidirectional_ring or "
                    "halving_doubling for reduce_scatter and all_gather; "
                    "direct for all_to_all; tree or ring for broadcast; halving_doubling needs "
                    "a power of two)",
                    collective_name(spec.op), chips),
        "\"" + algorithm + "\""));
  spec.bytes = static_cast<std::uint64_t>(size_of(s.at("bytes")));
  if (spec.bytes < chips)
    throw InputError(run.sources.diagnose("/scenario/bytes",
                                          fmt::format("at least one byte per chip ({} B)", chips),
                                          s["bytes"].get<std::string>()));
  spec.chunks = s.value("chunks", 1u);
  spec.root = s.value("root", 0u);
  if (spec.root >= chips)
    throw InputError(run.sources.diagnose("/scenario/root",
                                          fmt::format("a chip of the system (0 to {})", chips - 1),
                                          std::to_string(spec.root)));
  spec.iterations = s.value("iterations", 1u);
  spec.dtype = *dtype_from_name(s.value("dtype", "bf16"));
  return spec;
}

PingPongSpec pingpong_spec(const ConfigDocument& run, std::uint32_t chips) {
  const json& s = run.value["scenario"];
  PingPongSpec spec;
  if (s.contains("sizes"))
    for (const auto& size : s["sizes"])
      spec.sizes.push_back(static_cast<std::uint64_t>(size_of(size)));
  else
    for (std::uint64_t size = 8; size <= (64u << 20); size *= 4) spec.sizes.push_back(size);
  spec.iterations = s.value("iterations", 4u);
  spec.peer = s.value("peer", 1u);
  if (spec.peer == 0 || spec.peer >= chips)
    throw InputError(run.sources.diagnose("/scenario/peer",
                                          fmt::format("a chip other than 0 (1 to {})", chips - 1),
                                          std::to_string(spec.peer)));
  return spec;
}

PongSpec pong_spec(const ConfigDocument& run, std::uint32_t chips) {
  const json& s = run.value["scenario"];
  PongSpec spec;
  spec.frames = s.value("frames", spec.frames);
  if (s.contains("court")) {
    spec.width = s["court"].value("width", spec.width);
    spec.height = s["court"].value("height", spec.height);
  }
  spec.state_bytes = s.contains("state") ? static_cast<std::uint64_t>(size_of(s["state"])) : 64;
  spec.seed = s.value("seed", std::uint64_t{1});
  if (spec.width < chips)
    throw InputError(run.sources.diagnose(
        "/scenario/court/width", fmt::format("at least one pixel column per chip ({})", chips),
        std::to_string(spec.width)));
  return spec;
}

// One chip renders its strip: a residual add (sprite over frame buffer) of int8 pixels, the
// strip's rows dealt over the chip's tiles, timed by the vector unit's own cycle equation.
double pong_render_s(const ChipParams& chip, const PongSpec& spec, std::uint32_t chips) {
  const std::uint64_t cols = (spec.width + chips - 1) / chips;
  const std::uint64_t rows = (spec.height + chip.tiles() - 1) / chip.tiles();
  return static_cast<double>(vector_cycles(chip.tile.vector, VectorKernel::kResidualAdd,
                                           DType::kInt8, rows, cols)) /
         chip.clock_hz;
}

// Figures every system run reports: fabric energy and its split, link utilisation.
json fabric_figures(const System& system, const StatsCollector& stats, double total_s) {
  const Fabric& fabric = system.fabric();
  const double dynamic = fabric.dynamic_energy_J(), fixed = fabric.static_W() * total_s;
  double sent = 0;
  for (std::uint32_t i = 0; i < system.chips(); ++i)
    sent += stats.components().at(system.node(i).name()).at("sent_bytes");
  double busiest = 0, retransmitted = 0, retransmission_ns = 0, corrupted_frames = 0;
  double intact = 0, corrupted = 0;
  for (std::uint32_t i = 0; i < system.chips(); ++i) {
    intact += stats.components().at(system.node(i).name()).at("payloads_intact");
    corrupted += stats.components().at(system.node(i).name()).at("payloads_corrupted");
  }
  std::string busiest_link;
  const std::string prefix = std::string(system.name()) + ".fabric.link.";
  for (const auto& [path, values] : stats.components())
    if (path.rfind(prefix, 0) == 0) {
      retransmitted += values.at("retransmitted_frames");
      retransmission_ns += values.at("retransmission_ns");
      corrupted_frames += values.at("corrupted_frames");
      if (values.at("busy_pct") > busiest) {
        busiest = values.at("busy_pct");
        busiest_link = path.substr(prefix.size());
      }
    }
  const LinkParams& link = system.params().fabric.link;
  return {{"link", system.params().link_name},
          {"link_kind", link.kind == LinkKind::kOptical ? "optical" : "electrical"},
          {"topology", topology_name(system.params().fabric.topology)},
          {"chips", system.chips()},
          {"chip_io_GBps", link.raw_Bps() / 1e9},
          {"link_ber", link.ber},
          {"fabric_bytes", sent},
          {"fabric_energy_pJ", (dynamic + fixed) * 1e12},
          {"fabric_dynamic_pJ", dynamic * 1e12},
          {"fabric_static_pJ", fixed * 1e12},
          {"fabric_static_W", fabric.static_W()},
          {"laser_static_share_pct", dynamic + fixed > 0 ? 100 * fixed / (dynamic + fixed) : 0.0},
          {"fabric_energy_per_bit_pJ", sent > 0 ? (dynamic + fixed) * 1e12 / (8 * sent) : 0.0},
          {"fabric_link_util_max_pct", busiest},
          {"busiest_link", busiest_link},
          {"ocs_reconfigurations", fabric.reconfigurations()},
          {"fabric_rerouted_messages", fabric.rerouted_messages()},
          {"fabric_retransmitted_frames", retransmitted},
          {"fabric_retransmission_ns", retransmission_ns},
          {"fabric_corrupted_frames", corrupted_frames},
          {"fabric_payloads_intact", intact},
          {"fabric_payloads_corrupted", corrupted},
          {"ocs_reconfiguration_ns", fabric.reconfiguration_s() * 1e9}};
}

// Changes of circuits chip 0 needs, in program order (an OCS reconfigures on each).
std::uint64_t circuit_changes(const FabricProgram& program) {
  std::map<std::uint32_t, std::set<std::uint32_t>> by_phase;
  std::vector<std::uint32_t> order;
  for (const FabricCommand& c : program.commands)
    if (c.op == FabricOp::kSend) {
      if (!by_phase.count(c.phase)) order.push_back(c.phase);
      by_phase[c.phase].insert(c.peer);
    }
  std::uint64_t changes = 0;
  std::set<std::uint32_t> current;
  for (std::uint32_t phase : order) {
    if (by_phase[phase] != current) ++changes;
    current = by_phase[phase];
  }
  return changes;
}

json collective_figures(const System& system, const CollectiveSpec& spec,
                        const FabricProgram& chip0, double total_s) {
  const FabricParams& f = system.params().fabric;
  const CollectiveCosts costs = collective_costs(
      f, spec.algorithm, f.topology == FabricTopology::kOcs ? circuit_changes(chip0) : 0);
  const CollectiveEstimate estimate = collective_closed_form(spec, system.chips(), costs);
  const double per_iteration = total_s / spec.iterations;
  const double algbw = static_cast<double>(spec.bytes) / per_iteration;
  return {{"time_ns", total_s * 1e9},
          {"collective_ns", per_iteration * 1e9},
          {"closed_form_ns", estimate.total_s() * 1e9},
          {"closed_form_error_pct",
           estimate.total_s() > 0 ? 100 * (total_s - estimate.total_s()) / estimate.total_s() : 0},
          {"closed_form", estimate.formula},
          {"latency_term_ns", estimate.latency_s * 1e9},
          {"bandwidth_term_ns", estimate.bandwidth_s * 1e9},
          {"reduce_term_ns", estimate.reduce_s * 1e9},
          {"reconfiguration_term_ns", estimate.reconfiguration_s * 1e9},
          {"alpha_ns", costs.alpha_s * 1e9},
          {"hop_GBps", costs.bandwidth_Bps / 1e9},
          {"reduce_GBps", f.reduce_Bps / 1e9},
          {"algorithm_bandwidth_GBps", algbw / 1e9},
          {"bus_bandwidth_GBps", algbw * collective_bus_factor(spec.op, system.chips()) / 1e9}};
}

double reduction_energy_J(const System& system, const ChipParams& chip, DType dtype) {
  if (!chip.energy.present) return 0;
  double bytes = 0;
  for (std::uint32_t i = 0; i < system.chips(); ++i)
    for (const FabricCommand& c : system.node(i).program().commands)
      if (c.op == FabricOp::kReduce) bytes += static_cast<double>(c.bytes);
  const double elements = bytes * 8 / dtype_bits(dtype);
  // Read both operands and write the sum through memory; one vector add per element.
  return elements * chip.energy.vector_op_J[dtype_index(dtype)] +
         3 * bytes * 8 * chip.energy.memory_J_per_bit;
}

json pingpong_figures(const System& system, const PingPongSpec& spec, const PingPongMarks& marks) {
  const FabricNode& a = system.node(0);
  const MessageCost message = message_cost(system.params().fabric, 0, spec.peer);
  json curve = json::array();
  for (std::size_t z = 0; z < spec.sizes.size(); ++z) {
    const double round_trips =
        a.completed_at()[marks.last_recv[z]] - a.started_at()[marks.first_send[z]];
    const double one_way = round_trips / (2.0 * spec.iterations);
    curve.push_back({{"bytes", spec.sizes[z]},
                     {"latency_ns", one_way * 1e9},
                     {"bandwidth_GBps", static_cast<double>(spec.sizes[z]) / one_way / 1e9},
                     {"closed_form_ns", message.time_s(spec.sizes[z]) * 1e9}});
  }
  return {{"curve", curve},
          {"hops", message.hops},
          {"alpha_ns", message.alpha_s * 1e9},
          {"hop_GBps", message.bandwidth_Bps / 1e9},
          {"n_half_bytes", message.alpha_s * message.bandwidth_Bps},
          {"pingpong_latency_ns", curve.front()["latency_ns"]},
          {"pingpong_bandwidth_GBps", curve.back()["bandwidth_GBps"]}};
}

json pong_figures(const System& system, const PongSpec& spec, const PongPlan& plan,
                  double render_s) {
  std::vector<double> frame_ns;
  double previous_end = 0;
  for (std::uint32_t f = 0; f < spec.frames; ++f) {
    double end = 0;
    for (std::uint32_t i = 0; i < system.chips(); ++i)
      for (std::uint32_t id : plan.frame_last[f][i])
        end = std::max(end, system.node(i).completed_at()[id]);
    frame_ns.push_back((end - previous_end) * 1e9);
    previous_end = end;
  }
  double total_ns = 0;
  for (double t : frame_ns) total_ns += t;
  const double frame = total_ns / spec.frames;
  // One frame's timeline (the middle one), relative to its start.
  const std::uint32_t shown = spec.frames / 2;
  const std::string tag = fmt::format("f{}", shown);
  double start = 1e300;
  for (std::uint32_t i = 0; i < system.chips(); ++i)
    start = std::min(start, system.node(i).started_at()[plan.frame_first[shown][i]]);
  json timeline = json::array();
  for (std::uint32_t i = 0; i < system.chips(); ++i) {
    const FabricNode& node = system.node(i);
    for (const FabricCommand& c : node.program().commands) {
      const auto space = c.label.find(' ');
      if (space == std::string::npos) continue;
      const std::string first = c.label.substr(0, space);
      const std::string rest = c.label.substr(space + 1);
      if (rest.rfind(tag + " ", 0) != 0 && rest != tag) continue;
      // A receive is posted long before its message comes: its wait is not work, so only the
      // work (render, sends, reductions) is drawn.
      if (c.op == FabricOp::kRecv) continue;
      const std::string part = first == "render" ? "compute"
                               : first == "halo" ? "exchange"
                                                 : "sync";
      timeline.push_back({{"chip", i},
                          {"part", part},
                          {"op", fabric_op_name(c.op)},
                          {"start_ns", (node.started_at()[c.id] - start) * 1e9},
                          {"end_ns", (node.completed_at()[c.id] - start) * 1e9}});
    }
  }
  return {{"frame_ns", frame},
          {"frame_rate_hz", frame > 0 ? 1e9 / frame : 0},
          {"render_ns", render_s * 1e9},
          {"communication_share_pct", frame > 0 ? 100 * (1 - render_s * 1e9 / frame) : 0},
          {"frame_times_ns", frame_ns},
          {"timeline_frame", shown},
          {"timeline", timeline}};
}

Bottleneck collective_bottleneck(const json& f) {
  const double sim = f["time_ns"], closed = f["closed_form_ns"];
  if (sim > 1.1 * closed)
    return {"fabric contention",
            fmt::format("the collective took {:.0f}% longer than its contention-free closed form "
                        "({:.0f} ns): messages share links; the busiest, {}, was busy {:.1f}%",
                        100 * (sim - closed) / closed, closed, f["busiest_link"].get<std::string>(),
                        f["fabric_link_util_max_pct"].get<double>())};
  const std::vector<std::pair<std::string, std::string>> terms = {
      {"fabric bandwidth", "bandwidth_term_ns"},
      {"fabric latency", "latency_term_ns"},
      {"reduction on the chips", "reduce_term_ns"},
      {"OCS reconfiguration", "reconfiguration_term_ns"}};
  std::size_t best = 0;
  for (std::size_t i = 1; i < terms.size(); ++i)
    if (f[terms[i].second].get<double>() > f[terms[best].second].get<double>()) best = i;
  const double share = 100 * f[terms[best].second].get<double>() / closed;
  const char* why[] = {"each chip's link moves the data at {:.0f} GB/s",
                       "per-message latency α = {:.0f} ns dominates at this size",
                       "the chips reduce received data at {:.0f} GB/s",
                       "the circuit switch retunes between phases"};
  const double figure = best == 0   ? f["hop_GBps"].get<double>()
                        : best == 1 ? f["alpha_ns"].get<double>()
                                    : f["reduce_GBps"].get<double>();
  return {terms[best].first, fmt::format("{:.0f}% of the closed form; ", share) +
                                 fmt::format(fmt::runtime(why[best]), figure)};
}

}  // namespace

bool is_system_kind(const std::string& kind) {
  return kind == "collective" || kind == "pingpong" || kind == "pong";
}

RunResult run_system_point(const RunRequest& request, const ConfigDocument& run, RunResult result) {
  const json& scenario = run.value["scenario"];
  const std::string kind = scenario.at("kind").get<std::string>();
  const std::vector<SystemVariant> variants = system_variants(run);
  const std::uint32_t chips = variants.front().params.fabric.chips;
  const bool functional = result.chip.functional;
  result.chip = variants.front().params.chip;
  result.chip.functional = functional;
  result.workload.kind = kind;
  result.inputs = run_inputs(request, run);

  CollectiveSpec collective;
  PingPongSpec pingpong;
  PongSpec pong;
  PongGame game;
  double render_s = 0;
  if (kind == "collective") collective = collective_spec(run, chips);
  if (kind == "pingpong") pingpong = pingpong_spec(run, chips);
  if (kind == "pong") {
    pong = pong_spec(run, chips);
    game = play_pong(pong, chips);
    render_s = pong_render_s(result.chip, pong, chips);
  }

  const auto wall_start = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<System>> systems;
  std::vector<Lowered> lowered(variants.size());
  for (std::size_t v = 0; v < variants.size(); ++v) {
    SystemParams params = variants[v].params;
    params.fabric.functional = result.chip.functional;
    if (kind == "collective")
      params.fabric.reduce_Bps = chip_reduce_Bps(params.chip, collective.dtype);
    const std::string name = v == 0 ? "system" : fmt::format("compare{}", v);
    systems.push_back(std::make_unique<System>(name.c_str(), params,
                                               v == 0 && request.trace ? &result.trace : nullptr));
    Lowered& l = lowered[v];
    if (kind == "collective") l.programs = lower_collective(collective, chips);
    if (kind == "pingpong") l.programs = lower_pingpong(pingpong, chips, l.pingpong);
    if (kind == "pong") {
      l.pong = lower_pong(pong, chips, render_s);
      l.programs = l.pong.programs;
    }
    try {
      systems.back()->load(l.programs);
    } catch (const std::invalid_argument& e) {
      throw InputError(run.sources.diagnose(
          "/scenario", "a scenario the fabric's circuits can carry (" + variants[v].label + ")",
          e.what()));
    }
  }
  const SimulationOutcome outcome = simulate(request.limits);
  result.complete = outcome.complete;
  result.stopped_because = outcome.stopped_because;
  for (std::size_t v = 0; v < systems.size(); ++v) {
    if (!systems[v]->fabric().fault().empty()) {
      result.stuck = SimulationStuck(fmt::format("{}: {}; work left:", variants[v].label,
                                                 systems[v]->fabric().fault()),
                                     systems[v]->pending_states())
                         .what();
      return result;
    }
    if (outcome.complete && !systems[v]->finished()) {
      result.stuck = SimulationStuck(systems[v]->pending_states()).what();
      return result;
    }
  }
  result.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  result.delta_cycles = sc_core::sc_delta_count();

  json fabrics = json::array();
  for (std::size_t v = 0; v < systems.size(); ++v) {
    const System& system = *systems[v];
    const double total_s =
        outcome.complete ? system.finished_s() : sc_core::sc_time_stamp().to_seconds();
    system.collect(result.components, total_s * 1e9);
    json figures = fabric_figures(system, result.components, total_s);
    figures["name"] = variants[v].label;
    figures["total_ns"] = total_s * 1e9;
    if (outcome.complete) {
      if (kind == "collective") {
        figures.update(collective_figures(system, collective, lowered[v].programs[0], total_s));
        const double reduce_J = reduction_energy_J(system, system.params().chip, collective.dtype);
        figures["reduction_energy_pJ"] = reduce_J * 1e12;
        figures["energy_per_collective_pJ"] =
            (figures["fabric_energy_pJ"].get<double>() + reduce_J * 1e12) / collective.iterations;
      }
      if (kind == "pingpong")
        figures.update(pingpong_figures(system, pingpong, lowered[v].pingpong));
      if (kind == "pong") figures.update(pong_figures(system, pong, lowered[v].pong, render_s));
    }
    fabrics.push_back(figures);
  }
  result.series["fabrics"] = fabrics;
  if (kind == "pong") {
    json frames = json::array();
    for (const PongFrame& f : game.frames)
      frames.push_back({{"x", f.ball_x}, {"y", f.ball_y}, {"owner", f.owner}});
    result.series["pong"] = {{"width", pong.width},
                             {"height", pong.height},
                             {"chips", chips},
                             {"frames", frames},
                             {"paddle_half_height", game.paddle_half_height},
                             {"left_paddle", game.frames.back().left_paddle},
                             {"right_paddle", game.frames.back().right_paddle},
                             {"left_score", game.left_score},
                             {"right_score", game.right_score}};
  }

  // The first system's figures are the run's metrics (numbers only).
  const json& main = fabrics.front();
  for (const auto& [key, value] : main.items())
    if (value.is_number()) result.metrics[key] = value;
  result.metrics["total_ns"] = main["total_ns"];
  if (!outcome.complete) {
    result.bottleneck = {"unknown", "the run was stopped before the scenario finished"};
  } else if (kind == "collective") {
    result.bottleneck = collective_bottleneck(main);
  } else if (kind == "pingpong") {
    const double n_half = main["n_half_bytes"];
    result.bottleneck = {
        "fabric latency",
        fmt::format("messages below n½ = α·B = {:.0f} B are latency-bound (α = {:.0f} ns); "
                    "above it they approach the link's {:.0f} GB/s",
                    n_half, main["alpha_ns"].get<double>(), main["hop_GBps"].get<double>())};
  } else {
    const double share = main["communication_share_pct"];
    result.bottleneck =
        share > 50 ? Bottleneck{"fabric latency",
                                fmt::format("{:.0f}% of each frame is halo exchange and barrier, "
                                            "not rendering",
                                            share)}
                   : Bottleneck{"compute", fmt::format("rendering the strips takes {:.0f}% of "
                                                       "each frame",
                                                       100 - share)};
  }
  return result;
}

}  // namespace lumen
