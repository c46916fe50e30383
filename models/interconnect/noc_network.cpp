#include "models/interconnect/noc_network.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace lumen {
namespace {
// i mod n for 0 <= i < 2n, without a division (these run for every router every cycle).
inline std::uint32_t wrap(std::uint32_t i, std::uint32_t n) {
  return i >= n ? i - n : i;
}
constexpr std::uint32_t kUnlimitedCredits = std::numeric_limits<std::uint32_t>::max() / 2;
}  // namespace

NocNetwork::NocNetwork(const NocParams& params, std::vector<std::uint32_t> terminal_router)
    : params_(params), terminal_router_(std::move(terminal_router)) {
  if (params_.vcs == 0 || params_.buffer_flits == 0 || params_.router_latency == 0 ||
      params_.link_latency == 0 || params_.credit_latency == 0 || params_.flit_bytes == 0)
    throw std::invalid_argument("NoC: VCs, buffers, latencies and flit width must be positive");
  if (params_.vcs > 64 || params_.buffer_flits > 65536)
    throw std::invalid_argument("NoC: at most 64 VCs and 65536 flits per buffer");
  const std::uint32_t router_count = params_.routers();
  routers_.resize(router_count);
  terminals_.resize(terminal_router_.size());
  std::vector<std::uint32_t> locals(router_count, 0);
  for (std::uint32_t t = 0; t < terminals(); ++t) {
    if (terminal_router_[t] >= router_count)
      throw std::invalid_argument("NoC: terminal " + std::to_string(t) + " attaches to router " +
                                  std::to_string(terminal_router_[t]) + " of " +
                                  std::to_string(router_count));
    terminals_[t].local_port = kMeshPorts + locals[terminal_router_[t]]++;
  }
  const std::uint32_t vcs = params_.vcs;
  for (std::uint32_t r = 0; r < router_count; ++r) {
    Router& router = routers_[r];
    router.row = params_.topology == NocTopology::kMesh ? r / params_.cols : 0;
    router.col = params_.topology == NocTopology::kMesh ? r % params_.cols : 0;
    router.ports = kMeshPorts + locals[r];
    if (router.ports > kMeshPorts + kMaxTerminalsPerRouter)
      throw std::invalid_argument("NoC: more than " + std::to_string(kMaxTerminalsPerRouter) +
                                  " terminals on a router");
    router.inputs.resize(router.ports * vcs);
    for (InputVc& in : router.inputs) in.ring.resize(params_.buffer_flits);
    router.outputs.resize(router.ports);
    router.upstream.resize(router.ports);
    router.vc_rotate.assign(router.ports, 0);
    router.port_buffered.assign(router.ports, 0);
    for (OutputPort& out : router.outputs) out.owned.assign(vcs, false);
  }
  if (params_.topology == NocTopology::kMesh) {
    for (std::uint32_t r = 0; r < router_count; ++r) {
      const Router& router = routers_[r];
      const auto link = [&](Direction dir, int row, int col, Direction back) {
        if (row < 0 || col < 0 || row >= static_cast<int>(params_.rows) ||
            col >= static_cast<int>(params_.cols))
          return;
        const auto to =
            static_cast<std::uint32_t>(row) * params_.cols + static_cast<std::uint32_t>(col);
        OutputPort& out = routers_[r].outputs[dir];
        out.to_router = static_cast<int>(to);
        out.to_port = back;
        out.credits.assign(vcs, params_.buffer_flits);
        routers_[to].upstream[back] = {static_cast<int>(r), dir, -1};
      };
      const int row = static_cast<int>(router.row), col = static_cast<int>(router.col);
      link(kNorth, row - 1, col, kSouth);
      link(kSouth, row + 1, col, kNorth);
      link(kEast, row, col + 1, kWest);
      link(kWest, row, col - 1, kEast);
    }
  }
  for (std::uint32_t t = 0; t < terminals(); ++t) {
    Terminal& terminal = terminals_[t];
    Router& router = routers_[terminal_router_[t]];
    OutputPort& eject = router.outputs[terminal.local_port];
    eject.to_terminal = static_cast<int>(t);
    eject.credits.assign(vcs, kUnlimitedCredits);  // a terminal always takes its flits
    router.upstream[terminal.local_port] = {-1, -1, static_cast<int>(t)};
    terminal.credits.assign(vcs, params_.buffer_flits);
    terminal.owned.assign(vcs, false);
  }
  const std::uint32_t calendar =
      std::max(params_.ni_latency + params_.link_latency, params_.credit_latency) + 2;
  arrivals_.resize(calendar);
  credits_.resize(calendar);
}

