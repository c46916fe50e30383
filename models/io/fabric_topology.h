// The wiring of a fabric as a directed graph, and its routes. Nodes 0..chips−1 are chips; a
// packet switch is one more node. Each directed edge is one Link (models/io/link.h) whose
// parameters are the chip's I/O shared out over its neighbours:
//   ring        chip i ↔ i±1; two neighbours (one when there are two chips)
//   torus       rows × cols, chip (r, c) ↔ (r, c±1), (r±1, c) with wrap-around; distinct
//               neighbours only (a dimension of 2 has one neighbour, of 1 none)
//   full_mesh   every pair, chips − 1 neighbours
//   switch      chip i → switch → chip j; each chip's whole I/O is its up- and downlink
//   ocs         every ordered pair has an edge whose channels the OCS assigns per phase
//               (models/io/fabric.h); unassigned it carries nothing
// A neighbour edge gets ⌊channels / neighbours⌋ channels (wavelengths or lanes); what does not
// divide is left dark and reported. Routes are minimal: ring the shorter way round (ties go
// clockwise, i → i+1), torus dimension-ordered (columns first, then rows, each the shorter way,
// ties to the higher index), the rest direct.
#pragma once

#include <cstdint>
#include <vector>

#include "models/io/fabric_params.h"

namespace lumen {

struct FabricEdge {
  std::uint32_t from = 0, to = 0;  // node ids; the switch is node `chips`
  LinkParams link;
};

class FabricTopologyGraph {
 public:
  explicit FabricTopologyGraph(const FabricParams& params);

  const std::vector<FabricEdge>& edges() const { return edges_; }
  std::uint32_t nodes() const { return nodes_; }
  // Edge indices from chip `src` to chip `dst` (src ≠ dst), in order.
  std::vector<std::uint32_t> route(std::uint32_t src, std::uint32_t dst) const;
  // Index of the edge from → to, or −1.
  int edge_between(std::uint32_t from, std::uint32_t to) const;
  std::uint32_t neighbours_per_chip() const { return neighbours_; }
  std::uint32_t dark_channels_per_chip() const { return dark_channels_; }

 private:
  void add_edge(std::uint32_t from, std::uint32_t to, const LinkParams& link);
  std::vector<std::uint32_t> neighbours_of(std::uint32_t chip) const;

  FabricParams params_;
  std::uint32_t nodes_ = 0, neighbours_ = 0, dark_channels_ = 0;
  std::vector<FabricEdge> edges_;
  std::vector<int> edge_index_;  // from * nodes + to → edge, or −1
};

// `whole` shared out `ways` ways: ⌊channels / ways⌋ channels each, static power in proportion.
// Throws std::invalid_argument when there are fewer channels than ways.
LinkParams share_of_link(const LinkParams& whole, std::uint32_t ways);
// Sets a link's channel count (an OCS assignment), static power in proportion to `whole`.
LinkParams with_channels(const LinkParams& whole, std::uint32_t channels);

}  // namespace lumen
