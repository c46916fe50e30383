// Typed energy and area tables of a platform (its "energy" and "area" sections), in base units:
// joules per event, watts, mm². Built by chip_params_from(); explore/energy.h applies them to a
// run's event counts.
#pragma once

#include <array>
#include <string>

#include "models/compute/dtype.h"

namespace lumen {

struct EnergyParams {
  bool present = false;
  std::string source, node;
  std::array<double, kDTypeCount> mac_J{};        // per MAC, by operand dtype
  std::array<double, kDTypeCount> vector_op_J{};  // per vector element operation, by dtype
  double register_file_access_J = 0;              // per vector register-file access
  double sram_read_J_per_bit = 0, sram_write_J_per_bit = 0;
  double dma_J_per_byte = 0;
  double memory_J_per_bit = 0;   // off-chip memory access
  double noc_J_per_bit_hop = 0;  // on-chip network: per bit per link crossed
  // Static (leakage) power per unit.
  double pe_static_W = 0, vector_lane_static_W = 0, scratchpad_kib_static_W = 0,
         dma_channel_static_W = 0;
};

struct AreaParams {
  bool present = false;
  std::string source, node;
  std::array<double, kDTypeCount> pe_mm2{};  // one PE, by the dtype the array is built for
  double vector_lane_mm2 = 0, scratchpad_kib_mm2 = 0, dma_channel_mm2 = 0;
};

}  // namespace lumen
