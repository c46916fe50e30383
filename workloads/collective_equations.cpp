#include "workloads/collective_equations.h"

namespace lumen {
namespace {
std::uint32_t ceil_log2(std::uint32_t n) {
  std::uint32_t k = 0;
  while ((1u << k) < n) ++k;
  return k;
}
}  // namespace

double collective_bus_factor(Collective op, std::uint32_t chips) {
  const double p = chips;
  switch (op) {
    case Collective::kAllReduce:
      return 2 * (p - 1) / p;
    case Collective::kReduceScatter:
    case Collective::kAllGather:
    case Collective::kAllToAll:
      return (p - 1) / p;
    case Collective::kBroadcast:
      return 1;
  }
  return 1;
}

CollectiveEstimate collective_closed_form(const CollectiveSpec& spec, std::uint32_t chips,
                                          const CollectiveCosts& c) {
  const double p = chips, n = static_cast<double>(spec.bytes), K = ceil_log2(chips);
  const double a = c.alpha_s, B = c.bandwidth_Bps, g = c.gamma_s_per_byte, r = c.reduce_fixed_s;
  const double share = (p - 1) / p;
  const bool hd = spec.algorithm == CollectiveAlgorithm::kHalvingDoubling;
  CollectiveEstimate e;
  if (spec.algorithm == CollectiveAlgorithm::kBidirectionalRing) {
    // Both directions at once, half the data each; the chip's one reduction engine takes both
    // halves' reductions in turn (exact when reduction is free or hidden, else an upper bound).
    const double rs = spec.op != Collective::kAllGather, ag = spec.op != Collective::kReduceScatter;
    e = {(rs + ag) * (p - 1) * a, (rs + ag) * share * (n / 2) / B,
         rs * (share * n * g + 2 * (p - 1) * r), 0,
         spec.op == Collective::kAllReduce ? "2(p−1)·α + 2(p−1)/p·(n/2)/B + (p−1)/p·n·γ + 2(p−1)·r"
         : spec.op == Collective::kReduceScatter
             ? "(p−1)·α + (p−1)/p·(n/2)/B + (p−1)/p·n·γ + 2(p−1)·r"
             : "(p−1)·α + (p−1)/p·(n/2)/B"};
  } else {
    const bool ring = spec.algorithm == CollectiveAlgorithm::kRing;
    switch (spec.op) {
      case Collective::kAllReduce:
        if (spec.algorithm == CollectiveAlgorithm::kTree) {
          e = {2 * K * a, 2 * K * n / B, K * (n * g + r), 0, "2K·(α + n/B) + K·(n·γ + r)"};
        } else {
          e = {(ring ? 2 * (p - 1) : 2 * K) * a, 2 * share * n / B,
               share * n * g + (ring ? p - 1 : K) * r, 0,
               ring ? "2(p−1)·α + 2(p−1)/p·n/B + (p−1)/p·n·γ + (p−1)·r"
                    : "2K·α + 2(p−1)/p·n/B + (p−1)/p·n·γ + K·r"};
        }
        break;
      case Collective::kReduceScatter:
        e = {(hd ? K : p - 1) * a, share * n / B, share * n * g + (hd ? K : p - 1) * r, 0,
             hd ? "K·α + (p−1)/p·n/B + (p−1)/p·n·γ + K·r"
                : "(p−1)·α + (p−1)/p·n/B + (p−1)/p·n·γ + (p−1)·r"};
        break;
      case Collective::kAllGather:
        e = {(hd ? K : p - 1) * a, share * n / B, 0, 0,
             hd ? "K·α + (p−1)/p·n/B" : "(p−1)·α + (p−1)/p·n/B"};
        break;
      case Collective::kAllToAll: {
        const double waves = static_cast<double>((chips - 1 + c.outstanding - 1) / c.outstanding);
        e = {waves * a, waves * n / p / B, 0, 0, "⌈(p−1)/w⌉·(α + n/(p·B))"};
        break;
      }
      case Collective::kBroadcast: {
        const double steps = ring ? p - 1 : K;
        e = {steps * a, steps * n / B, 0, 0, ring ? "(p−1)·(α + n/B)" : "K·(α + n/B)"};
        break;
      }
    }
  }
  const double it = spec.iterations;
  e.latency_s *= it;
  e.bandwidth_s *= it;
  e.reduce_s *= it;
  e.reconfiguration_s = static_cast<double>(c.reconfigurations) * c.reconfiguration_s;
  if (c.reconfigurations) e.formula += " + reconfigurations·t_ocs";
  if (spec.iterations > 1) e.formula = "iterations·(" + e.formula + ")";
  return e;
}

}  // namespace lumen
