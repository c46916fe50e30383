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
      {"memory/hbm", "tlm", "/chip/hbm",
       "HBM2/2E/3/3E stacks: a bank-level FR-FCFS controller per channel, refresh, protocol "
       "checker"},
      {"interconnect/noc", "tlm", "/chip/noc",
       "cycle-level 2D mesh or crossbar: VCs, credits, XY routing, wormhole or cut-through"},
      {"io/link", "tlm", "/system/fabric/link",
       "optical (ports × λ × Gb/s) or electrical (lanes × Gb/s) link: framing, BER, "
       "go-back-N or selective repeat, energy and laser power; presets in configs/links/"},
      {"io/fabric", "tlm", "/system/fabric/topology",
       "multi-chip fabric: ring, torus, full_mesh, switch, ocs (circuits per phase); "
       "cut-through routing, link faults"},
      {"io/node", "tlm", "/system",
       "a chip on the fabric: NIC with messages in flight, receive matching, reduction at the "
       "chip's vector/memory rate"},
      {"energy/area", "tables", "/energy, /area",
       "per-event energies, static power and per-unit area (report: pJ, W, TOPS/W, mm²)"},
  };
  return entries;
}

}  // namespace lumen
