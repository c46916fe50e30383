#include "models/interconnect/noc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace lumen {

using sc_core::sc_time;
using sc_core::sc_time_stamp;

Noc::Noc(const sc_core::sc_module_name& name, const NocParams& params,
         std::vector<std::uint32_t> terminal_router, NocTargetMap targets)
    : sc_core::sc_module(name),
      target_socket("target_socket"),
      initiator_socket("initiator_socket"),
      params_(params),
      network_(params, terminal_router),
      targets_(std::move(targets)),
      period_(1.0 / params.clock_hz, sc_core::SC_SEC),
      port_of_terminal_(terminal_router.size(), -1) {
  if (targets_.way_terminal.empty() || targets_.granule_bytes == 0)
    throw std::invalid_argument("NoC: empty target map");
  for (std::uint32_t t : targets_.way_terminal)
    if (t >= terminal_router.size()) throw std::invalid_argument("NoC: target map terminal");
  target_socket.register_b_transport(this, &Noc::b_transport);
  SC_HAS_PROCESS(Noc);
  SC_METHOD(advance);
  sensitive << wake_;
  dont_initialize();
}

void Noc::add_port(std::uint32_t terminal) {
  if (terminal >= port_of_terminal_.size() || port_of_terminal_[terminal] >= 0)
    throw std::invalid_argument("NoC: target terminal taken or out of range");
  auto port = std::make_unique<Port>();
  port->terminal = terminal;
  port->binding = static_cast<std::uint32_t>(ports_.size());
  port_of_terminal_[terminal] = static_cast<int>(ports_.size());
  Port* raw = port.get();
  ports_.push_back(std::move(port));
  sc_core::sc_spawn_options options;
  options.set_stack_size(64 * 1024);
  for (std::uint32_t i = 0; i < std::max<std::uint32_t>(1, params_.target_outstanding); ++i) {
    tlm::tlm_generic_payload& payload = raw->payloads.emplace_back();
    sc_core::sc_spawn([this, raw, &payload] { serve(*raw, payload); },
                      sc_core::sc_gen_unique_name("server"), &options);
  }
}

std::uint64_t Noc::cycle_at_or_after(const sc_time& t) const {
  return (t.value() + period_.value() - 1) / period_.value();
}

std::uint32_t Noc::new_piece() {
  if (!free_pieces_.empty()) {
    const std::uint32_t id = free_pieces_.back();
    free_pieces_.pop_back();
    return id;
  }
  pieces_.emplace_back();
  return static_cast<std::uint32_t>(pieces_.size() - 1);
}

