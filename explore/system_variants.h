// The systems a multi-chip scenario runs: the platform's, then one per entry of the scenario's
// `compare` list (the same chips with another link preset and/or topology), and what one
// message between two chips of each costs in closed form.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config_document.h"
#include "platforms/system_params.h"
#include "workloads/collective_equations.h"

namespace lumen {

struct SystemVariant {
  std::string label;  // "teraphy ring", or the compare entry's name
  SystemParams params;
};

// Throws InputError: /platform/system missing, or a compare entry that cannot be built.
std::vector<SystemVariant> system_variants(const ConfigDocument& run);

// One message of m bytes from `src` to `dst` on an idle fabric (an OCS circuit of all the
// chip's ports): T(m) = alpha + ⌈m / frame⌉ · frame time, and B = raw · framing efficiency.
struct MessageCost {
  std::uint32_t hops = 1;
  double alpha_s = 0;
  double frame_s = 0;
  std::uint32_t frame_bytes = 256;
  double bandwidth_Bps = 0;
  double time_s(std::uint64_t bytes) const;
};
MessageCost message_cost(const FabricParams& fabric, std::uint32_t src, std::uint32_t dst);

// The α, B, γ, r (and OCS set-ups) of a collective's closed form on `fabric`: one hop from
// chip 0 to chip 1, the chip's reduction rate; on an OCS a bidirectional ring gives each
// direction half the ports. `reconfigurations` is how often the circuits change.
CollectiveCosts collective_costs(const FabricParams& fabric, CollectiveAlgorithm algorithm,
                                 std::uint64_t reconfigurations);

}  // namespace lumen
