// Collectives lowered into one FabricProgram per chip: sends, receives and reductions with
// their dependencies, chunked (each chunk an independent pipeline through the algorithm, so
// chunk j+1 crosses a link while chunk j is being reduced or forwarded).
//
//   all_reduce      ring (reduce-scatter then all-gather around i → i+1), bidirectional_ring
//                   (half the data each way round: both links of a ring node), tree (binomial
//                   reduce to the root, then binomial broadcast), halving_doubling (Rabenseifner:
//                   recursive halving reduce-scatter, recursive doubling all-gather; 2^k chips)
//   reduce_scatter  ring, bidirectional_ring, halving_doubling   (bytes: each chip's input)
//   all_gather      ring, bidirectional_ring, halving_doubling   (bytes: each chip's output)
//   all_to_all      direct: p − 1 rounds, round r sends bytes/p to chip i + r
//   broadcast       tree (binomial from the root), ring (a chain from the root)
// Sends carry a phase (the algorithm's step) for an optical circuit switch: a step whose peer
// differs from the last needs new circuits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/compute/dtype.h"
#include "models/io/fabric_program.h"

namespace lumen {

enum class Collective { kAllReduce, kReduceScatter, kAllGather, kAllToAll, kBroadcast };
enum class CollectiveAlgorithm { kRing, kBidirectionalRing, kTree, kHalvingDoubling, kDirect };

const char* collective_name(Collective c);
const char* algorithm_name(CollectiveAlgorithm a);
std::optional<Collective> collective_from_name(const std::string& name);
std::optional<CollectiveAlgorithm> algorithm_from_name(const std::string& name);
// Whether `algorithm` implements `collective` (and for halving_doubling, whether p is 2^k).
bool algorithm_supports(Collective c, CollectiveAlgorithm a, std::uint32_t chips);

struct CollectiveSpec {
  Collective op = Collective::kAllReduce;
  CollectiveAlgorithm algorithm = CollectiveAlgorithm::kRing;
  std::uint64_t bytes = 0;  // per chip, as each collective's comment says
  std::uint32_t chunks = 1;
  std::uint32_t root = 0;        // broadcast
  std::uint32_t iterations = 1;  // back to back, each after the last has finished on the chip
  DType dtype = DType::kBf16;    // of the reduced elements
  std::string label;             // prefixed to every command's label
};

std::vector<FabricProgram> lower_collective(const CollectiveSpec& spec, std::uint32_t chips);

// Appends the collective to existing programs: it starts on chip i after `entry[i]` (command
// ids), which then become the commands it ends with there. `tag_base` advances past the tags it
// used, so collectives appended one after another never match each other's messages.
void append_collective(std::vector<FabricProgram>& programs, const CollectiveSpec& spec,
                       std::vector<std::vector<std::uint32_t>>& entry, std::uint32_t& tag_base);

// `total` split into `parts` near-equal sizes (the first total % parts one byte larger).
std::uint64_t part_size(std::uint64_t total, std::uint32_t parts, std::uint32_t index);

}  // namespace lumen