void Noc::b_transport(int id, tlm::tlm_generic_payload& payload, sc_time& delay) {
  if (delay > sc_core::SC_ZERO_TIME) {
    wait(delay);
    delay = sc_core::SC_ZERO_TIME;
  }
  const std::uint32_t source = initiator_terminal_.at(static_cast<std::size_t>(id));
  const std::uint64_t start = payload.get_address();
  const std::uint64_t end = start + payload.get_data_length();
  const bool write = payload.get_command() == tlm::TLM_WRITE_COMMAND;
  const std::uint64_t cycle = cycle_at_or_after(sc_time_stamp());
  Transaction transaction;
  for (std::uint64_t address = start; address < end;) {
    const std::uint64_t piece_end = targets_.run_end(address, end);
    const std::uint32_t target = targets_.terminal(address);
    if (port_of_terminal_[target] < 0)
      throw std::logic_error("NoC: no target bound at terminal " + std::to_string(target));
    const std::uint32_t p = new_piece();
    pieces_[p] = {&transaction,
                  payload.get_command(),
                  address,
                  payload.get_data_ptr() + (address - start),
                  static_cast<std::uint32_t>(piece_end - address),
                  source,
                  target};
    const std::uint32_t flits =
        write ? params_.packet_flits(piece_end - address) : params_.header_flits;
    network_.inject(source, target, flits, cycle, std::uint64_t{p} * 2);
    ++transaction.remaining;
    address = piece_end;
  }
  ++requests_;
  bytes_ += payload.get_data_length();
  kick();
  while (transaction.remaining > 0) wait(transaction.done);
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

void Noc::serve(Port& port, tlm::tlm_generic_payload& payload) {
  while (true) {
    while (port.requests.empty()) wait(port.arrived);
    const std::uint32_t p = port.requests.front();
    port.requests.pop_front();
    const Piece& piece = pieces_[p];
    payload.set_command(piece.command);
    payload.set_address(piece.address);
    payload.set_data_ptr(piece.data);
    payload.set_data_length(piece.length);
    payload.set_streaming_width(piece.length);
    payload.set_byte_enable_ptr(nullptr);
    payload.set_dmi_allowed(false);
    payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_time delay = sc_core::SC_ZERO_TIME;
    initiator_socket[static_cast<int>(port.binding)]->b_transport(payload, delay);
    if (payload.is_response_error())
      throw std::runtime_error(std::string(name()) + ": " + payload.get_response_string() +
                               " at address " + std::to_string(piece.address));
    if (delay > sc_core::SC_ZERO_TIME) wait(delay);
    const Piece& done = pieces_[p];  // pieces_ may have grown while waiting
    const std::uint32_t flits = done.command == tlm::TLM_READ_COMMAND
                                    ? params_.packet_flits(done.length)
                                    : params_.header_flits;
    network_.inject(done.target, done.initiator, flits, cycle_at_or_after(sc_time_stamp()),
                    std::uint64_t{p} * 2 + 1);
    kick();
  }
}

void Noc::handle(const NocDelivery& delivery) {
  const auto p = static_cast<std::uint32_t>(delivery.tag / 2);
  if (delivery.tag % 2 == 0) {  // a request reached its target port
    Port& port = *ports_[static_cast<std::size_t>(port_of_terminal_[delivery.dst])];
    port.requests.push_back(p);
    port.arrived.notify(sc_core::SC_ZERO_TIME);
    return;
  }
  Transaction& transaction = *pieces_[p].transaction;  // a response is back
  free_pieces_.push_back(p);
  if (--transaction.remaining == 0) transaction.done.notify(sc_core::SC_ZERO_TIME);
}

void Noc::advance() {
  const sc_time now = sc_time_stamp();
  const std::uint64_t now_value = now.value();
  // Catch up with every clock edge before now.
  network_.run(cycle_at_or_after(now), false);
  for (const NocDelivery& d : network_.take_deliveries()) arrived_.push_back(d);
  // Hand over what has arrived by now; keep what the look-ahead found for later.
  std::size_t kept = 0;
  for (const NocDelivery& d : arrived_) {
    if (seen_at(d) <= now_value)
      handle(d);
    else
      arrived_[kept++] = d;
  }
  arrived_.resize(kept);
  if (!arrived_.empty()) {
    wake_.notify(sc_time::from_value(seen_at(arrived_.front()) - now_value));
    return;
  }
  if (network_.idle()) return;
  const sc_time ahead = sc_core::sc_time_to_pending_activity();
  if (ahead == sc_core::SC_ZERO_TIME) {  // others still act at this instant: let them first
    kick();
    return;
  }
  // Nobody can inject before now + ahead: run the clock edges before it, up to the first arrival.
  const std::uint64_t period = period_.value();
  const bool nothing_else = ahead.value() >= sc_core::sc_max_time().value() - now_value - period;
  const std::uint64_t horizon = nothing_else ? std::numeric_limits<std::uint64_t>::max() / period
                                             : cycle_at_or_after(now + ahead);
  network_.run(horizon, true);
  for (const NocDelivery& d : network_.take_deliveries()) arrived_.push_back(d);
  if (!arrived_.empty()) {
    wake_.notify(sc_time::from_value(seen_at(arrived_.front()) - now_value));
  } else if (!network_.idle()) {
    wake_.notify(sc_time::from_value(horizon * period_.value() - now_value));
  }
}

void Noc::collect(StatsCollector& stats, double total_ns,
                  const std::vector<std::string>& terminal_names) const {
  const std::string self = name();
  const double cycles = total_ns * 1e-9 * params_.clock_hz;
  const auto packets = static_cast<double>(network_.packets_delivered());
  const double period_ns = 1e9 / params_.clock_hz;
  stats.set(self, "requests", static_cast<double>(requests_));
  stats.set(self, "bytes", static_cast<double>(bytes_));
  stats.set(self, "packets", packets);
  stats.set(self, "flits", static_cast<double>(network_.flits_delivered()));
  stats.set(self, "packet_latency_avg_ns",
            packets > 0 ? network_.latency_sum_cycles() / packets * period_ns : 0.0);
  stats.set(self, "packet_latency_max_ns",
            static_cast<double>(network_.latency_max_cycles()) * period_ns);
  stats.set(self, "routers", params_.routers());
  stats.set(self, "link_bandwidth_GBps", params_.flit_bytes * params_.clock_hz / 1e9);
  double busiest = 0, mesh_sum = 0, flit_hops = 0;
  std::size_t mesh_links = 0;
  const auto label = [&](const std::string& end) {
    if (end[0] != 't') return end;
    const auto t = static_cast<std::size_t>(std::stoul(end.substr(1)));
    return t < terminal_names.size() ? terminal_names[t] : end;
  };
  for (const NocLinkStats& link : network_.link_stats()) {
    const double util = cycles > 0 ? static_cast<double>(link.flits) / cycles * 100 : 0.0;
    flit_hops += static_cast<double>(link.flits);
    busiest = std::max(busiest, util);
    if (link.from[0] == 'r' && link.to[0] == 'r') {
      mesh_sum += util;
      ++mesh_links;
    }
    stats.set(self + ".link." + label(link.from) + ">" + label(link.to), "util_pct", util);
  }
  stats.set(self, "link_util_max_pct", busiest);
  stats.set(self, "flit_hops", flit_hops);  // flits × links crossed: the network's energy events
  stats.set(self, "mesh_link_util_avg_pct",
            mesh_links ? mesh_sum / static_cast<double>(mesh_links) : 0.0);
}

}  // namespace lumen
