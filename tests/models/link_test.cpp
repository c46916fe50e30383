// Chip-to-chip links against their closed forms (models/io/link_equations.h): frame errors and
// retransmission efficiency, unloaded latency of one message exactly, contention between
// senders, streaming throughput under bit errors (go-back-N and selective repeat), energy, and
// payloads arriving intact.
#include "models/io/link.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>

#include "models/memory/simple_memory.h"

namespace lumen {
namespace {

// An optical link in the TeraPHY class: 8 ports × 16 λ × 32 Gb/s NRZ = 512 GB/s per direction.
LinkParams optical(double ber = 0, Retransmission r = Retransmission::kGoBackN) {
  LinkParams p;
  p.kind = LinkKind::kOptical;
  p.ports = 8;
  p.wavelengths = 16;
  p.lane_gbps = 32;
  p.serdes_s = 10e-9;
  p.fec_s = 50e-9;
  p.length_m = 1;
  p.ber = ber;
  p.retransmission = r;
  p.energy_J_per_bit = 3e-12;
  p.laser_W = 2;
  p.tuning_W_per_wavelength = 0.01;
  return p;
}

TEST(LinkEquations, FramesErrorsAndEfficiency) {
  LinkParams p = optical(4.6e-6);
  EXPECT_DOUBLE_EQ(p.raw_Bps(), 8 * 16 * 32e9 / 8);
  const double bits = 8.0 * (256 + 16);
  EXPECT_NEAR(frame_error_probability(p), 1 - std::pow(1 - 4.6e-6, bits), 1e-12);
  EXPECT_DOUBLE_EQ(framing_efficiency(p), 256.0 / 272);
  // Round trip 2·(10 + 50 + 5) ns = 130 ns holds 245 frames of 0.53 ns: the 64-frame replay
  // buffer is the window.
  EXPECT_EQ(frames_per_round_trip(p), 64u);
  const double e = frame_error_probability(p);
  EXPECT_NEAR(retransmission_efficiency(p), (1 - e) / (1 - e + 64 * e), 1e-12);
  p.retransmission = Retransmission::kSelectiveRepeat;
  EXPECT_NEAR(retransmission_efficiency(p), 1 - e, 1e-12);
  EXPECT_DOUBLE_EQ(effective_Bps(optical()), p.raw_Bps() * 256.0 / 272);
  EXPECT_DOUBLE_EQ(unloaded_latency_s(optical(), 4096), 65e-9 + 4096 / (p.raw_Bps() * 256.0 / 272));
  EXPECT_DOUBLE_EQ(p.static_W(), 2 + 0.01 * 128);
}

// `senders` threads each write `messages` messages of `bytes` through one link into a memory.
struct Bench : sc_core::sc_module {
  std::vector<std::unique_ptr<tlm_utils::simple_initiator_socket<Bench>>> sockets;
  Link link;
  SimpleMemory memory;
  std::uint64_t bytes, messages;
  sc_core::sc_time last_done;
  std::vector<double> done_ns;
  std::vector<unsigned char> data;

