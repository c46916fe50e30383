// Closed forms of the collectives in collective_lowering.h, in the α-β-γ model (Hockney for the
// messages, Thakur, Rabenseifner & Gropp 2005 for the algorithms): one message of m bytes over
// the algorithm's hop costs α + m/B, reducing m bytes costs r + m·γ. With n the collective's
// bytes (see CollectiveSpec), p chips, K = ⌈log₂ p⌉ and one chunk:
//   all_reduce      ring   2(p−1)·α + 2(p−1)/p · n/B + (p−1)/p · n·γ + (p−1)·r
//                   hd     2K·α     + 2(p−1)/p · n/B + (p−1)/p · n·γ + K·r
//                   tree   2K·(α + n/B) + K·(n·γ + r)
//   reduce_scatter  ring   (p−1)·α + (p−1)/p · n/B + (p−1)/p · n·γ + (p−1)·r
//                   hd     K·α     + (p−1)/p · n/B + (p−1)/p · n·γ + K·r
//   all_gather      ring   (p−1)·α + (p−1)/p · n/B;   hd  K·α + (p−1)/p · n/B
//   bidirectional_ring: the ring's forms with n/2 in the bandwidth term and 2(p−1)·r; the
//                   two halves' reductions share the chip's engine, so with reduction the form
//                   is an upper bound (it overlaps the other direction's transfer)
//   all_to_all      direct ⌈(p−1)/w⌉ · (α + n/(p·B)), w messages in flight per chip
//   broadcast       tree   K·(α + n/B);   ring (a chain)  (p−1)·(α + n/B)
// plus, on an optical circuit switch, one reconfiguration time per change of circuits.
// Iterations multiply. These hold exactly when every message of a step has its own idle link
// (the algorithm's natural fabric) and m is a whole number of link frames; chunking overlaps
// reduction with transfer and contention slows what shares a link, which the simulation shows
// and this does not.
#pragma once

#include <cstdint>
#include <string>

#include "workloads/collective_lowering.h"

namespace lumen {

struct CollectiveCosts {
  double alpha_s = 0;           // per message: NIC, SerDes, FEC, flight, hops
  double bandwidth_Bps = 0;     // of the link a message crosses (after framing)
  double gamma_s_per_byte = 0;  // reduction
  double reduce_fixed_s = 0;
  double reconfiguration_s = 0;  // OCS: time per change of circuits
  std::uint64_t reconfigurations = 0;
  std::uint32_t outstanding = 8;  // messages in flight per chip
};

struct CollectiveEstimate {
  double latency_s = 0, bandwidth_s = 0, reduce_s = 0, reconfiguration_s = 0;
  double total_s() const { return latency_s + bandwidth_s + reduce_s + reconfiguration_s; }
  std::string formula;  // the closed form used, for the report
};

CollectiveEstimate collective_closed_form(const CollectiveSpec& spec, std::uint32_t chips,
                                          const CollectiveCosts& costs);

// Bytes a chip's NIC sends in one collective (what NCCL's "bus bandwidth" normalises by): e.g.
// 2(p−1)/p · n for a ring all-reduce.
double collective_bus_factor(Collective op, std::uint32_t chips);

}  // namespace lumen
