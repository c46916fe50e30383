// What a DRAM standard is to the controller: its hierarchy, its commands and the timing
// constraints between them. Built from typed parameters (a preset file read by platforms/), never
// from JSON. The constraint table is the single statement of the protocol: the controller keeps
// per-node "earliest next command" registers derived from it, and the protocol checker replays a
// command log against it pair by pair.
//
// Time is counted in ticks: one tick is tCK / tick_multiplier (HBM3 row commands take half a CK,
// so its tick is half a CK; HBM2's tick is one CK). Every latency below is in ticks.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace lumen {

enum class DramCommand : std::uint8_t {
  kAct,      // activate a row
  kPre,      // precharge one bank
  kPreAll,   // precharge every bank of a pseudo-channel
  kRd,       // column read
  kWr,       // column write
  kRda,      // read with auto-precharge
  kWra,      // write with auto-precharge
  kRefAll,   // all-bank refresh of a pseudo-channel
  kRefBank,  // single-bank refresh
  kCount
};
constexpr std::size_t kDramCommandCount = static_cast<std::size_t>(DramCommand::kCount);
const char* dram_command_name(DramCommand command);
using CommandMask = std::uint32_t;
constexpr CommandMask mask_of(DramCommand c) {
  return CommandMask{1} << static_cast<unsigned>(c);
}
constexpr bool is_column(DramCommand c) {
  return c >= DramCommand::kRd && c <= DramCommand::kWra;
}
constexpr bool is_read(DramCommand c) {
  return c == DramCommand::kRd || c == DramCommand::kRda;
}
constexpr bool is_write(DramCommand c) {
  return c == DramCommand::kWr || c == DramCommand::kWra;
}

// Levels under one channel. A constraint names the level whose node the two commands share.
enum class DramLevel : std::uint8_t { kChannel, kPseudoChannel, kStackId, kBankGroup, kBank };

struct DramOrganisation {
  std::uint32_t channels_per_stack = 8;
  std::uint32_t pseudo_channels = 2;  // per channel, each with its own data bus
  std::uint32_t stack_ids = 1;        // SID: dies stacked behind one pseudo-channel (HBM3)
  std::uint32_t bank_groups = 4;      // per SID
  std::uint32_t banks_per_group = 4;
  std::uint32_t rows = 1u << 14;   // per bank
  std::uint32_t columns = 32;      // column accesses per row (one access = one burst)
  std::uint32_t dq_bits = 64;      // data bus width of one pseudo-channel
  std::uint32_t burst_length = 4;  // beats per access

  std::uint32_t access_bytes() const { return dq_bits / 8 * burst_length; }
  std::uint32_t banks_per_pc() const { return stack_ids * bank_groups * banks_per_group; }
  std::uint64_t channel_bytes() const {
    return std::uint64_t{pseudo_channels} * banks_per_pc() * rows * columns * access_bytes();
  }
};

// Published timings in CK cycles (JEDEC names), plus the clock.
struct DramTimings {
  double tCK_ps = 1000;
  std::uint32_t rate_mbps = 2000;     // data rate per pin
  std::uint32_t tick_multiplier = 1;  // ticks per CK
  double act_ck = 2, row_cmd_ck = 1;  // command-address bus occupancy of ACT / other row cmds
  std::uint32_t nBL = 2, nCL = 14, nCWL = 5, nRCDRD = 14, nRCDWR = 12, nRP = 14, nRAS = 34,
                nRC = 48, nWR = 16, nRTP = 5, nCCDS = 2, nCCDL = 4, nCCDR = 0, nRRDS = 4, nRRDL = 4,
                nFAW = 15, nWTRS = 6, nWTRL = 8, nRTW = 0, nPPD = 0, nRFC = 350, nRFCpb = 160,
                nRREFD = 8, nREFI = 3900, nREFIpb = 0;
  // nRTW = 0 means the HBM2 form nCL + nBL + 2 − nCWL; nCCDR = 0 means no SID sibling rule.
};

struct TimingConstraint {
  DramLevel level;
  CommandMask preceding, following;
  std::uint32_t latency;     // ticks from the preceding command to the following one
  std::uint32_t window = 1;  // the n-th previous preceding command (tFAW: 4)
  bool sibling = false;      // applies between different nodes under the same parent (tCCDR)
  std::string name;          // e.g. "tRCDRD", for the checker's messages
};

struct DramSpec {
  std::string standard;  // e.g. "HBM3-6.4"
  DramOrganisation org;
  DramTimings timing;
  std::vector<TimingConstraint> constraints;
  std::uint64_t tick_fs = 0;  // one tick in femtoseconds

  // Commands-address bus occupancy in ticks, per command (row or column bus).
  std::array<std::uint32_t, kDramCommandCount> bus_ticks{};
  // Where a CK holds two ticks, column commands, ACT and REF start on a rising edge (odd ticks);
  // only precharges may use the falling edge.
  bool rising_edge_only() const { return timing.tick_multiplier == 2; }
  static bool falling_edge_allowed(DramCommand c) {
    return c == DramCommand::kPre || c == DramCommand::kPreAll;
  }
  // A multi-tick command counts from its last tick: the constraint from `before` to `after`
  // is latency + (ticks(before) − 1) − (ticks(after) − 1).
  std::uint64_t pair_latency(std::uint32_t latency, DramCommand before, DramCommand after) const {
    const auto b = bus_ticks[static_cast<std::size_t>(before)];
    const auto a = bus_ticks[static_cast<std::size_t>(after)];
    return latency + b > a ? latency + b - a : 0;
  }
  std::uint32_t read_latency_ticks() const {
    return (timing.nCL + timing.nBL) * timing.tick_multiplier;
  }
  std::uint32_t write_latency_ticks() const {
    return (timing.nCWL + timing.nBL) * timing.tick_multiplier;
  }
  double peak_channel_Bps() const {  // both pseudo-channels' data buses
    return org.pseudo_channels * org.dq_bits / 8.0 * timing.rate_mbps * 1e6;
  }
};

// Builds the constraint table and bus occupancies from organisation and timings.
DramSpec make_dram_spec(std::string standard, const DramOrganisation& org, const DramTimings& t);

}  // namespace lumen
