// Memory traffic generator: a TLM-2.0 initiator that plays a synthetic pattern into a memory
// target. Requests are 32 B; request i of a pattern has a fixed address, so the same pattern can
// be replayed in a peer simulator (tests/data/ramulator2/README.md):
//   seq_read / seq_write   address 32·i (mod capacity)
//   mix_2r1w               address 32·i, a write when i mod 3 = 2
//   rand_read64            block b = SplitMix64(seed) mod (capacity/64); reads 64·b and 64·b+32
//   lat_rand32 / lat_seq32 random / sequential 32 B reads, one outstanding (unloaded latency)
// Saturation patterns issue from `workers` threads in pattern order, enough to keep every
// channel's queue full; consecutive sequential requests are merged into transactions of
// `transaction_bytes`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>
#include <tlm>

#include "core/split_mix.h"
#include "core/stats.h"

namespace lumen {

enum class TrafficPattern { kSeqRead, kSeqWrite, kMix2r1w, kRandRead64, kLatRand32, kLatSeq32 };
std::optional<TrafficPattern> traffic_pattern_from_name(const std::string& name);
const char* traffic_pattern_name(TrafficPattern pattern);
inline bool is_latency_probe(TrafficPattern p) {
  return p == TrafficPattern::kLatRand32 || p == TrafficPattern::kLatSeq32;
}

struct TrafficParams {
  TrafficPattern pattern = TrafficPattern::kSeqRead;
  std::uint64_t requests = 1000;  // 32 B requests
  std::uint64_t seed = 1;
  std::uint64_t transaction_bytes = 32;
  std::uint64_t capacity_bytes = 1ull << 30;
  std::uint32_t workers = 64;  // transactions in flight (1 for latency probes)
};

class TrafficGenerator : public sc_core::sc_module {
 public:
  static constexpr std::uint64_t kRequestBytes = 32;
  tlm_utils::simple_initiator_socket<TrafficGenerator> socket;

  TrafficGenerator(const sc_core::sc_module_name& name, const TrafficParams& params);

  bool finished() const { return done_ == transactions_; }
  std::uint64_t transactions() const { return transactions_; }
  void collect(StatsCollector& stats, double total_ns) const;

 private:
  struct Transaction {
    std::uint64_t address;
    std::uint32_t bytes;
    bool write;
  };
  Transaction next();  // the next transaction in pattern order
  void worker();

  TrafficParams params_;
  SplitMix64 random_;
  std::uint64_t issued_requests_ = 0, transactions_ = 0, started_ = 0, done_ = 0;
  std::uint64_t read_requests_ = 0;
  double read_latency_ns_ = 0, max_latency_ns_ = 0;
  unsigned char scratch_[4096] = {};
};

}  // namespace lumen
