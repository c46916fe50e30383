// Chip-wide barriers: tiles arriving at barrier `id` wait until `participants` have arrived.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include <systemc>

namespace lumen {

class BarrierHub {
 public:
  // Blocks the calling SC_THREAD until the barrier releases.
  void arrive(std::uint32_t id, std::uint32_t participants) {
    Barrier& barrier = barriers_[id];
    if (!barrier.released) barrier.released = std::make_unique<sc_core::sc_event>();
    if (++barrier.arrived >= participants) {
      barrier.released->notify(sc_core::SC_ZERO_TIME);
      const auto released = std::move(barrier.released);
      barriers_.erase(id);
      sc_core::wait(*released);
      return;
    }
    sc_core::wait(*barrier.released);
  }

 private:
  struct Barrier {
    std::uint32_t arrived = 0;
    std::unique_ptr<sc_core::sc_event> released;
  };
  std::map<std::uint32_t, Barrier> barriers_;
};

}  // namespace lumen
