#include "platforms/chip_params.h"

#include "core/units.h"
#include "platforms/hbm_params.h"
#include "platforms/noc_layout.h"

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
  p.impl = m.value("impl", "tlm") == "rtl" ? MatrixImpl::kRtl : MatrixImpl::kTlm;
  if (m.contains("rate"))
    for (const auto& rate : m["rate"].items())
      p.rate[dtype_index(*dtype_from_name(rate.key()))] = rate.value().get<double>();
  return p;
}

VectorParams vector_params(const json& v) {
  VectorParams p;
  p.lanes = v.value("lanes", 4u);
  p.impl = v.value("impl", "tlm") == "rtl" ? VectorImpl::kRtl : VectorImpl::kTlm;
  p.timing = v.value("timing", "table") == "rtl" ? VectorTiming::kRtl : VectorTiming::kTable;
  p.pipeline_depth = v.value("pipeline_depth", 4u);
  if (v.contains("costs"))
    for (const auto& op : v["costs"].items())
      for (const auto& cost : op.value().items())
        p.cycles[static_cast<std::size_t>(*lane_op_from_name(op.key()))]
                [dtype_index(*dtype_from_name(cost.key()))] = cost.value().get<std::uint32_t>();
  return p;
}

template <typename Table>
void per_dtype(const json& node, Dimension dimension, Table& table) {
  for (const auto& entry : node.items())
    table[dtype_index(*dtype_from_name(entry.key()))] =
        parse_quantity(entry.value().template get<std::string>(), dimension);
}

EnergyParams energy_params(const json& e) {
  EnergyParams p;
  p.present = true;
  p.source = e.value("source", "");
  p.node = e.value("node", "");
  per_dtype(e.at("mac"), Dimension::kEnergy, p.mac_J);
  per_dtype(e.at("vector_op"), Dimension::kEnergy, p.vector_op_J);
  p.register_file_access_J = quantity(e, "register_file_access", Dimension::kEnergy);
  p.sram_read_J_per_bit = quantity(e, "sram_read", Dimension::kEnergyPerBit);
  p.sram_write_J_per_bit = quantity(e, "sram_write", Dimension::kEnergyPerBit);
  p.dma_J_per_byte = quantity(e, "dma_byte", Dimension::kEnergy);
  p.memory_J_per_bit = quantity(e, "memory_access", Dimension::kEnergyPerBit);
  if (e.contains("noc_bit_hop"))
    p.noc_J_per_bit_hop = quantity(e, "noc_bit_hop", Dimension::kEnergyPerBit);
  const json& s = e.at("static");
  p.pe_static_W = quantity(s, "pe", Dimension::kPower);
  p.vector_lane_static_W = quantity(s, "vector_lane", Dimension::kPower);
  p.scratchpad_kib_static_W = quantity(s, "scratchpad_kib", Dimension::kPower);
  p.dma_channel_static_W = quantity(s, "dma_channel", Dimension::kPower);
  return p;
}

AreaParams area_params(const json& a) {
  AreaParams p;
  p.present = true;
  p.source = a.value("source", "");
  p.node = a.value("node", "");
  per_dtype(a.at("pe"), Dimension::kArea, p.pe_mm2);
  p.vector_lane_mm2 = quantity(a, "vector_lane", Dimension::kArea);
  p.scratchpad_kib_mm2 = quantity(a, "scratchpad_kib", Dimension::kArea);
  p.dma_channel_mm2 = quantity(a, "dma_channel", Dimension::kArea);
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
    if (m.contains("capacity"))
      p.capacity_bytes = static_cast<std::uint64_t>(quantity(m, "capacity", Dimension::kDataSize));
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
  if (tile.contains("vector")) p.tile.vector = vector_params(tile["vector"]);
  p.tile.scratchpad = scratchpad_params(tile.at("scratchpad"));
  p.tile.dma = dma_params(tile.at("dma"));
  if (chip.contains("hbm")) {
    p.has_hbm = true;
    p.hbm = hbm_params_from(chip["hbm"]);
  } else {
    p.memory = memory_params(chip.at("memory"));
  }
  if (chip.contains("noc")) {
    p.has_noc = true;
    p.noc = noc_params_from(chip["noc"], p);
    p.memory_ports_per_stack = chip["noc"].value("memory_ports_per_stack", 4u);
  }
  if (platform.contains("energy")) p.energy = energy_params(platform["energy"]);
  if (platform.contains("area")) p.area = area_params(platform["area"]);
  return p;
}

}  // namespace lumen
