// Energy and area of a run, from the components' event counts and the platform's tables:
//   E = Σ_events count × energy per event + Σ_units static power × run time
// per component (instance paths as in `components`):
//   tileN.matrix      Σ_dtype macs_dtype · mac[dtype]              + PEs · pe_static · T
//   tileN.vector      Σ_dtype element_ops_dtype · vector_op[dtype]
//                     + register_file_accesses · register_file_access + lanes · lane_static · T
//   tileN.scratchpad  8 · sram_read · (DMA reads + matrix and vector operand reads)
//                     + 8 · sram_write · (DMA writes + matrix and vector result writes)
//                     + KiB · scratchpad_kib_static · T
//   tileN.dma_load/dma_store  bytes · dma_byte + dma_channel_static · T
//   memory            8 · (read + write bytes) · memory_access
// Area per tile: R·C · pe[array dtype] + lanes · vector_lane + KiB · scratchpad_kib
// + 2 · dma_channel. tests/cli/energy_test.cpp recomputes E from a report and checks equality.
#pragma once

#include "explore/run_result.h"

namespace lumen {

// Adds energy_dynamic_pJ / energy_static_pJ / area_mm2 to the components and the energy and
// area metrics (energy_pJ, average_power_W, tops_per_W, area_mm2, tops_per_mm2...). Does
// nothing for a platform without the tables.
void add_energy_and_area(RunResult& result, double total_ns);

}  // namespace lumen
