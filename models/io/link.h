// One direction of a chip-to-chip link as a TLM-2.0 interconnect element: transactions arriving
// at `target_socket` are framed, serialised, carried (SerDes, FEC, time of flight) and delivered
// through `initiator_socket` to the far side's target. The link is a shared resource and models
// its own contention: frames leave one after another at the line rate (busy-until).
//
// Timing of a message of n bytes arriving at time t (closed forms in link_equations.h):
//   start  = max(t, link free)
//   frames = ⌈n / frame⌉, each (frame + overhead) / raw seconds on the wire
//   errors: each frame is hit with probability p (seeded draws); a hit frame costs one more
//           frame time (selective repeat) or the W frames of the window (go-back-N), and the
//           message waits one round trip (2 · (SerDes + FEC + flight)) for the NAK turnaround
//   end    = start + frames · frame time + retransmission time
//   delivered at end + SerDes + FEC + flight (the last bit's flight); then the far target's delay
// With no errors and an idle link this is unloaded_latency_s(n) exactly; streaming, the rate is
// effective_Bps() (tests/models/link_test.cpp). Payload bytes pass through unchanged:
// retransmission repairs what the errors break, so functional runs arrive intact.
//
// Cut-through (a message crossing several links, models/io/fabric.h): when the payload carries a
// CutThrough extension, the far side is called as soon as the first frame has arrived
// (start + one frame + SerDes + FEC + flight), the line may not finish before the upstream tail
// has arrived plus one frame (end ≥ tail + frame), and the extension's tail becomes this hop's
// last-bit arrival (end + SerDes + FEC + flight, plus the NAK turnaround after an error). Over h
// equal hops an idle path then costs h·(SerDes + FEC + flight) + (h − 1)·frame + n/(raw·f).
#pragma once

#include <cstdint>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "core/split_mix.h"
#include "core/stats.h"
#include "models/io/link_equations.h"

namespace lumen {

// When the message's last bit has reached the node it is at (see the header comment).
// It lives on the stack of the interconnect that routes the message, never on the heap: a payload
// destroyed while a stopped run left it mid-route must not free it.
struct CutThrough : tlm::tlm_extension<CutThrough> {
  sc_core::sc_time tail;
  void free() override {}
  tlm::tlm_extension_base* clone() const override { return new CutThrough(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    tail = static_cast<const CutThrough&>(other).tail;
  }
};

class Link : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Link> target_socket;
  tlm_utils::simple_initiator_socket<Link> initiator_socket;

  Link(const sc_core::sc_module_name& name, const LinkParams& params);

  const LinkParams& params() const { return params_; }
  // Re-points the link's channels (an optical circuit switch assigning ports to a circuit);
  // 0 = no circuit. Static power is the caller's: it stays with the chip, not the circuit.
  void set_channels(std::uint32_t channels);
  std::uint32_t channels() const { return params_.channels(); }
  std::uint64_t bytes() const { return bytes_; }
  std::uint64_t frames() const { return frames_; }
  std::uint64_t retransmitted_frames() const { return retransmitted_; }
  std::uint64_t corrupted_frames() const { return corrupted_; }
  double retransmission_s() const { return retransmission_s_; }
  double busy_s() const { return busy_s_; }
  // Dynamic energy so far and static energy over `total_s` of run.
  double dynamic_energy_J() const;
  double static_energy_J(double total_s) const { return params_.static_W() * total_s; }
  void collect(StatsCollector& stats, double total_ns) const;

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  void derive_timing();

  LinkParams params_;
  // Functional mode: a frame hit by an error gets one bit flipped (drawn from its own generator,
  // so timing is the same with and without data); a resend restores the kept bytes.
  void corrupt_frame(unsigned char* data, std::uint64_t bytes, std::uint64_t frame);
  void restore_frame(unsigned char* data, std::uint64_t bytes, std::uint64_t frame);
  SplitMix64 random_;
  SplitMix64 bit_random_;
  std::vector<unsigned char> kept_frame_;
  std::uint64_t corrupted_ = 0;  // frames delivered with an error (retransmission none)
  double frame_error_ = 0;
  std::uint32_t window_ = 1;
  double frame_s_ = 0;  // one frame on the wire
  sc_core::sc_time fixed_latency_, free_at_;
  std::uint64_t bytes_ = 0, frames_ = 0, retransmitted_ = 0, messages_ = 0;
  double retransmission_s_ = 0, busy_s_ = 0, latency_sum_s_ = 0;
};

}  // namespace lumen
