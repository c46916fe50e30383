// Multi-chip runs through the command line: ping-pong and Pong put optical and electrical side
// by side, all-reduce reports its closed form and energy, and a chip scenario on a system runs
// on one of its chips.
#include <gtest/gtest.h>

#include "cli/lumen_process.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(LumenSystem, PingPongPutsOpticalBesideElectricalAndMatchesTheClosedForm) {
  const fs::path out = scratch_dir("pingpong");
  const auto r = run_lumen(
      {"run", "configs/ring8-optical.json", "scenarios/pingpong.json", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = read_json(out / "report.json");
  const auto& fabrics = report["series"]["fabrics"];
  ASSERT_EQ(fabrics.size(), 2u);
  EXPECT_EQ(fabrics[0]["link_kind"], "optical");
  EXPECT_EQ(fabrics[1]["link_kind"], "electrical");
  for (const auto& f : fabrics) {
    ASSERT_GE(f["curve"].size(), 10u);
    for (const auto& p : f["curve"])  // an idle neighbour link: the closed form to rounding
      EXPECT_NEAR(p["latency_ns"].get<double>(), p["closed_form_ns"].get<double>(),
                  1e-4 * p["closed_form_ns"].get<double>())
          << f["name"] << " " << p["bytes"];
    // Large messages approach the link, small ones its latency.
    EXPECT_NEAR(f["curve"].back()["bandwidth_GBps"].get<double>(), f["hop_GBps"].get<double>(),
                0.02 * f["hop_GBps"].get<double>());
  }
  const std::string summary = read_text(out / "summary.md");
  EXPECT_NE(summary.find("electrical switch (NVLink 5 class) latency ns"), std::string::npos);
  EXPECT_NE(summary.find("n½"), std::string::npos);
  EXPECT_EQ(count(read_text(out / "pingpong_latency.svg"), "<polyline"), 2u);
  EXPECT_TRUE(fs::exists(out / "pingpong_bandwidth.svg"));
}

TEST(LumenSystem, PongReportsFrameRateCommunicationShareAndPictures) {
  const fs::path out = scratch_dir("pong");
  const auto r =
      run_lumen({"run", "configs/ring8-optical.json", "scenarios/pong.json", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = read_json(out / "report.json");
  const auto& fabrics = report["series"]["fabrics"];
  ASSERT_EQ(fabrics.size(), 2u);
  for (const auto& f : fabrics) {
    EXPECT_GT(f["communication_share_pct"].get<double>(), 0);
    EXPECT_LT(f["communication_share_pct"].get<double>(), 100);
    EXPECT_NEAR(f["frame_rate_hz"].get<double>() * f["frame_ns"].get<double>(), 1e9, 1);
    EXPECT_EQ(f["frame_times_ns"].size(), 60u);
  }
  // Same chips and render: the lower-latency optical ring sustains the higher frame rate.
  EXPECT_GT(fabrics[0]["frame_rate_hz"].get<double>(), fabrics[1]["frame_rate_hz"].get<double>());
  EXPECT_EQ(count(read_text(out / "pong_court.svg"), "class=\"strip\""), 8u);
  const std::string frame = read_text(out / "pong_frame.svg");
  EXPECT_GT(count(frame, "class=\"compute\""), 15u);  // every chip rendered, in both fabrics
  EXPECT_GT(count(frame, "class=\"exchange\""), 15u);
  EXPECT_TRUE(fs::exists(out / "pong_fps.svg"));
  EXPECT_NE(read_text(out / "summary.md").find("highest frame rate"), std::string::npos);
}

TEST(LumenSystem, AllReduceOnTheOcsReportsClosedFormReconfigurationsAndEnergy) {
  const fs::path out = scratch_dir("allreduce_ocs");
  const auto r = run_lumen({"run", "configs/ocs8-optical.json", "scenarios/allreduce.json", "--set",
                            "/scenario/chunks=1", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto m = read_json(out / "report.json")["metrics"];
  EXPECT_NEAR(m["closed_form_error_pct"].get<double>(), 0, 2);
  EXPECT_EQ(m["ocs_reconfigurations"].get<double>(), 8);  // one circuit set-up per chip
  EXPECT_GT(m["energy_per_collective_pJ"].get<double>(), m["fabric_energy_pJ"].get<double>());
  EXPECT_GT(m["laser_static_share_pct"].get<double>(), 0);
  EXPECT_LT(m["laser_static_share_pct"].get<double>(), 100);
  EXPECT_GT(m["fabric_energy_per_bit_pJ"].get<double>(), 5);  // the engine's 5 pJ/bit, plus
}

TEST(LumenSystem, ChipScenarioOnASystemRunsOnOneOfItsChips) {
  const fs::path alone = scratch_dir("chip_alone"), in_system = scratch_dir("chip_in_system");
  ASSERT_EQ(
      run_lumen({"run", "configs/default.json", "scenarios/gemm-small.json", "-o", alone.string()})
          .exit_code,
      0);
  const auto r = run_lumen(
      {"run", "configs/ring8-optical.json", "scenarios/gemm-small.json", "-o", in_system.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_json(alone / "report.json")["metrics"]["total_ns"],
            read_json(in_system / "report.json")["metrics"]["total_ns"]);
}

TEST(LumenSystemFaults, ARingRoutesAroundALinkThatIsDown) {
  const fs::path out = scratch_dir("fault_reroute");
  const auto r =
      run_lumen({"run", "configs/ring8-optical.json", "scenarios/pingpong.json", "--set",
                 R"(/platform/system/fabric/faults=[{"link": "c0>c1", "down_at": "0 ns"}])", "-o",
                 out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto fabrics = read_json(out / "report.json")["series"]["fabrics"];
  // Every ping goes the long way round (7 hops), every pong comes back direct.
  const auto& f = fabrics[0];
  EXPECT_EQ(f["fabric_rerouted_messages"].get<double>(), f["curve"].size() * 4.0);
  const double direct = f["curve"][0]["closed_form_ns"].get<double>();
  EXPECT_GT(f["curve"][0]["latency_ns"].get<double>(), 1.5 * direct);
  EXPECT_EQ(fabrics[1]["fabric_rerouted_messages"].get<double>(), 0);  // compared: fault-free
}

TEST(LumenSystemFaults, ALinkDownWithNoOtherRouteEndsTheRunNamingIt) {
  const fs::path out = scratch_dir("fault_no_route");
  const auto r =
      run_lumen({"run", "configs/ring8-electrical.json", "scenarios/allreduce.json", "--set",
                 "/platform/system/fabric/topology=switch", "--set",
                 R"(/platform/system/fabric/faults=[{"link": "c3>switch", "down_at": "2 us"}])",
                 "-o", out.string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("link c3>switch is down"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("from chip 3"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out / "report.json"));
}

TEST(LumenSystemFaults, BitErrorsAreRetransmittedAndCounted) {
  const fs::path out = scratch_dir("fault_ber");
  const auto r =
      run_lumen({"run", "configs/ring8-optical.json", "scenarios/allreduce.json", "--set",
                 R"(/platform/system/fabric/link={"preset": "teraphy", "ber": 1e-6})", "--set",
                 "/scenario/compare=[]", "--set", "/scenario/chunks=1", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto m = read_json(out / "report.json")["metrics"];
  EXPECT_GT(m["fabric_retransmitted_frames"].get<double>(), 1000);
  EXPECT_GT(m["fabric_retransmission_ns"].get<double>(), 0);
  // Frames of 272 B at 1e-6: about 0.2 % of them are hit; go-back-N resends the window.
  EXPECT_GT(m["closed_form_error_pct"].get<double>(), 1);
}

}  // namespace
TEST(LumenSystemFaults, FunctionalPayloadsArriveIntactThroughBitErrorsAndALinkDown) {
  // Functional mode: every message carries bytes the receiver regenerates and compares. Frames
  // hit by bit errors are corrupted on the wire and resent; with retransmission every message
  // arrives intact, without it (retransmission none) some do not, and a link that goes down
  // mid-run reroutes messages without touching their bytes.
  const auto run = [](const std::string& name, const std::string& link, const std::string& faults) {
    const fs::path out = scratch_dir(name);
    std::vector<std::string> args = {"run",
                                     "configs/ring8-optical.json",
                                     "scenarios/allreduce.json",
                                     "--set",
                                     "/scenario/mode=\"functional\"",
                                     "--set",
                                     "/scenario/bytes=\"1 MiB\"",
                                     "--set",
                                     "/scenario/compare=[]",
                                     "--set",
                                     "/platform/system/fabric/link=" + link};
    if (!faults.empty())
      args.insert(args.end(), {"--set", "/platform/system/fabric/faults=" + faults});
    args.insert(args.end(), {"-o", out.string()});
    const auto r = run_lumen(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return read_json(out / "report.json")["metrics"];
  };
  const auto resent = run("func_resent", R"({"preset": "teraphy", "ber": 1e-6})", "");
  EXPECT_GT(resent["fabric_retransmitted_frames"].get<double>(), 100);
  EXPECT_GT(resent["fabric_retransmission_ns"].get<double>(), 0);
  EXPECT_GT(resent["fabric_payloads_intact"].get<double>(), 100);
  EXPECT_EQ(resent["fabric_payloads_corrupted"].get<double>(), 0);
  const auto lost =
      run("func_lost", R"({"preset": "teraphy", "ber": 1e-6, "retransmission": "none"})", "");
  EXPECT_GT(lost["fabric_payloads_corrupted"].get<double>(), 0);
  EXPECT_GT(lost["fabric_corrupted_frames"].get<double>(), 0);
  EXPECT_EQ(lost["fabric_retransmitted_frames"].get<double>(), 0);
  EXPECT_LT(lost["total_ns"].get<double>(), resent["total_ns"].get<double>()) << "no time lost";
  const auto rerouted = run("func_rerouted", R"({"preset": "teraphy", "ber": 1e-6})",
                            R"([{"link": "c2>c3", "down_at": "2 us"}])");
  EXPECT_GT(rerouted["fabric_rerouted_messages"].get<double>(), 0);
  EXPECT_EQ(rerouted["fabric_payloads_corrupted"].get<double>(), 0);
  EXPECT_EQ(rerouted["fabric_payloads_intact"].get<double>(),
            resent["fabric_payloads_intact"].get<double>());
  // Functional mode moves data, not time: the same run in timing mode takes exactly as long.
  const fs::path timing = scratch_dir("func_timing");
  ASSERT_EQ(run_lumen({"run", "configs/ring8-optical.json", "scenarios/allreduce.json", "--set",
                       "/scenario/bytes=\"1 MiB\"", "--set", "/scenario/compare=[]", "--set",
                       R"(/platform/system/fabric/link={"preset": "teraphy", "ber": 1e-6})", "-o",
                       timing.string()})
                .exit_code,
            0);
  EXPECT_EQ(read_json(timing / "report.json")["metrics"]["total_ns"], resent["total_ns"]);
}

}  // namespace lumen::test
