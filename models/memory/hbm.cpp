#include "models/memory/hbm.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lumen {
namespace {

std::uint64_t resolution_fs() {
  return static_cast<std::uint64_t>(
      std::llround(sc_core::sc_get_time_resolution().to_seconds() * 1e15));
}

DramAddressMap make_map(const HbmParams& p) {
  std::string error;
  const std::uint64_t granule = p.interleave_bytes ? p.interleave_bytes : p.spec.org.access_bytes();
  auto map = DramAddressMap::make(p.mapping, p.spec.org, p.used_channels(), granule, error);
  if (!map) throw std::invalid_argument("HBM address mapping '" + p.mapping + "': " + error);
  return *map;
}

}  // namespace

Hbm::Hbm(const sc_core::sc_module_name& name, const HbmParams& params)
    : sc_core::sc_module(name),
      socket("socket"),
      params_(params),
      map_(make_map(params)),
      min_latency_ticks_(std::max(
          1u, std::min(params.spec.read_latency_ticks(), params.spec.write_latency_ticks()))) {
  for (std::uint32_t c = 0; c < params.used_channels(); ++c)
    controllers_.push_back(
        std::make_unique<DramChannelController>(params_.spec, params.controller));
  socket.register_b_transport(this, &Hbm::b_transport);
  socket.register_transport_dbg(this, &Hbm::transport_dbg);
  SC_HAS_PROCESS(Hbm);
  SC_METHOD(wake);
  sensitive << wake_event_;
  dont_initialize();
}

std::uint64_t Hbm::now_tick() const {
  const std::uint64_t now_fs = sc_core::sc_time_stamp().value() * resolution_fs();
  return (now_fs + params_.spec.tick_fs - 1) / params_.spec.tick_fs;
}

sc_core::sc_time Hbm::time_of(std::uint64_t tick) const {
  const std::uint64_t res = resolution_fs();
  return sc_core::sc_time::from_value((tick * params_.spec.tick_fs + res - 1) / res);
}

void Hbm::schedule_wake(std::uint64_t tick) {
  if (tick >= wake_at_) return;
  wake_at_ = tick;
  const sc_core::sc_time at = time_of(tick), now = sc_core::sc_time_stamp();
  wake_event_.notify(at > now ? at - now : sc_core::SC_ZERO_TIME);
}

void Hbm::wake() {
  wake_at_ = UINT64_MAX;
  const std::uint64_t until = now_tick();
  bool work = false;
  for (auto& controller : controllers_) {
    if (controller->has_work()) controller->advance(until);
    // A transaction joins the completion heap once, when its last access has been issued.
    for (const DramCompletion& done : controller->completions()) {
      auto* t = reinterpret_cast<Transaction*>(done.tag);
      t->done_tick = std::max(t->done_tick, done.tick);
      if (--t->unissued == 0) completions_.push({t->done_tick, t});
    }
    controller->completions().clear();
    work = work || controller->has_work();
  }
  const std::uint64_t now_fs = sc_core::sc_time_stamp().value() * resolution_fs();
  while (!completions_.empty() && completions_.top().tick * params_.spec.tick_fs <= now_fs) {
    Transaction* t = completions_.top().transaction;
    completions_.pop();
    t->done.notify();
  }
  std::uint64_t next = completions_.empty() ? UINT64_MAX : completions_.top().tick;
  // Nothing queued can complete sooner than one access latency from now (reads only: CL + BL).
  const std::uint64_t soonest =
      outstanding_writes_ ? min_latency_ticks_ : params_.spec.read_latency_ticks();
  if (work) next = std::min(next, until + soonest);
  if (next != UINT64_MAX) schedule_wake(next);
}

