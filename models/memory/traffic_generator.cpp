#include "models/memory/traffic_generator.h"

#include <algorithm>

namespace lumen {

std::optional<TrafficPattern> traffic_pattern_from_name(const std::string& name) {
  for (auto p :
       {TrafficPattern::kSeqRead, TrafficPattern::kSeqWrite, TrafficPattern::kMix2r1w,
        TrafficPattern::kRandRead64, TrafficPattern::kLatRand32, TrafficPattern::kLatSeq32})
    if (name == traffic_pattern_name(p)) return p;
  return std::nullopt;
}

const char* traffic_pattern_name(TrafficPattern pattern) {
  switch (pattern) {
    case TrafficPattern::kSeqRead:
      return "seq_read";
    case TrafficPattern::kSeqWrite:
      return "seq_write";
    case TrafficPattern::kMix2r1w:
      return "mix_2r1w";
    case TrafficPattern::kRandRead64:
      return "rand_read64";
    case TrafficPattern::kLatRand32:
      return "lat_rand32";
    case TrafficPattern::kLatSeq32:
      return "lat_seq32";
  }
  return "?";
}

TrafficGenerator::TrafficGenerator(const sc_core::sc_module_name& name, const TrafficParams& params)
    : sc_core::sc_module(name), socket("socket"), params_(params), random_(params.seed) {
  params_.transaction_bytes = std::clamp<std::uint64_t>(
      params_.transaction_bytes / kRequestBytes * kRequestBytes, kRequestBytes, sizeof(scratch_));
  if (params_.pattern == TrafficPattern::kRandRead64) params_.transaction_bytes = 64;
  if (is_latency_probe(params_.pattern)) {
    params_.transaction_bytes = kRequestBytes;
    params_.workers = 1;
  }
  if (params_.pattern == TrafficPattern::kMix2r1w) params_.transaction_bytes = kRequestBytes;
  const std::uint64_t per = params_.transaction_bytes / kRequestBytes;
  transactions_ = (params_.requests + per - 1) / per;
  sc_core::sc_spawn_options options;
  options.set_stack_size(32 * 1024);
  const std::uint64_t workers = std::min<std::uint64_t>(params_.workers, transactions_);
  for (std::uint64_t i = 0; i < workers; ++i)
    sc_core::sc_spawn([this] { worker(); }, sc_core::sc_gen_unique_name("worker"), &options);
}

TrafficGenerator::Transaction TrafficGenerator::next() {
  const std::uint64_t i = issued_requests_;
  const std::uint64_t left = params_.requests - i;
  const std::uint64_t capacity = params_.capacity_bytes;
  switch (params_.pattern) {
    case TrafficPattern::kRandRead64: {
      const std::uint64_t block = random_.next() % (capacity / 64);
      issued_requests_ += std::min<std::uint64_t>(2, left);
      return {block * 64, static_cast<std::uint32_t>(std::min<std::uint64_t>(2, left) * 32), false};
    }
    case TrafficPattern::kLatRand32: {
      issued_requests_ += 1;
      return {random_.next() % (capacity / kRequestBytes) * kRequestBytes, kRequestBytes, false};
    }
    case TrafficPattern::kMix2r1w:
      issued_requests_ += 1;
      return {i * kRequestBytes % capacity, kRequestBytes, i % 3 == 2};
    default: {
      // Sequential: as many requests as fit in a transaction without wrapping the capacity.
      const std::uint64_t address = i * kRequestBytes % capacity;
      std::uint64_t n = std::min(params_.transaction_bytes / kRequestBytes, left);
      n = std::min(n, (capacity - address) / kRequestBytes);
      issued_requests_ += n;
      return {address, static_cast<std::uint32_t>(n * kRequestBytes),
              params_.pattern == TrafficPattern::kSeqWrite};
    }
  }
}

void TrafficGenerator::worker() {
  tlm::tlm_generic_payload payload;
  while (issued_requests_ < params_.requests) {
    const Transaction t = next();
    ++started_;
    payload.set_command(t.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    payload.set_address(t.address);
    payload.set_data_ptr(scratch_);
    payload.set_data_length(t.bytes);
    payload.set_streaming_width(t.bytes);
    payload.set_byte_enable_ptr(nullptr);
    payload.set_dmi_allowed(false);
    payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    const sc_core::sc_time start = sc_core::sc_time_stamp();
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(payload, delay);
    if (delay != sc_core::SC_ZERO_TIME) wait(delay);
    if (payload.is_response_error())
      SC_REPORT_ERROR(name(), ("memory answered " + payload.get_response_string()).c_str());
    const double ns = (sc_core::sc_time_stamp() - start).to_seconds() * 1e9;
    if (!t.write) {
      read_requests_ += t.bytes / kRequestBytes;
      read_latency_ns_ += ns * static_cast<double>(t.bytes / kRequestBytes);
    }
    max_latency_ns_ = std::max(max_latency_ns_, ns);
    ++done_;
  }
}

void TrafficGenerator::collect(StatsCollector& stats, double) const {
  stats.set(name(), "transactions", static_cast<double>(transactions_));
  stats.set(name(), "transaction_bytes", static_cast<double>(params_.transaction_bytes));
  stats.set(name(), "requests", static_cast<double>(params_.requests));
  stats.set(name(), "workers", static_cast<double>(params_.workers));
  stats.set(name(), "read_latency_avg_ns",
            read_requests_ ? read_latency_ns_ / static_cast<double>(read_requests_) : 0.0);
  stats.set(name(), "latency_max_ns", max_latency_ns_);
}

}  // namespace lumen
