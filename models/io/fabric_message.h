// How a message names its destination and its place in a program. A fabric routes by address
// (the destination chip in the top 16 bits, so third-party TLM initiators can address chips
// without Lumen's extension); the FabricMessage extension carries what the receiving chip
// matches on (sender and tag) and the program phase an optical circuit switch sets circuits for.
#pragma once

#include <cstdint>

#include <tlm>

namespace lumen {

inline constexpr unsigned kFabricChipShift = 48;
inline std::uint64_t fabric_address(std::uint32_t chip, std::uint64_t offset = 0) {
  return (static_cast<std::uint64_t>(chip) << kFabricChipShift) | offset;
}
inline std::uint32_t fabric_chip_of(std::uint64_t address) {
  return static_cast<std::uint32_t>(address >> kFabricChipShift);
}

struct FabricMessage : tlm::tlm_extension<FabricMessage> {
  std::uint32_t src = 0, tag = 0, phase = 0;
  tlm::tlm_extension_base* clone() const override { return new FabricMessage(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    *this = static_cast<const FabricMessage&>(other);
  }
};

}  // namespace lumen
