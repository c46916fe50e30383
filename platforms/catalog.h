// What `lumen list` prints about models: every model a platform can instantiate, by the config
// key that selects it.
#pragma once

#include <string>
#include <vector>

namespace lumen {

struct CatalogEntry {
  std::string kind;         // e.g. "compute/matrix"
  std::string impl;         // e.g. "tlm"
  std::string config_key;   // where a platform selects or sizes it
  std::string description;  // one line
};

inline const std::vector<CatalogEntry>& model_catalog() {
  static const std::vector<CatalogEntry> entries = {
      {"compute/matrix", "tlm", "/chip/tile/matrix",
       "R×C systolic array; dataflows ws, os, is; timing rtl (default) or scalesim; per-dtype "
       "rate"},
      {"compute/vector", "tlm", "/chip/tile/vector",
       "L-lane SIMD unit; per-op/dtype cost table; softmax, norms, activations, rotary, (de)quant"},
      {"compute/dma", "tlm", "/chip/tile/dma",
       "load and store channels; burst size, bursts in flight, bandwidth"},
      {"compute/scratchpad", "tlm", "/chip/tile/scratchpad",
       "banked SRAM with per-bank contention"},
      {"compute/sync", "tlm", "(programs)", "chip-wide barriers between tiles"},
      {"memory/simple", "tlm", "/chip/memory kind=simple",
       "shared memory port: fixed latency + bandwidth, FIFO contention"},
      {"memory/ideal", "tlm", "/chip/memory kind=ideal", "zero latency, unlimited bandwidth"},
      {"energy/area", "tables", "/energy, /area",
       "per-event energies, static power and per-unit area (report: pJ, W, TOPS/W, mm²)"},
  };
  return entries;
}

}  // namespace lumen