  Bench(const LinkParams& p, int senders, std::uint64_t bytes_each, std::uint64_t count,
        bool functional = false)
      : sc_core::sc_module("bench"),
        link("link", p),
        memory("memory",
               [&] {
                 SimpleMemoryParams m;
                 m.ideal = true;
                 m.functional = functional;
                 return m;
               }()),
        bytes(bytes_each),
        messages(count),
        data(bytes_each) {
    for (std::uint64_t i = 0; i < bytes_each; ++i) data[i] = static_cast<unsigned char>(i * 7 + 1);
    link.initiator_socket.bind(memory.socket);
    // One socket: simple sockets bind once, so senders share it (b_transport is reentrant).
    sockets.push_back(std::make_unique<tlm_utils::simple_initiator_socket<Bench>>("out"));
    sockets[0]->bind(link.target_socket);
    for (int s = 0; s < senders; ++s)
      sc_core::sc_spawn([this, s] { send(static_cast<std::uint64_t>(s)); });
  }
  void send(std::uint64_t sender) {
    for (std::uint64_t i = 0; i < messages; ++i) {
      tlm::tlm_generic_payload payload;
      payload.set_command(tlm::TLM_WRITE_COMMAND);
      payload.set_address((sender * messages + i) * bytes);
      payload.set_data_ptr(data.data());
      payload.set_data_length(static_cast<unsigned>(bytes));
      payload.set_streaming_width(static_cast<unsigned>(bytes));
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      (*sockets[0])->b_transport(payload, delay);
      last_done = std::max(last_done, sc_core::sc_time_stamp());
      done_ns.push_back(sc_core::sc_time_stamp().to_seconds() * 1e9);
    }
  }
};

TEST(Link, UnloadedMessageTakesExactlyTheClosedForm) {
  Bench bench(optical(), 1, 4096, 1);
  sc_core::sc_start();
  EXPECT_NEAR(bench.done_ns.at(0), unloaded_latency_s(optical(), 4096) * 1e9, 1e-3);
  EXPECT_EQ(bench.link.frames(), 16u);
  EXPECT_EQ(bench.link.retransmitted_frames(), 0u);
}

TEST(Link, SendersShareTheLineRate) {
  // Two 64 KiB messages at once: the second waits for the first's frames.
  Bench bench(optical(), 2, 65536, 1);
  sc_core::sc_start();
  const double serialise_ns = 65536 / (optical().raw_Bps() * 256.0 / 272) * 1e9;
  ASSERT_EQ(bench.done_ns.size(), 2u);
  EXPECT_NEAR(bench.done_ns[0], 65 + serialise_ns, 1e-3);
  EXPECT_NEAR(bench.done_ns[1], 65 + 2 * serialise_ns, 1e-3);
}

class LinkUnderErrors : public ::testing::TestWithParam<Retransmission> {};

TEST_P(LinkUnderErrors, StreamingRateIsTheEffectiveBandwidth) {
  // Frame error probability ≈ 1 %: go-back-N loses 64 frame times per error (η ≈ 0.61),
  // selective repeat one (η ≈ 0.99). 16 senders keep the link busy; 320,000 frames.
  const LinkParams p = optical(4.6e-6, GetParam());
  Bench bench(p, 16, 4096, 1250);
  sc_core::sc_start();
  const double seconds = bench.link.busy_s();
  const double rate = static_cast<double>(bench.link.bytes()) / seconds;
  EXPECT_NEAR(rate, effective_Bps(p), 0.02 * effective_Bps(p));
  EXPECT_GT(bench.link.retransmitted_frames(), 0u);
  // The link was the bottleneck: busy nearly all of the run.
  EXPECT_GT(seconds / bench.last_done.to_seconds(), 0.97);
  // Energy: every frame on the wire (retransmissions included) at 3 pJ/bit, plus laser and
  // tuning for the whole run.
  const double wire_bits = 8.0 * 272 * (bench.link.frames() + bench.link.retransmitted_frames());
  EXPECT_NEAR(bench.link.dynamic_energy_J(), wire_bits * 3e-12, 1e-18);
  EXPECT_NEAR(bench.link.static_energy_J(1e-3), (2 + 1.28) * 1e-3, 1e-15);
}

INSTANTIATE_TEST_SUITE_P(Policies, LinkUnderErrors,
                         ::testing::Values(Retransmission::kGoBackN,
                                           Retransmission::kSelectiveRepeat));

TEST(Link, PayloadArrivesIntactDespiteErrors) {
  Bench bench(optical(1e-4), 1, 4096, 3, true);  // p ≈ 20 %: most messages see a retransmission
  sc_core::sc_start();
  EXPECT_GT(bench.link.retransmitted_frames(), 0u);
  for (std::uint64_t m = 0; m < 3; ++m) {
    std::vector<unsigned char> got(4096);
    bench.memory.read_backdoor(m * 4096, got.data(), got.size());
    EXPECT_EQ(got, bench.data) << m;
  }
}

}  // namespace
}  // namespace lumen