void Hbm::b_transport(int, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const std::uint64_t address = payload.get_address(), len = payload.get_data_length();
  if (len == 0 || address + len > map_.capacity_bytes() || address + len < address) {
    payload.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  if (params_.functional) {
    if (payload.is_read())
      storage_.read(address, payload.get_data_ptr(), len);
    else
      storage_.write(address, payload.get_data_ptr(), len);
  }
  if (delay != sc_core::SC_ZERO_TIME) {  // synchronise: the request arrives at its own time
    wait(delay);
    delay = sc_core::SC_ZERO_TIME;
  }
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  if (outstanding_++ == 0) pending_since_ = start;
  const std::uint64_t tick = now_tick();
  const bool write = payload.is_write();
  const std::uint64_t access = params_.spec.org.access_bytes();
  Transaction transaction;
  const auto tag = reinterpret_cast<std::uint64_t>(&transaction);
  for (std::uint64_t a = address / access * access; a < address + len; a += access) {
    const DramAddress where = map_.map(a);
    controllers_[where.channel]->submit(tag, write, where, tick);
    ++transaction.unissued;
  }
  if (write) ++outstanding_writes_;
  schedule_wake(tick + (write ? min_latency_ticks_ : params_.spec.read_latency_ticks()));
  wait(transaction.done);
  if (write) --outstanding_writes_;
  if (--outstanding_ == 0)
    pending_ns_ += (sc_core::sc_time_stamp() - pending_since_).to_seconds() * 1e9;
  ++transactions_;
  (write ? write_bytes_ : read_bytes_) += len;
  transaction_latency_ns_ += (sc_core::sc_time_stamp() - start).to_seconds() * 1e9;
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned int Hbm::transport_dbg(int, tlm::tlm_generic_payload& payload) {
  if (!params_.functional) return 0;
  if (payload.is_read())
    storage_.read(payload.get_address(), payload.get_data_ptr(), payload.get_data_length());
  else
    storage_.write(payload.get_address(), payload.get_data_ptr(), payload.get_data_length());
  return payload.get_data_length();
}

void Hbm::write_backdoor(std::uint64_t address, const unsigned char* data, std::uint64_t len) {
  storage_.write(address, data, len);
}

void Hbm::read_backdoor(std::uint64_t address, unsigned char* data, std::uint64_t len) const {
  storage_.read(address, data, len);
}

void Hbm::collect(StatsCollector& stats, double total_ns) const {
  const DramSpec& spec = params_.spec;
  const double tick_ns = static_cast<double>(spec.tick_fs) * 1e-6;
  const double access = spec.org.access_bytes();
  auto pct = [](double part, double whole) { return whole > 0 ? 100.0 * part / whole : 0.0; };
  DramChannelStats sum;
  for (std::size_t c = 0; c < controllers_.size(); ++c) {
    const DramChannelStats& s = controllers_[c]->stats();
    const std::string component = std::string(name()) + ".ch" + std::to_string(c);
    const double bytes = static_cast<double>(s.reads + s.writes) * access;
    const double accesses = static_cast<double>(s.row_hits + s.row_misses + s.row_conflicts);
    stats.set(component, "reads", static_cast<double>(s.reads));
    stats.set(component, "writes", static_cast<double>(s.writes));
    stats.set(component, "bytes", bytes);
    stats.set(component, "bandwidth_GBps", total_ns > 0 ? bytes / total_ns : 0.0);
    stats.set(component, "row_hit_pct", pct(static_cast<double>(s.row_hits), accesses));
    stats.set(component, "row_miss_pct", pct(static_cast<double>(s.row_misses), accesses));
    stats.set(component, "row_conflict_pct", pct(static_cast<double>(s.row_conflicts), accesses));
    stats.set(component, "activates", static_cast<double>(s.activates));
    stats.set(component, "refreshes", static_cast<double>(s.refreshes));
    stats.set(component, "read_latency_avg_ns",
              s.reads ? static_cast<double>(s.read_latency_ticks) * tick_ns / s.reads : 0.0);
    stats.set(
        component, "data_bus_busy_pct",
        pct(static_cast<double>(s.data_bus_ticks) * tick_ns, total_ns * spec.org.pseudo_channels));
    for (std::size_t b = 0; b < s.read_latency_log2_ns.size(); ++b)
      if (s.read_latency_log2_ns[b])
        stats.set(component, "read_latency_hist_" + std::to_string(1u << b) + "ns",
                  static_cast<double>(s.read_latency_log2_ns[b]));
    sum.reads += s.reads;
    sum.writes += s.writes;
    sum.row_hits += s.row_hits;
    sum.row_misses += s.row_misses;
    sum.row_conflicts += s.row_conflicts;
    sum.refreshes += s.refreshes;
    sum.read_latency_ticks += s.read_latency_ticks;
    sum.data_bus_ticks += s.data_bus_ticks;
  }
  const std::string me = name();
  const double bytes = static_cast<double>(read_bytes_ + write_bytes_);
  const double buses = static_cast<double>(controllers_.size() * spec.org.pseudo_channels);
  const double busy_ns = static_cast<double>(sum.data_bus_ticks) * tick_ns / buses;
  const double accesses = static_cast<double>(sum.row_hits + sum.row_misses + sum.row_conflicts);
  stats.set(me, "read_bytes", static_cast<double>(read_bytes_));
  stats.set(me, "write_bytes", static_cast<double>(write_bytes_));
  stats.set(me, "requests", static_cast<double>(transactions_));
  stats.set(me, "accesses", static_cast<double>(sum.reads + sum.writes));
  stats.set(me, "access_bytes", access);
  stats.set(me, "busy_ns", busy_ns);
  stats.set(me, "busy_pct", pct(busy_ns, total_ns));
  stats.set(me, "achieved_GBps", total_ns > 0 ? bytes / total_ns : 0.0);
  stats.set(me, "peak_GBps", params_.peak_Bps() / 1e9);
  stats.set(me, "efficiency_pct",
            pct(total_ns > 0 ? bytes / total_ns : 0.0, params_.peak_Bps() / 1e9));
  stats.set(me, "pending_ns", pending_ns_);
  stats.set(me, "pending_pct", pct(pending_ns_, total_ns));
  stats.set(me, "channels", static_cast<double>(controllers_.size()));
  stats.set(me, "row_hit_pct", pct(static_cast<double>(sum.row_hits), accesses));
  stats.set(me, "refreshes", static_cast<double>(sum.refreshes));
  stats.set(me, "read_latency_avg_ns",
            sum.reads ? static_cast<double>(sum.read_latency_ticks) * tick_ns / sum.reads : 0.0);
  stats.set(me, "transaction_latency_avg_ns",
            transactions_ ? transaction_latency_ns_ / static_cast<double>(transactions_) : 0.0);
}

}  // namespace lumen