std::uint32_t NocNetwork::hops(std::uint32_t src, std::uint32_t dst) const {
  const Router& a = routers_[terminal_router_[src]];
  const Router& b = routers_[terminal_router_[dst]];
  const auto distance = [](std::uint32_t x, std::uint32_t y) { return x > y ? x - y : y - x; };
  return distance(a.row, b.row) + distance(a.col, b.col);
}

std::uint64_t NocNetwork::zero_load_cycles(std::uint32_t src, std::uint32_t dst,
                                           std::uint32_t flits) const {
  const std::uint64_t per_router = params_.router_latency + params_.link_latency;
  return params_.ni_latency + (hops(src, dst) + 1) * per_router + params_.link_latency + flits - 1;
}

void NocNetwork::inject(std::uint32_t src, std::uint32_t dst, std::uint32_t flits,
                        std::uint64_t cycle, std::uint64_t tag) {
  if (src >= terminals() || dst >= terminals() || flits == 0)
    throw std::invalid_argument("NoC: packet with a bad terminal or no flits");
  if (params_.granularity == NocGranularity::kPacket && flits > params_.buffer_flits)
    throw std::invalid_argument("NoC: a packet of " + std::to_string(flits) +
                                " flits does not fit a " + std::to_string(params_.buffer_flits) +
                                "-flit buffer (packet granularity needs whole packets)");
  std::uint32_t id;
  if (!free_packets_.empty()) {
    id = free_packets_.back();
    free_packets_.pop_back();
  } else {
    id = static_cast<std::uint32_t>(packets_.size());
    packets_.emplace_back();
  }
  packets_[id] = {src, dst, flits, std::max(cycle, now_), tag, 0};
  terminals_[src].queue.push_back(id);
  ++queued_;
}

bool NocNetwork::idle() const {
  return buffered_ == 0 && in_transit_ == 0 && credits_in_transit_ == 0 && queued_ == 0 &&
         injecting_ == 0 && ejecting_.empty();
}

std::uint64_t NocNetwork::queued_packets() const {
  return queued_;
}

bool NocNetwork::run(std::uint64_t end, bool stop_after_delivery) {
  bool any = false;
  while (now_ < end) {
    if (buffered_ == 0 && in_transit_ == 0 && credits_in_transit_ == 0 && injecting_ == 0 &&
        ejecting_.empty()) {
      // Nothing moves until the next queued packet is created: skip the empty cycles.
      if (queued_ == 0) break;
      std::uint64_t next = end;
      for (const Terminal& terminal : terminals_)
        if (terminal.queue_head < terminal.queue.size())
          next = std::min(next, packets_[terminal.queue[terminal.queue_head]].created);
      if (next > now_) {
        now_ = next;
        continue;
      }
    }
    delivered_this_cycle_ = false;
    step();
    if (delivered_this_cycle_) {
      any = true;
      if (stop_after_delivery) break;
    }
  }
  return any;
}

std::vector<NocDelivery> NocNetwork::take_deliveries() {
  std::vector<NocDelivery> out;
  out.swap(deliveries_);
  return out;
}

