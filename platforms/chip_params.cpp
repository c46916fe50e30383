#include "platforms/chip_params.h"

#include "core/units.h"

namespace lumen {
namespace {

using json = nlohmann::json;

double quantity(const json& node, const char* key, Dimension dimension) {
  return parse_quantity(node.at(key).get<std::string>(), dimension);
}

MatrixParams matrix_params(const json& m) {
  MatrixParams p;
  p.array.rows = m.at("rows").get<std::uint32_t>();
  p.array.cols = m.at("cols").get<std::uint32_t>();
  p.dataflow = *dataflow_from_name(m.value("dataflow", "ws"));
  p.dtype = *dtype_from_name(m.value("dtype", "bf16"));
  p.timing = *timing_from_name(m.value("timing", "rtl"));
  return p;
}

ScratchpadParams scratchpad_params(const json& s) {
  ScratchpadParams p;
  p.size_bytes = static_cast<std::uint64_t>(quantity(s, "size", Dimension::kDataSize));
  p.banks = s.value("banks", 8u);
  if (s.contains("bank_width"))
    p.bank_width_bytes =
        static_cast<std::uint32_t>(quantity(s, "bank_width", Dimension::kDataSize));
  return p;
}

DmaParams dma_params(const json& d) {
  DmaParams p;
  p.burst_bytes = static_cast<std::uint64_t>(quantity(d, "burst", Dimension::kDataSize));
  p.outstanding = d.value("outstanding", 8u);
  p.bandwidth_Bps = quantity(d, "bandwidth", Dimension::kBandwidth);
  if (d.contains("setup")) p.setup_s = quantity(d, "setup", Dimension::kTime);
  return p;
}

SimpleMemoryParams memory_params(const json& m) {
  SimpleMemoryParams p;
  p.ideal = m.at("kind").get<std::string>() == "ideal";
  if (!p.ideal) {
    p.latency_s = quantity(m, "latency", Dimension::kTime);
    p.bandwidth_Bps = quantity(m, "bandwidth", Dimension::kBandwidth);
  }
  return p;
}

}  // namespace

ChipParams chip_params_from(const json& platform) {
  const json& chip = platform.at("chip");
  ChipParams p;
  p.name = platform.value("name", "");
  p.clock_hz = quantity(chip, "clock", Dimension::kFrequency);
  p.tile_rows = chip.at("tiles").at("rows").get<std::uint32_t>();
  p.tile_cols = chip.at("tiles").at("cols").get<std::uint32_t>();
  const json& tile = chip.at("tile");
  p.tile.clock_hz = p.clock_hz;
  p.tile.matrix = matrix_params(tile.at("matrix"));
  p.tile.scratchpad = scratchpad_params(tile.at("scratchpad"));
  p.tile.dma = dma_params(tile.at("dma"));
  p.memory = memory_params(chip.at("memory"));
  return p;
}

}  // namespace lumen
