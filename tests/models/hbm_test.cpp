// HBM: presets against published peaks, the controller against the closed forms of its timing
// equation, and every command log against the protocol checker (random traffic and every
// memory-scenario pattern). The side-by-side check against Ramulator 2 is in
// tests/cli/hbm_ramulator_test.cpp.
#include <gtest/gtest.h>

#include <tuple>

#include <nlohmann/json.hpp>

#include "core/split_mix.h"
#include "models/memory/dram/dram_controller.h"
#include "models/memory/dram/dram_protocol_checker.h"
#include "platforms/hbm_params.h"
#include "platforms/memory_testbench.h"

namespace lumen {
namespace {

HbmParams preset(const std::string& standard, nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json hbm = {{"standard", standard}};
  hbm.merge_patch(extra);
  return hbm_params_from(hbm);
}

TEST(HbmPresets, PeakBandwidthAndCapacityMatchThePublishedFigures) {
  // JESD235 / JESD238 per-stack peaks: 1024 data bits × data rate.
  const std::vector<std::pair<std::string, double>> peaks = {
      {"HBM2-2.0", 256.0},  {"HBM2-2.4", 307.2}, {"HBM2E-3.2", 409.6},
      {"HBM2E-3.6", 460.8}, {"HBM3-6.4", 819.2}, {"HBM3E-9.6", 1228.8}};
  for (const auto& [standard, gbps] : peaks) {
    const HbmParams p = preset(standard);
    EXPECT_NEAR(p.peak_Bps() / 1e9, gbps, 1e-9) << standard;
    EXPECT_EQ(p.spec.org.access_bytes(), 32u) << standard;
    const double stack_gib = static_cast<double>(p.spec.org.channel_bytes()) *
                             p.spec.org.channels_per_stack / (1ull << 30);
    EXPECT_EQ(stack_gib, standard.rfind("HBM3", 0) == 0 ? 16.0 : 8.0) << standard;
    // One access every nBL CK per pseudo-channel must be the data rate.
    const double per_pc = 32.0 / (p.spec.timing.nBL * p.spec.timing.tCK_ps * 1e-12);
    EXPECT_NEAR(per_pc * p.spec.org.pseudo_channels * p.used_channels() / 1e9, gbps, gbps * 0.002)
        << standard;
  }
}

// Ticks from arrival to data for one read on an idle channel.
std::uint64_t unloaded_latency(DramChannelController& c, const DramAddress& a) {
  const std::uint64_t at = c.now() + 1000;
  c.submit(1, false, a, at);
  c.advance(at + 100000);
  EXPECT_EQ(c.completions().size(), 1u);
  const std::uint64_t done = c.completions().back().tick;
  c.completions().clear();
  return done - at;
}

TEST(DramController, UnloadedLatencyIsTheClosedForm) {
  for (const std::string standard : {"HBM2-2.0", "HBM3-6.4"}) {
    HbmParams p = preset(standard, {{"refresh", "none"}});
    const DramSpec& s = p.spec;
    const DramTimings& t = s.timing;
    const std::uint64_t m = t.tick_multiplier;
    DramChannelController c(s, p.controller);
    // Closed bank: one controller stage + ACT→RD (counted from ACT's last tick) + CL + BL.
    const auto act = s.bus_ticks[static_cast<std::size_t>(DramCommand::kAct)];
    const auto col = s.bus_ticks[static_cast<std::size_t>(DramCommand::kRd)];
    const auto pre = s.bus_ticks[static_cast<std::size_t>(DramCommand::kPre)];
    const std::uint64_t read = (t.nCL + t.nBL) * m;
    const std::uint64_t act_to_rd = t.nRCDRD * m + act - col;
    const std::uint64_t edge = m;  // HBM3: commands wait for a rising edge (at most one CK)
    const std::uint64_t miss = unloaded_latency(c, {0, 0, 0, 0, 0, 7, 0});
    EXPECT_GE(miss, 1 + act_to_rd + read) << standard;
    EXPECT_LE(miss, 1 + act_to_rd + read + edge) << standard;
    const std::uint64_t hit = unloaded_latency(c, {0, 0, 0, 0, 0, 7, 1});
    EXPECT_GE(hit, 1 + read) << standard;
    EXPECT_LE(hit, 1 + read + edge) << standard;
    const std::uint64_t conflict = unloaded_latency(c, {0, 0, 0, 0, 0, 9, 0});
    const std::uint64_t pre_to_act = t.nRP * m + pre - act;
    EXPECT_GE(conflict, 1 + pre_to_act + act_to_rd + read) << standard;
    EXPECT_LE(conflict, 1 + pre_to_act + act_to_rd + read + 2 * edge) << standard;
    // The JEDEC form tRP + tRCD + CL + BL, within 10 % (the controller stage and the command
    // bus occupancy of ACT and PRE are what separates them).
    const double jedec = (t.nRP + t.nRCDRD + t.nCL + t.nBL) * m;
    EXPECT_NEAR(static_cast<double>(conflict), jedec, 0.10 * jedec) << standard;
  }
}

// Reads of consecutive addresses, `n` of them, from tick 0, through the address map.
DramChannelStats stream(const HbmParams& p, std::uint64_t n, std::uint64_t& end) {
  std::string error;
  const auto map = DramAddressMap::make(p.mapping, p.spec.org, 1, 32, error);
  EXPECT_TRUE(map) << error;
  DramChannelController c(p.spec, p.controller);
  for (std::uint64_t i = 0; i < n; ++i) c.submit(i, false, map->map(i * 32), 0);
  for (std::uint64_t until = 1 << 16; c.completions().size() < n; until *= 2) c.advance(until);
  end = 0;
  for (const auto& done : c.completions()) end = std::max(end, done.tick);
  EXPECT_EQ(c.completions().size(), n);
  return c.stats();
}

TEST(DramController, StreamingApproachesTheRefreshCeiling) {
  // peak × (1 − tRFC/tREFI) is the most a stream can get; both interleaved mappings should come
  // within 10 % of it (the rest: the precharge before each refresh, and the row switch every 32
  // columns, when the banks a stream rotates over reopen rows together).
  for (const std::string standard : {"HBM2-2.0", "HBM3-6.4"}) {
    std::uint64_t end = 0;
    for (const std::string mapping : {"bank_interleaved", "line_interleaved"}) {
      const HbmParams p = preset(standard, {{"mapping", mapping}, {"channels", 1}});
      const std::uint64_t n = 200000;
      stream(p, n, end);
      const double seconds = static_cast<double>(end * p.spec.tick_fs) * 1e-15;
      const double efficiency = n * 32.0 / seconds / p.spec.peak_channel_Bps();
      const double ceiling = 1.0 - static_cast<double>(p.spec.timing.nRFC) / p.spec.timing.nREFI;
      EXPECT_LE(efficiency, ceiling) << standard << " " << mapping;
      EXPECT_GE(efficiency, 0.90 * ceiling) << standard << " " << mapping;
    }
    // Row-major on the same stream pays tCCD_L within one bank group: near half.
    const HbmParams row = preset(standard, {{"mapping", "row_major"}, {"channels", 1}});
    std::uint64_t row_end = 0;
    stream(row, 200000, row_end);
    EXPECT_GT(static_cast<double>(row_end), 1.6 * static_cast<double>(end)) << standard;
  }
}

TEST(DramAddressMap, SplitFieldsPlaceTheirBitsInOrder) {
  const HbmParams p = preset("HBM3-6.4");
  std::string error;
  // line_interleaved on one channel: co 2 low bits, pc, bg, co 3 high bits, sid, ba, ro.
  const auto map = DramAddressMap::make("ro_ba_sid_co_bg_pc_co2", p.spec.org, 1, 32, error);
  ASSERT_TRUE(map) << error;
  for (std::uint64_t i : {0ull, 1ull, 3ull, 4ull, 8ull, 31ull, 32ull, 255ull, 256ull, 12345ull}) {
    const DramAddress a = map->map(i * 32);
    EXPECT_EQ(a.column, (i & 3) | ((i >> 5) & 7) << 2) << i;
    EXPECT_EQ(a.pc, (i >> 2) & 1) << i;
    EXPECT_EQ(a.bg, (i >> 3) & 3) << i;
    EXPECT_EQ(a.sid, (i >> 8) & 1) << i;
    EXPECT_EQ(a.bank, (i >> 9) & 3) << i;
    EXPECT_EQ(a.row, i >> 11) << i;
  }
  // The same placement spelled with both counts.
  const auto spelled = DramAddressMap::make("ro_ba_sid_co3_bg_pc_co2", p.spec.org, 1, 32, error);
  ASSERT_TRUE(spelled) << error;
  for (std::uint64_t i = 0; i < 4096; i += 7) {
    const DramAddress a = map->map(i * 32), b = spelled->map(i * 32);
    EXPECT_EQ(std::tie(a.column, a.pc, a.bg, a.sid, a.bank, a.row),
              std::tie(b.column, b.pc, b.bg, b.sid, b.bank, b.row));
  }
  for (const std::string bad : {"ro_ba_sid_co_bg_pc_co", "ro_ba_sid_co4_bg_pc_co2",
                                "ro_ba_sid_co2_bg_pc_co2", "ro_ba_sid_co_bg_pc_co0"}) {
    error.clear();
    EXPECT_FALSE(DramAddressMap::make(bad, p.spec.org, 1, 32, error)) << bad;
    EXPECT_NE(error.find("co"), std::string::npos) << bad << ": " << error;
  }
}

// The default mapping's reason: concurrent streams to different rows (16 tiles' DMA bursts)
// thrash rows when every 32 B access of a granule opens its own bank.
TEST(DramController, LineInterleavingKeepsConcurrentStreamsInTheirRows) {
  auto row_hit_pct = [](const std::string& mapping) {
    const HbmParams p = preset("HBM3-6.4", {{"mapping", mapping}, {"channels", 1}});
    std::string error;
    const auto map = DramAddressMap::make(p.mapping, p.spec.org, 1, 32, error);
    EXPECT_TRUE(map) << error;
    DramChannelController c(p.spec, p.controller);
    const std::uint64_t streams = 16, granule = 8, rounds = 256;
    std::uint64_t tag = 0;
    for (std::uint64_t r = 0; r < rounds; ++r)
      for (std::uint64_t s = 0; s < streams; ++s)  // each stream 1 MiB from the next
        for (std::uint64_t i = 0; i < granule; ++i)
          c.submit(tag++, false, map->map((s << 20) + (r * granule + i) * 32), 0);
    for (std::uint64_t until = 1 << 16; c.completions().size() < tag; until *= 2) c.advance(until);
    const DramChannelStats& st = c.stats();
    return 100.0 * st.row_hits / (st.row_hits + st.row_misses + st.row_conflicts);
  };
  const double line = row_hit_pct("line_interleaved"), bank = row_hit_pct("bank_interleaved");
  EXPECT_GT(line, 60.0);
  EXPECT_GT(line, bank + 20.0) << "bank_interleaved " << bank;
}

struct ProtocolCase {
  std::string standard;
  std::string page_policy;
  std::string refresh;
};

class RandomTraffic : public ::testing::TestWithParam<ProtocolCase> {};

TEST_P(RandomTraffic, EveryCommandObeysEveryConstraint) {
  const ProtocolCase& pc = GetParam();
  HbmParams p = preset(pc.standard, {{"page_policy", pc.page_policy},
                                     {"refresh", pc.refresh},
                                     {"read_queue", 16},
                                     {"write_queue", 16}});
  p.controller.record_commands = true;
  const DramOrganisation& o = p.spec.org;
  DramChannelController c(p.spec, p.controller);
  SplitMix64 random(7);
  std::uint64_t tick = 0;
  for (std::uint64_t i = 0; i < 60000; ++i) {
    tick += random.below(6);  // bursts and gaps
    DramAddress a;
    a.pc = random.below(o.pseudo_channels);
    a.sid = random.below(o.stack_ids);
    a.bg = random.below(o.bank_groups);
    a.bank = random.below(o.banks_per_group);
    a.row = random.below(4);  // few rows: plenty of hits and conflicts
    a.column = random.below(o.columns);
    c.submit(i, random.below(3) == 0, a, tick);
    if (i % 64 == 0) c.advance(tick);
  }
  c.advance(tick + 1000000);
  EXPECT_EQ(c.completions().size(), 60000u);
  const auto& s = c.stats();
  EXPECT_GT(s.row_hits, 1000u);
  EXPECT_GT(s.row_conflicts + s.row_misses, 1000u);
  if (pc.refresh != "none") {
    EXPECT_GT(s.refreshes, 10u);
  }
  const ProtocolReport report =
      check_protocol(p.spec, c.command_log(), c.now(), p.controller.refresh);
  EXPECT_GT(report.commands, 60000u);
  EXPECT_EQ(report.violations, 0u) << (report.first.empty() ? "" : report.first.front());
  for (const auto& line : report.first) ADD_FAILURE() << line;
}

INSTANTIATE_TEST_SUITE_P(Standards, RandomTraffic,
                         ::testing::Values(ProtocolCase{"HBM2-2.0", "open", "all_bank"},
                                           ProtocolCase{"HBM2-2.0", "closed", "per_bank"},
                                           ProtocolCase{"HBM2E-3.6", "open", "per_bank"},
                                           ProtocolCase{"HBM3-6.4", "open", "all_bank"},
                                           ProtocolCase{"HBM3-6.4", "closed", "all_bank"},
                                           ProtocolCase{"HBM3E-9.6", "open", "per_bank"}),
                         [](const auto& info) {
                           std::string name = info.param.standard + "_" + info.param.page_policy +
                                              "_" + info.param.refresh;
                           for (char& ch : name)
                             if (ch == '-' || ch == '.') ch = '_';
                           return name;
                         });

TEST(DramProtocolChecker, CatchesBrokenLogs) {
  HbmParams p = preset("HBM2-2.0");
  p.controller.record_commands = true;
  DramChannelController c(p.spec, p.controller);
  for (std::uint64_t i = 0; i < 64; ++i) c.submit(i, false, {0, 0, 0, 0, 0, 3, 0}, 0);
  c.submit(99, false, {0, 0, 0, 0, 0, 5, 0}, 0);
  c.advance(200000);  // long enough to need refreshes
  const auto& good = c.command_log();
  ASSERT_EQ(check_protocol(p.spec, good, c.now(), RefreshPolicy::kAllBank).violations, 0u);

  auto rd_after_act = good;  // move the first RD one tick earlier: violates tRCD
  for (std::size_t i = 0; i < rd_after_act.size(); ++i)
    if (rd_after_act[i].command == DramCommand::kRd) {
      --rd_after_act[i].tick;
      break;
    }
  const auto early = check_protocol(p.spec, rd_after_act, c.now(), RefreshPolicy::kAllBank);
  ASSERT_GT(early.violations, 0u);
  EXPECT_NE(early.first.front().find("tRCD_RD"), std::string::npos) << early.first.front();

  std::vector<IssuedCommand> no_refresh;
  for (const auto& cmd : good)
    if (cmd.command != DramCommand::kRefAll) no_refresh.push_back(cmd);
  const auto missing = check_protocol(p.spec, no_refresh, c.now(), RefreshPolicy::kAllBank);
  ASSERT_GT(missing.violations, 0u);
  EXPECT_NE(missing.first.back().find("no refresh"), std::string::npos) << missing.first.back();

  std::vector<IssuedCommand> double_act = {good.front(), good.front()};
  double_act[1].tick += 1000;
  const auto state = check_protocol(p.spec, double_act, 2000, RefreshPolicy::kNone);
  ASSERT_GT(state.violations, 0u);
  EXPECT_NE(state.first.front().find("open bank"), std::string::npos) << state.first.front();
}

// Every memory-scenario pattern, through the TLM target, on a full stack with records on.
class PatternProtocol : public ::testing::TestWithParam<std::tuple<std::string, TrafficPattern>> {};

TEST_P(PatternProtocol, CommandLogsPassTheChecker) {
  const auto& [standard, pattern] = GetParam();
  ChipParams chip;
  chip.has_hbm = true;
  chip.hbm = preset(standard, {{"channels", 4}, {"mapping", "bank_interleaved"}});
  chip.hbm.controller.record_commands = true;
  TrafficParams traffic;
  traffic.pattern = pattern;
  traffic.requests = is_latency_probe(pattern) ? 500 : 20000;
  traffic.transaction_bytes = 256;
  MemoryTestbench bench("chip0", chip, traffic);
  sc_core::sc_start();
  ASSERT_TRUE(bench.finished());
  const Hbm& hbm = *bench.hbm();
  std::uint64_t commands = 0, accesses = 0;
  for (std::size_t ch = 0; ch < hbm.channel_count(); ++ch) {
    const auto& controller = hbm.controller(ch);
    const auto report = check_protocol(chip.hbm.spec, controller.command_log(), hbm.now_tick(),
                                       chip.hbm.controller.refresh);
    EXPECT_EQ(report.violations, 0u)
        << "channel " << ch << ": " << (report.first.empty() ? "" : report.first.front());
    commands += report.commands;
    accesses += controller.stats().reads + controller.stats().writes;
  }
  EXPECT_EQ(accesses, traffic.requests);
  EXPECT_GT(commands, accesses);
}

INSTANTIATE_TEST_SUITE_P(
    Patterns, PatternProtocol,
    ::testing::Combine(::testing::Values("HBM2-2.0", "HBM3-6.4"),
                       ::testing::Values(TrafficPattern::kSeqRead, TrafficPattern::kSeqWrite,
                                         TrafficPattern::kMix2r1w, TrafficPattern::kRandRead64,
                                         TrafficPattern::kLatRand32, TrafficPattern::kLatSeq32)),
    [](const auto& info) {
      std::string name =
          std::get<0>(info.param) + "_" + traffic_pattern_name(std::get<1>(info.param));
      for (char& ch : name)
        if (ch == '-' || ch == '.') ch = '_';
      return name;
    });

}  // namespace
}  // namespace lumen
