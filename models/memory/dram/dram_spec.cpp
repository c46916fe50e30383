#include "models/memory/dram/dram_spec.h"

#include <cmath>

namespace lumen {
namespace {

using C = DramCommand;
using L = DramLevel;
constexpr CommandMask kRead = mask_of(C::kRd) | mask_of(C::kRda);
constexpr CommandMask kWrite = mask_of(C::kWr) | mask_of(C::kWra);

}  // namespace

const char* dram_command_name(DramCommand command) {
  static constexpr const char* kNames[] = {"ACT", "PRE", "PREA", "RD",  "WR",
                                           "RDA", "WRA", "REFA", "REFB"};
  const auto index = static_cast<std::size_t>(command);
  return index < kDramCommandCount ? kNames[index] : "?";
}

DramSpec make_dram_spec(std::string standard, const DramOrganisation& org, const DramTimings& t) {
  DramSpec spec;
  spec.standard = std::move(standard);
  spec.org = org;
  spec.timing = t;
  spec.tick_fs = static_cast<std::uint64_t>(std::llround(t.tCK_ps * 1000.0 / t.tick_multiplier));
  const std::uint32_t m = t.tick_multiplier;
  const std::uint32_t rtw = t.nRTW ? t.nRTW : t.nCL + t.nBL + 2 - t.nCWL;
  const std::uint32_t write_recovery = t.nCWL + t.nBL + t.nWR;  // WR to PRE
  auto& k = spec.constraints;
  auto add = [&](L level, CommandMask before, CommandMask after, std::uint32_t ck, const char* name,
                 std::uint32_t window = 1, bool sibling = false) {
    if (ck == 0) return;
    k.push_back({level, before, after, ck * m, window, sibling, name});
  };

  // Pseudo-channel: its own data bus, activation budget and refresh.
  add(L::kPseudoChannel, kRead, kRead, t.nBL, "tBL (read data bus)");
  add(L::kPseudoChannel, kWrite, kWrite, t.nBL, "tBL (write data bus)");
  const L ccds_level = org.stack_ids > 1 || t.nCCDR ? L::kStackId : L::kPseudoChannel;
  add(ccds_level, kRead, kRead, t.nCCDS, "tCCD_S");
  add(ccds_level, kWrite, kWrite, t.nCCDS, "tCCD_S");
  if (t.nCCDR) add(L::kStackId, kRead, kRead, t.nCCDR, "tCCD_R", 1, true);
  add(L::kPseudoChannel, kRead, kWrite, rtw, "tRTW");
  add(L::kPseudoChannel, kWrite, kRead, t.nCWL + t.nBL + t.nWTRS, "tWTR_S");
  add(L::kPseudoChannel, mask_of(C::kRd), mask_of(C::kPreAll), t.nRTP, "tRTP (PREA)");
  add(L::kPseudoChannel, mask_of(C::kWr), mask_of(C::kPreAll), write_recovery, "tWR (PREA)");
  add(L::kPseudoChannel, mask_of(C::kAct), mask_of(C::kAct), t.nRRDS, "tRRD_S");
  add(L::kPseudoChannel, mask_of(C::kAct), mask_of(C::kAct), t.nFAW, "tFAW", 4);
  add(L::kPseudoChannel, mask_of(C::kAct), mask_of(C::kPreAll), t.nRAS, "tRAS (PREA)");
  add(L::kPseudoChannel, mask_of(C::kPreAll), mask_of(C::kAct), t.nRP, "tRP (PREA)");
  add(L::kPseudoChannel, mask_of(C::kPre) | mask_of(C::kPreAll),
      mask_of(C::kPre) | mask_of(C::kPreAll), t.nPPD, "tPPD");
  add(L::kPseudoChannel, mask_of(C::kAct), mask_of(C::kRefAll), t.nRC, "tRC (REFA)");
  add(L::kPseudoChannel, mask_of(C::kPre) | mask_of(C::kPreAll), mask_of(C::kRefAll), t.nRP,
      "tRP (REFA)");
  add(L::kPseudoChannel, mask_of(C::kRda), mask_of(C::kRefAll), t.nRP + t.nRTP, "tRTP+tRP (REFA)");
  add(L::kPseudoChannel, mask_of(C::kWra), mask_of(C::kRefAll), write_recovery + t.nRP,
      "tWR+tRP (REFA)");
  add(L::kPseudoChannel, mask_of(C::kRefAll), mask_of(C::kAct) | mask_of(C::kPreAll), t.nRFC,
      "tRFC");
  add(L::kPseudoChannel, mask_of(C::kRefBank), mask_of(C::kAct), t.nRREFD, "tRREFD");
  add(L::kPseudoChannel, mask_of(C::kRefBank), mask_of(C::kRefBank), t.nRREFD, "tRREFD (REFB)");
  add(L::kPseudoChannel, mask_of(C::kAct), mask_of(C::kRefBank), t.nRRDS, "tRRD_S (REFB)");

  // Bank group: same-group column and activation spacing.
  add(L::kBankGroup, kRead, kRead, t.nCCDL, "tCCD_L");
  add(L::kBankGroup, kWrite, kWrite, t.nCCDL, "tCCD_L");
  add(L::kBankGroup, kWrite, kRead, t.nCWL + t.nBL + t.nWTRL, "tWTR_L");
  add(L::kBankGroup, mask_of(C::kAct), mask_of(C::kAct), t.nRRDL, "tRRD_L");

  // Bank: the row cycle.
  add(L::kBank, mask_of(C::kAct), mask_of(C::kAct), t.nRC, "tRC");
  add(L::kBank, mask_of(C::kAct), kRead, t.nRCDRD, "tRCD_RD");
  add(L::kBank, mask_of(C::kAct), kWrite, t.nRCDWR, "tRCD_WR");
  add(L::kBank, mask_of(C::kAct), mask_of(C::kPre), t.nRAS, "tRAS");
  add(L::kBank, mask_of(C::kPre), mask_of(C::kAct), t.nRP, "tRP");
  add(L::kBank, mask_of(C::kRd), mask_of(C::kPre), t.nRTP, "tRTP");
  add(L::kBank, mask_of(C::kWr), mask_of(C::kPre), write_recovery, "tWR");
  add(L::kBank, mask_of(C::kRda), mask_of(C::kAct), t.nRTP + t.nRP, "tRTP+tRP (RDA)");
  add(L::kBank, mask_of(C::kWra), mask_of(C::kAct), write_recovery + t.nRP, "tWR+tRP (WRA)");
  add(L::kBank, mask_of(C::kRefBank), mask_of(C::kAct), t.nRFCpb, "tRFC_pb");
  add(L::kBank, mask_of(C::kAct), mask_of(C::kRefBank), t.nRC, "tRC (REFB)");
  add(L::kBank, mask_of(C::kPre), mask_of(C::kRefBank), t.nRP, "tRP (REFB)");

  // Command-address buses (row and column), shared by the channel's pseudo-channels.
  for (std::size_t c = 0; c < kDramCommandCount; ++c) {
    const auto command = static_cast<DramCommand>(c);
    const double ck = is_column(command) ? 1.0 : command == C::kAct ? t.act_ck : t.row_cmd_ck;
    spec.bus_ticks[c] = static_cast<std::uint32_t>(std::lround(ck * m));
  }
  return spec;
}

}  // namespace lumen
