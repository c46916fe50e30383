#include "models/io/fabric_topology.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace lumen {

LinkParams with_channels(const LinkParams& whole, std::uint32_t channels) {
  LinkParams link = whole;
  const double fraction = static_cast<double>(channels) / whole.channels();
  if (whole.kind == LinkKind::kOptical) {
    link.ports = 1;
    link.wavelengths = channels;
  } else {
    link.lanes = channels;
  }
  link.laser_W = whole.laser_W * fraction;
  return link;
}

LinkParams share_of_link(const LinkParams& whole, std::uint32_t ways) {
  if (ways == 0 || whole.channels() < ways)
    throw std::invalid_argument(std::to_string(whole.channels()) + " channels cannot be shared " +
                                std::to_string(ways) + " ways");
  return with_channels(whole, whole.channels() / ways);
}

FabricTopologyGraph::FabricTopologyGraph(const FabricParams& params) : params_(params) {
  const std::uint32_t p = params.chips;
  const bool has_switch = params.topology == FabricTopology::kSwitch;
  nodes_ = p + (has_switch ? 1 : 0);
  edge_index_.assign(static_cast<std::size_t>(nodes_) * nodes_, -1);
  if (has_switch) {
    neighbours_ = 1;
    for (std::uint32_t i = 0; i < p; ++i) add_edge(i, p, params.link);
    for (std::uint32_t i = 0; i < p; ++i) add_edge(p, i, params.link);
    return;
  }
  if (params.topology == FabricTopology::kOcs) {
    // Every ordered pair may get a circuit; the OCS sets each edge's channels per phase.
    neighbours_ = p - 1;
    for (std::uint32_t i = 0; i < p; ++i)
      for (std::uint32_t j = 0; j < p; ++j)
        if (i != j) add_edge(i, j, params.link);
    return;
  }
  neighbours_ = static_cast<std::uint32_t>(neighbours_of(0).size());
  const LinkParams share = share_of_link(params.link, neighbours_);
  dark_channels_ = params.link.channels() - share.channels() * neighbours_;
  for (std::uint32_t i = 0; i < p; ++i)
    for (std::uint32_t j : neighbours_of(i)) add_edge(i, j, share);
}

std::vector<std::uint32_t> FabricTopologyGraph::neighbours_of(std::uint32_t chip) const {
  const std::uint32_t p = params_.chips;
  std::vector<std::uint32_t> out;
  const auto add = [&](std::uint32_t n) {
    if (n != chip && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  };
  switch (params_.topology) {
    case FabricTopology::kRing:
      add((chip + 1) % p);
      add((chip + p - 1) % p);
      break;
    case FabricTopology::kTorus: {
      const std::uint32_t rows = params_.torus_rows, cols = params_.torus_cols;
      const std::uint32_t r = chip / cols, c = chip % cols;
      add(r * cols + (c + 1) % cols);
      add(r * cols + (c + cols - 1) % cols);
      add(((r + 1) % rows) * cols + c);
      add(((r + rows - 1) % rows) * cols + c);
      break;
    }
    default:
      for (std::uint32_t j = 0; j < p; ++j) add(j);
  }
  return out;
}

void FabricTopologyGraph::add_edge(std::uint32_t from, std::uint32_t to, const LinkParams& link) {
  edge_index_[static_cast<std::size_t>(from) * nodes_ + to] = static_cast<int>(edges_.size());
  edges_.push_back({from, to, link});
}

int FabricTopologyGraph::edge_between(std::uint32_t from, std::uint32_t to) const {
  if (from >= nodes_ || to >= nodes_) return -1;
  return edge_index_[static_cast<std::size_t>(from) * nodes_ + to];
}

namespace {
// Steps along one ring dimension of `size` from a to b, the shorter way (ties: +1).
int ring_steps(std::uint32_t a, std::uint32_t b, std::uint32_t size) {
  const std::uint32_t forward = (b + size - a) % size;
  return forward <= size / 2 ? static_cast<int>(forward) : -static_cast<int>(size - forward);
}
}  // namespace

std::vector<std::uint32_t> FabricTopologyGraph::route(std::uint32_t src, std::uint32_t dst) const {
  std::vector<std::uint32_t> hops;
  const auto hop = [&](std::uint32_t from, std::uint32_t to) {
    const int e = edge_between(from, to);
    if (e < 0) throw std::logic_error("fabric route uses a missing edge");
    hops.push_back(static_cast<std::uint32_t>(e));
  };
  const std::uint32_t p = params_.chips;
  switch (params_.topology) {
    case FabricTopology::kRing: {
      const int steps = ring_steps(src, dst, p);
      std::uint32_t at = src;
      for (int s = 0; s < std::abs(steps); ++s) {
        const std::uint32_t next = steps > 0 ? (at + 1) % p : (at + p - 1) % p;
        hop(at, next);
        at = next;
      }
      break;
    }
    case FabricTopology::kTorus: {
      const std::uint32_t cols = params_.torus_cols, rows = params_.torus_rows;
      std::uint32_t r = src / cols, c = src % cols;
      const int dc = ring_steps(c, dst % cols, cols), dr = ring_steps(r, dst / cols, rows);
      for (int s = 0; s < std::abs(dc); ++s) {
        const std::uint32_t next = dc > 0 ? (c + 1) % cols : (c + cols - 1) % cols;
        hop(r * cols + c, r * cols + next);
        c = next;
      }
      for (int s = 0; s < std::abs(dr); ++s) {
        const std::uint32_t next = dr > 0 ? (r + 1) % rows : (r + rows - 1) % rows;
        hop(r * cols + c, next * cols + c);
        r = next;
      }
      break;
    }
    case FabricTopology::kSwitch:
      hop(src, p);
      hop(p, dst);
      break;
    case FabricTopology::kFullMesh:
    case FabricTopology::kOcs:
      hop(src, dst);
      break;
  }
  return hops;
}

}  // namespace lumen