void NocNetwork::schedule_arrival(std::uint64_t cycle, Arrival arrival) {
  arrivals_[cycle % arrivals_.size()].push_back(arrival);
  ++in_transit_;
}

void NocNetwork::schedule_credit(std::uint64_t cycle, Credit credit) {
  credits_[cycle % credits_.size()].push_back(credit);
  ++credits_in_transit_;
}

void NocNetwork::deliver(std::uint32_t packet_id) {
  const Packet& packet = packets_[packet_id];
  deliveries_.push_back(
      {packet.tag, packet.src, packet.dst, packet.flits, packet.created, packet.injected, now_});
  const std::uint64_t latency = now_ - packet.created;
  latency_sum_ += static_cast<double>(latency);
  latency_max_ = std::max(latency_max_, latency);
  ++delivered_;
  delivered_flits_ += packet.flits;
  free_packets_.push_back(packet_id);
  delivered_this_cycle_ = true;
}

void NocNetwork::step() {
  auto& arrivals = arrivals_[now_ % arrivals_.size()];
  for (const Arrival& arrival : arrivals) {
    --in_transit_;
    if (arrival.terminal >= 0) {
      terminals_[static_cast<std::size_t>(arrival.terminal)].flits_in += arrival.flit.size;
      if (arrival.flit.tail) deliver(arrival.flit.packet);
      continue;
    }
    Router& router = routers_[static_cast<std::size_t>(arrival.router)];
    InputVc& in = router.inputs[static_cast<std::size_t>(arrival.port) * params_.vcs +
                                static_cast<std::size_t>(arrival.vc)];
    if (in.count == in.ring.size())  // credits make this impossible; a bug if not
      throw std::logic_error("NoC: buffer overflow at " +
                             router_name(static_cast<std::uint32_t>(arrival.router)));
    Flit flit = arrival.flit;
    flit.ready = now_ + params_.router_latency;
    in.ring[wrap(in.first + in.count, static_cast<std::uint32_t>(in.ring.size()))] = flit;
    ++in.count;
    ++router.buffered;
    ++router.port_buffered[static_cast<std::size_t>(arrival.port)];
    ++buffered_;
  }
  arrivals.clear();
  auto& credits = credits_[now_ % credits_.size()];
  for (const Credit& credit : credits) {
    --credits_in_transit_;
    if (credit.terminal >= 0)
      terminals_[static_cast<std::size_t>(credit.terminal)]
          .credits[static_cast<std::size_t>(credit.vc)] += credit.count;
    else
      routers_[static_cast<std::size_t>(credit.router)]
          .outputs[static_cast<std::size_t>(credit.port)]
          .credits[static_cast<std::size_t>(credit.vc)] += credit.count;
  }
  credits.clear();
  while (!ejecting_.empty() && ejecting_.top().first <= now_) {
    const std::uint32_t packet = ejecting_.top().second;
    ejecting_.pop();
    terminals_[packets_[packet].dst].flits_in += packets_[packet].flits;
    deliver(packet);
  }
  inject_from_terminals();
  for (std::uint32_t r = 0; r < routers_.size(); ++r) {
    Router& router = routers_[r];
    if (router.buffered == 0) continue;
    allocate_vcs(router);
    traverse_switch(router, r);
  }
  ++now_;
}

