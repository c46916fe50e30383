#include "platforms/noc_layout.h"

#include "core/units.h"
#include "platforms/instance_names.h"

namespace lumen {

using json = nlohmann::json;

NocParams noc_params_from(const json& noc, const ChipParams& chip) {
  NocParams p;
  p.topology = noc.at("topology").get<std::string>() == "crossbar" ? NocTopology::kCrossbar
                                                                   : NocTopology::kMesh;
  p.rows = chip.tile_rows;
  p.cols = chip.tile_cols;
  p.clock_hz = noc.contains("clock")
                   ? parse_quantity(noc["clock"].get<std::string>(), Dimension::kFrequency)
                   : chip.clock_hz;
  if (noc.contains("link_width"))
    p.flit_bytes = static_cast<std::uint32_t>(
        parse_quantity(noc["link_width"].get<std::string>(), Dimension::kDataSize));
  p.router_latency = noc.value("router_latency", p.router_latency);
  p.link_latency = noc.value("link_latency", p.link_latency);
  p.ni_latency = noc.value("ni_latency", p.ni_latency);
  p.credit_latency = noc.value("credit_latency", p.credit_latency);
  p.vcs = noc.value("vcs", p.vcs);
  p.buffer_flits = noc.value("buffer_flits", p.buffer_flits);
  p.header_flits = noc.value("header_flits", p.header_flits);
  p.granularity = noc.value("granularity", "flit") == "packet" ? NocGranularity::kPacket
                                                               : NocGranularity::kFlit;
  p.target_outstanding = noc.value("target_outstanding", p.target_outstanding);
  return p;
}

NocLayout noc_layout(const ChipParams& chip) {
  NocLayout layout;
  const bool mesh = chip.noc.topology == NocTopology::kMesh;
  const std::uint32_t tiles = chip.tiles();
  for (std::uint32_t t = 0; t < tiles; ++t) {
    layout.terminal_router.push_back(mesh ? t : 0);
    layout.terminal_names.push_back(tile_instance(t));
  }
  const std::uint32_t rows = chip.tile_rows, cols = chip.tile_cols;
  const auto edge_router = [&](bool east, std::uint32_t index, std::uint32_t count) {
    if (!mesh) return 0u;
    const std::uint32_t row =
        static_cast<std::uint32_t>((static_cast<std::uint64_t>(index) * rows + rows / 2) /
                                   std::max(1u, count)) %
        rows;
    return row * cols + (east ? cols - 1 : 0);
  };
  if (!chip.has_hbm) {
    layout.memory_ports = 1;
    layout.terminal_router.push_back(0);  // west end of row 0
    layout.terminal_names.push_back(std::string(kMemoryInstance) + ".port0");
    layout.targets = {4096, {tiles}};
    return layout;
  }
  const std::uint32_t stacks = chip.hbm.stacks, per_stack = chip.memory_ports_per_stack;
  layout.memory_ports = stacks * per_stack;
  const std::uint32_t west_stacks = (stacks + 1) / 2, east_stacks = stacks / 2;
  for (std::uint32_t j = 0; j < layout.memory_ports; ++j) {
    const std::uint32_t stack = j / per_stack;
    const bool east = stack % 2 == 1;
    const std::uint32_t on_side = (east ? east_stacks : west_stacks) * per_stack;
    const std::uint32_t index = (stack / 2) * per_stack + j % per_stack;
    layout.terminal_router.push_back(edge_router(east, index, on_side));
    layout.terminal_names.push_back(std::string(kMemoryInstance) + ".port" + std::to_string(j));
  }
  const std::uint32_t channels = chip.hbm.used_channels();
  const std::uint32_t per_port = channels / layout.memory_ports;
  layout.targets.granule_bytes = chip.hbm.interleave_bytes ? chip.hbm.interleave_bytes : 32;
  for (std::uint32_t c = 0; c < channels; ++c)
    layout.targets.way_terminal.push_back(tiles + c / per_port);
  return layout;
}

std::vector<Diagnostic> check_noc(const json& platform, const SourceMap& sources) {
  std::vector<Diagnostic> problems;
  const json& chip = platform.at("chip");
  if (!chip.contains("noc")) return problems;
  const json& noc = chip["noc"];
  if (chip.contains("hbm")) {
    const ChipParams params = chip_params_from(platform);
    const std::uint32_t ports = params.hbm.stacks * params.memory_ports_per_stack;
    const std::uint32_t channels = params.hbm.used_channels();
    if (channels % ports != 0)
      problems.push_back(sources.diagnose(
          "/platform/chip/noc/memory_ports_per_stack",
          "a port count that divides the " + std::to_string(channels) + " HBM channels",
          std::to_string(ports) + " ports"));
    if (params.hbm.mapping.find("ch") != std::string::npos)
      problems.push_back(sources.diagnose(
          "/platform/chip/hbm/mapping",
          "a mapping without \"ch\" with a NoC (the network routes by channel interleave granule)",
          "\"" + params.hbm.mapping + "\""));
  }
  {
    // A router has 4 mesh ports and one per terminal on it, at most 64 in all.
    const ChipParams params = chip_params_from(platform);
    if (problems.empty()) {
      const NocLayout layout = noc_layout(params);
      std::vector<std::uint32_t> on_router(params.noc.routers(), 0);
      std::uint32_t most = 0;
      for (std::uint32_t router : layout.terminal_router)
        most = std::max(most, ++on_router[router]);
      if (most > kMaxTerminalsPerRouter)
        problems.push_back(sources.diagnose(
            "/platform/chip/noc",
            "at most " + std::to_string(kMaxTerminalsPerRouter) +
                " tiles and memory ports on one router (a crossbar is one router; a mesh puts "
                "the memory ports on its edge routers)",
            std::to_string(most) + " on one router"));
    }
  }
  if (noc.value("granularity", "flit") == "packet") {
    const ChipParams params = chip_params_from(platform);
    // The largest piece a burst is cut into: consecutive granules served by the same port
    // travel as one packet (NocTargetMap::run_end), up to the whole burst.
    std::uint64_t piece = params.tile.dma.burst_bytes;
    if (params.has_hbm && problems.empty()) {
      const NocTargetMap& map = noc_layout(params).targets;
      const std::size_t ways = map.way_terminal.size();
      std::uint64_t longest = ways;  // one port serves them all: the whole burst
      if (ways > 1) {
        longest = 1;
        for (std::size_t start = 0; start < ways; ++start) {
          std::uint64_t run = 1;
          while (run < ways && map.way_terminal[(start + run) % ways] == map.way_terminal[start])
            ++run;
          longest = std::max(longest, run);
        }
        piece = std::min(piece, longest * map.granule_bytes);
      }
    }
    const std::uint32_t flits = params.noc.packet_flits(piece);
    if (params.noc.buffer_flits < flits)
      problems.push_back(sources.diagnose("/platform/chip/noc/buffer_flits",
                                          "at least " + std::to_string(flits) +
                                              " flits with packet granularity (a whole packet of " +
                                              std::to_string(piece) + " bytes must fit)",
                                          std::to_string(params.noc.buffer_flits)));
  }
  return problems;
}

}  // namespace lumen