void NocNetwork::inject_from_terminals() {
  const bool whole_packets = params_.granularity == NocGranularity::kPacket;
  const std::uint32_t vcs = params_.vcs;
  for (std::uint32_t t = 0; t < terminals(); ++t) {
    Terminal& terminal = terminals_[t];
    if (terminal.current < 0) {
      if (terminal.queue_head == terminal.queue.size()) continue;
      const std::uint32_t id = terminal.queue[terminal.queue_head];
      if (packets_[id].created > now_) continue;
      int vc = -1;
      for (std::uint32_t i = 0; i < vcs && vc < 0; ++i) {
        const std::uint32_t v = (terminal.vc_rotate + i) % vcs;
        if (!terminal.owned[v]) vc = static_cast<int>(v);
      }
      if (vc < 0) continue;
      terminal.current = static_cast<int>(id);
      terminal.vc = vc;
      terminal.owned[static_cast<std::size_t>(vc)] = true;
      terminal.vc_rotate = (static_cast<std::uint32_t>(vc) + 1) % vcs;
      terminal.sent = 0;
      ++injecting_;
      --queued_;
      if (++terminal.queue_head == terminal.queue.size()) {
        terminal.queue.clear();
        terminal.queue_head = 0;
      }
    }
    if (terminal.busy_until > now_) continue;
    const auto id = static_cast<std::uint32_t>(terminal.current);
    const std::uint32_t flits = packets_[id].flits;
    const std::uint32_t size = whole_packets ? flits : 1;
    const auto vc = static_cast<std::size_t>(terminal.vc);
    if (terminal.credits[vc] < size) continue;
    terminal.credits[vc] -= size;
    terminal.busy_until = now_ + size;
    terminal.flits_out += size;
    const bool tail = terminal.sent + size == flits;
    if (terminal.sent == 0) packets_[id].injected = now_;
    schedule_arrival(now_ + params_.ni_latency + params_.link_latency,
                     {static_cast<int>(terminal_router_[t]), static_cast<int>(terminal.local_port),
                      terminal.vc, -1, Flit{id, size, terminal.sent == 0, tail, 0}});
    terminal.sent += size;
    if (tail) {
      terminal.owned[vc] = false;
      terminal.current = -1;
      --injecting_;
    }
  }
}

int NocNetwork::route(const Router& router, std::uint32_t dst_terminal) const {
  const Router& target = routers_[terminal_router_[dst_terminal]];
  if (&target == &router) return static_cast<int>(terminals_[dst_terminal].local_port);
  if (target.col > router.col) return kEast;  // X first
  if (target.col < router.col) return kWest;
  return target.row > router.row ? kSouth : kNorth;
}

void NocNetwork::allocate_vcs(Router& router) {
  const std::uint32_t vcs = params_.vcs;
  // Input VCs in a fixed order, lowest port and VC first (ports with nothing buffered skipped).
  for (std::uint32_t port = 0; port < router.ports; ++port) {
    if (router.port_buffered[port] == 0) continue;
    for (std::uint32_t vc = 0; vc < vcs; ++vc) {
      InputVc& in = router.inputs[port * vcs + vc];
      if (in.count != 0 && in.out_vc < 0) allocate_vc(router, in);
    }
  }
}

void NocNetwork::allocate_vc(Router& router, InputVc& in) {
  const std::uint32_t vcs = params_.vcs;
  const Flit& flit = in.front();
  // VC allocation one cycle before switch allocation (BookSim's pipeline: VA, SA, ST).
  if (!flit.head || flit.ready > now_ + 1) return;
  if (in.out_port < 0) in.out_port = route(router, packets_[flit.packet].dst);
  OutputPort& out = router.outputs[static_cast<std::size_t>(in.out_port)];
  for (std::uint32_t v = 0; v < vcs; ++v) {
    if (out.owned[v]) continue;
    out.owned[v] = true;
    in.out_vc = static_cast<int>(v);
    break;
  }
}

void NocNetwork::traverse_switch(Router& router, std::uint32_t r) {
  // Separable, input first: each input port picks one ready VC (round robin), then each output
  // port grants one of the inputs that picked it (round robin). A loser waits for the next cycle.
  const std::uint32_t vcs = params_.vcs;
  std::uint32_t picked[64];        // per input port: its VC, or vcs when none
  std::uint64_t requests_for[64];  // per output port: bit mask of requesting inputs
  std::fill_n(requests_for, router.ports, 0);
  for (std::uint32_t port = 0; port < router.ports; ++port) {
    picked[port] = vcs;
    if (router.port_buffered[port] == 0) continue;
    for (std::uint32_t j = 0; j < vcs; ++j) {
      const std::uint32_t vc = wrap(router.vc_rotate[port] + j, vcs);
      InputVc& in = router.inputs[port * vcs + vc];
      if (in.count == 0 || in.out_vc < 0) continue;
      const Flit& flit = in.front();
      if (flit.ready > now_) continue;
      const OutputPort& out = router.outputs[static_cast<std::size_t>(in.out_port)];
      if (out.busy_until > now_ || out.credits[static_cast<std::size_t>(in.out_vc)] < flit.size)
        continue;
      picked[port] = vc;
      requests_for[in.out_port] |= std::uint64_t{1} << port;
      break;
    }
  }
  for (std::uint32_t out_port = 0; out_port < router.ports; ++out_port) {
    const std::uint64_t requests = requests_for[out_port];
    if (requests == 0) continue;
    OutputPort& out = router.outputs[out_port];
    for (std::uint32_t k = 0; k < router.ports; ++k) {
      const std::uint32_t port = wrap(out.rotate + k, router.ports);
      if (!(requests >> port & 1U)) continue;
      out.rotate = wrap(port + 1, router.ports);
      router.vc_rotate[port] = wrap(picked[port] + 1, vcs);
      send(r, port, picked[port]);
      break;
    }
  }
}

void NocNetwork::send(std::uint32_t r, std::uint32_t in_port, std::uint32_t vc) {
  Router& router = routers_[r];
  InputVc& in = router.inputs[in_port * params_.vcs + vc];
  const Flit flit = in.front();
  in.first = wrap(in.first + 1, static_cast<std::uint32_t>(in.ring.size()));
  --in.count;
  --router.buffered;
  --router.port_buffered[in_port];
  --buffered_;
  const auto out_vc = static_cast<std::size_t>(in.out_vc);
  OutputPort& out = router.outputs[static_cast<std::size_t>(in.out_port)];
  out.busy_until = now_ + flit.size;
  out.flits += flit.size;
  if (out.to_terminal >= 0) {
    if (params_.granularity == NocGranularity::kPacket)  // the tail lands size − 1 cycles later
      ejecting_.push({now_ + params_.link_latency + flit.size - 1, flit.packet});
    else
      schedule_arrival(now_ + params_.link_latency, {-1, -1, -1, out.to_terminal, flit});
  } else {
    out.credits[out_vc] -= flit.size;
    schedule_arrival(now_ + params_.link_latency,
                     {out.to_router, out.to_port, static_cast<int>(out_vc), -1, flit});
  }
  const Upstream& up = router.upstream[in_port];
  schedule_credit(now_ + params_.credit_latency,
                  {up.router, up.port, static_cast<int>(vc), up.terminal, flit.size});
  if (flit.tail) {
    out.owned[out_vc] = false;
    in.out_vc = -1;
    in.out_port = -1;
  }
}

std::string NocNetwork::router_name(std::uint32_t r) const {
  return "r" + std::to_string(routers_[r].row) + "," + std::to_string(routers_[r].col);
}

std::vector<NocLinkStats> NocNetwork::link_stats() const {
  std::vector<NocLinkStats> links;
  for (std::uint32_t r = 0; r < routers_.size(); ++r) {
    for (const OutputPort& out : routers_[r].outputs) {
      if (out.to_router >= 0)
        links.push_back(
            {router_name(r), router_name(static_cast<std::uint32_t>(out.to_router)), out.flits});
      else if (out.to_terminal >= 0)
        links.push_back({router_name(r), "t" + std::to_string(out.to_terminal), out.flits});
    }
  }
  for (std::uint32_t t = 0; t < terminals(); ++t)
    links.push_back(
        {"t" + std::to_string(t), router_name(terminal_router_[t]), terminals_[t].flits_out});
  return links;
}

}  // namespace lumen
