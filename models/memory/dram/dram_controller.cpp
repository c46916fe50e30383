#include "models/memory/dram/dram_controller.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace lumen {
namespace {
constexpr std::uint64_t kNever = UINT64_MAX;
}

DramChannelController::DramChannelController(const DramSpec& spec,
                                             const DramControllerParams& params)
    : spec_(spec), params_(params) {
  const DramOrganisation& o = spec.org;
  banks_per_bg_ = o.banks_per_group;
  banks_per_sid_ = o.bank_groups * o.banks_per_group;
  banks_per_pc_ = o.banks_per_pc();
  const std::uint32_t pcs = o.pseudo_channels, banks = pcs * banks_per_pc_;
  pc_regs_.assign(pcs, Registers{});
  sid_regs_.assign(pcs * o.stack_ids, Registers{});
  bg_regs_.assign(banks / banks_per_bg_, Registers{});
  bank_regs_.assign(banks, Registers{});
  act_history_.assign(pcs, {});
  act_count_.assign(pcs, 0);
  if (params_.active_queue == 0) params_.active_queue = banks;
  open_row_.assign(banks, -1);
  open_in_pc_.assign(pcs, 0);
  active_in_bank_.assign(banks, 0);
  active_in_pc_.assign(pcs, 0);
  for (DramQueueIndex* index : {&reads_index_, &writes_index_, &active_index_})
    index->reset(banks, banks_per_pc_);
  skip_pc_.assign(pcs, 0);
  new_floor_.assign(pcs, kNever);
  for (const TimingConstraint& c : spec.constraints) {
    if (c.window > 1) {
      faw_ = c.latency;  // the only windowed constraint: four ACTs per tFAW
      continue;
    }
    for (std::size_t p = 0; p < kDramCommandCount; ++p) {
      if (!(c.preceding & (CommandMask{1} << p))) continue;
      for (std::size_t f = 0; f < kDramCommandCount; ++f) {
        if (!(c.following & (CommandMask{1} << f))) continue;
        const std::uint64_t latency =
            spec.pair_latency(c.latency, static_cast<DramCommand>(p), static_cast<DramCommand>(f));
        auto& list = effects_[p];
        const auto same = std::find_if(list.begin(), list.end(), [&](const Effect& e) {
          return e.level == c.level && e.sibling == c.sibling && e.following == f;
        });
        if (same == list.end())
          list.push_back({c.level, c.sibling, static_cast<std::uint8_t>(f), latency});
        else
          same->latency = std::max(same->latency, latency);
      }
    }
  }
  const std::uint32_t m = spec.timing.tick_multiplier;
  if (params.refresh == RefreshPolicy::kAllBank) {
    refresh_interval_ = std::max<std::uint32_t>(1, spec.timing.nREFI * m);
    refresh_at_.assign(pcs, refresh_interval_);
  } else if (params.refresh == RefreshPolicy::kPerBank) {
    const std::uint32_t per_bank =
        spec.timing.nREFIpb ? spec.timing.nREFIpb : spec.timing.nREFI / banks_per_pc_;
    refresh_interval_ = std::max<std::uint32_t>(1, per_bank * m);
    refresh_at_.assign(1, refresh_interval_);  // one bank per interval, round robin over all
  }
  update_next_refresh();
}

std::uint32_t DramChannelController::bank_index(const DramAddress& a) const {
  const DramOrganisation& o = spec_.org;
  return ((a.pc * o.stack_ids + a.sid) * o.bank_groups + a.bg) * o.banks_per_group + a.bank;
}

void DramChannelController::locate(Request& r) const {
  r.bank = bank_index(r.a);
  r.sid_node = r.bank / banks_per_sid_;
  r.bg_node = r.bank / banks_per_bg_;
}

void DramChannelController::submit(std::uint64_t tag, bool write, const DramAddress& address,
                                   std::uint64_t tick) {
  Request r{
      tag, std::max(tick, now_), address, 0, 0, 0, write ? DramCommand::kWr : DramCommand::kRd};
  locate(r);
  if (!arriving_.empty()) r.arrive = std::max(r.arrive, arriving_.back().arrive);
  arriving_.push_back(r);
}

bool DramChannelController::has_work() const {
  return !arriving_.empty() || !reads_.empty() || !writes_.empty() || !active_.empty() ||
         !priority_.empty();
}

bool DramChannelController::admit(std::uint64_t tick) {
  bool admitted = false;
  while (!arriving_.empty() && arriving_.front().arrive <= tick) {
    Request r = arriving_.front();
    if (!has_room(r)) break;  // in order: the head waits for room
    auto& queue = r.final == DramCommand::kWr ? writes_ : reads_;
    r.arrive = tick;
    queue.push_back(r);
    enter(queue, r);
    arriving_.pop_front();
    admitted = true;
  }
  return admitted;
}

void DramChannelController::refresh_due(std::uint64_t tick) {
  if (tick < next_refresh_) return;
  if (params_.refresh == RefreshPolicy::kAllBank) {
    for (std::uint32_t pc = 0; pc < refresh_at_.size(); ++pc) {
      if (tick < refresh_at_[pc]) continue;
      refresh_at_[pc] += refresh_interval_;
      Request r{};
      r.a.pc = pc;
      locate(r);
      r.arrive = tick;
      r.final = DramCommand::kRefAll;
      priority_.push_back(r);
    }
    update_next_refresh();
    return;
  }
  while (tick >= refresh_at_[0]) {  // per bank, round robin
    const auto n = static_cast<std::uint32_t>((refresh_at_[0] / refresh_interval_ - 1) %
                                              (banks_per_pc_ * spec_.org.pseudo_channels));
    refresh_at_[0] += refresh_interval_;
    Request r{};
    r.bank = n;
    const DramOrganisation& o = spec_.org;
    r.a.pc = n / banks_per_pc_;
    r.a.sid = n / banks_per_sid_ % o.stack_ids;
    r.a.bg = n / banks_per_bg_ % o.bank_groups;
    r.a.bank = n % banks_per_bg_;
    locate(r);
    r.arrive = tick;
    r.final = DramCommand::kRefBank;
    priority_.push_back(r);
  }
  update_next_refresh();
}

void DramChannelController::update_next_refresh() {
  next_refresh_ = kNever;
  for (std::uint64_t at : refresh_at_) next_refresh_ = std::min(next_refresh_, at);
}

inline DramCommand DramChannelController::next_command(const Request& r) const {
  switch (r.final) {
    case DramCommand::kRefAll:
      return open_in_pc_[r.a.pc] ? DramCommand::kPreAll : DramCommand::kRefAll;
    case DramCommand::kRefBank:
      return open_row_[r.bank] >= 0 ? DramCommand::kPre : DramCommand::kRefBank;
    default: {
      const std::int64_t open = open_row_[r.bank];
      if (open < 0) return DramCommand::kAct;
      return open == r.a.row ? r.final : DramCommand::kPre;
    }
  }
}

inline std::uint64_t DramChannelController::earliest(DramCommand c, const Request& r) const {
  const auto i = static_cast<std::size_t>(c);
  std::uint64_t t = std::max(std::max(pc_regs_[r.a.pc][i], sid_regs_[r.sid_node][i]),
                             std::max(bg_regs_[r.bg_node][i], bank_regs_[r.bank][i]));
  t = std::max(t, is_column(c) ? column_bus_free_ : row_bus_free_);
  if (c == DramCommand::kAct && act_count_[r.a.pc] >= 4)
    t = std::max(t, act_history_[r.a.pc][act_count_[r.a.pc] % 4] + faw_);
  return t;
}

// earliest() less the command buses.
inline std::uint64_t DramChannelController::registers_at(DramCommand c, std::uint32_t pc,
                                                         std::uint32_t sid_node,
                                                         std::uint32_t bg_node,
                                                         std::uint32_t bank) const {
  const auto i = static_cast<std::size_t>(c);
  std::uint64_t t = std::max(std::max(pc_regs_[pc][i], sid_regs_[sid_node][i]),
                             std::max(bg_regs_[bg_node][i], bank_regs_[bank][i]));
  if (c == DramCommand::kAct && act_count_[pc] >= 4)
    t = std::max(t, act_history_[pc][act_count_[pc] % 4] + faw_);
  return t;
}

inline std::uint64_t DramChannelController::registers_at(DramCommand c, const Request& r) const {
  return registers_at(c, r.a.pc, r.sid_node, r.bg_node, r.bank);
}

DramQueueIndex& DramChannelController::index_of(const std::vector<Request>& buffer) {
  return &buffer == &reads_ ? reads_index_ : &buffer == &writes_ ? writes_index_ : active_index_;
}

void DramChannelController::enter(std::vector<Request>& buffer, const Request& r) {
  DramQueueIndex& index = index_of(buffer);
  index.add(r.bank, r.a.row, open_row_[r.bank]);
  const DramCommand c = next_command(r);
  if (closes_active_row(c, r)) return;  // joins the floor when the row is released
  lower_floor(index, is_column(c) ? DramQueueIndex::kColumnSlot : DramQueueIndex::kRowSlot, r.a.pc,
              on_allowed_edge(c, registers_at(c, r)));
}

void DramChannelController::lower_floor(DramQueueIndex& index, DramQueueIndex::Slot slot,
                                        std::uint32_t pc, std::uint64_t tick) {
  index.lower_floor(slot, pc, tick);
  woken_at_ = std::min(woken_at_, tick);
}

void DramChannelController::leave(std::vector<Request>& buffer, std::size_t index) {
  const Request& r = buffer[index];
  index_of(buffer).remove(r.bank, r.a.row, open_row_[r.bank]);
  buffer.erase(buffer.begin() + static_cast<std::ptrdiff_t>(index));
}

void DramChannelController::row_changed(std::uint32_t bank) {
  for (DramQueueIndex* index : {&reads_index_, &writes_index_, &active_index_})
    index->row_changed(bank, open_row_[bank]);
  lower_floors_of_bank(bank);
}

// The bank's requests may have become earlier (new command, or a precharge no longer blocked):
// lower each queue's floors to what they could issue now.
void DramChannelController::lower_floors_of_bank(std::uint32_t bank) {
  const std::uint32_t pc = pc_of_bank(bank);
  const std::uint32_t sid = bank / banks_per_sid_, bg = bank / banks_per_bg_;
  auto edge = [&](DramCommand c) { return on_allowed_edge(c, registers_at(c, pc, sid, bg, bank)); };
  const DramCommand row_command = open_row_[bank] < 0 ? DramCommand::kAct : DramCommand::kPre;
  const bool row_blocked = row_command == DramCommand::kPre && active_in_bank_[bank] != 0;
  const auto lower = [&](DramQueueIndex& index, std::uint64_t column_floor) {
    if (index.bank_wants_column(bank))
      lower_floor(index, DramQueueIndex::kColumnSlot, pc, column_floor);
    if (index.bank_wants_row(bank) && !row_blocked)
      lower_floor(index, DramQueueIndex::kRowSlot, pc, edge(row_command));
  };
  const std::uint64_t read = edge(DramCommand::kRd), write = edge(DramCommand::kWr);
  lower(reads_index_, read);
  lower(writes_index_, write);
  lower(active_index_, std::min(read, write));  // it holds both
}

inline std::uint64_t DramChannelController::on_allowed_edge(DramCommand c, std::uint64_t t) const {
  return spec_.rising_edge_only() && !DramSpec::falling_edge_allowed(c) && t % 2 == 0 ? t + 1 : t;
}

inline bool DramChannelController::closes_active_row(DramCommand c, const Request& r) const {
  if (c == DramCommand::kPre) return active_in_bank_[r.bank] != 0;
  if (c == DramCommand::kPreAll) return active_in_pc_[r.a.pc] != 0;
  return false;
}

void DramChannelController::pick_from(std::vector<Request>& buffer, Slot slot, std::uint64_t tick,
                                      Pick& pick) {
  scan(buffer, slot, tick, pick);
#ifndef NDEBUG
  check_against_full_scan(buffer, slot, tick, pick);
#endif
}

std::size_t DramChannelController::full_scan_first_ready(const std::vector<Request>& buffer,
                                                         Slot slot, std::uint64_t tick) const {
  const std::uint64_t bus_free = slot == Slot::kColumn ? column_bus_free_ : row_bus_free_;
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    const DramCommand c = next_command(buffer[i]);
    if (is_column(c) != (slot == Slot::kColumn) || closes_active_row(c, buffer[i])) continue;
    const std::uint64_t at = on_allowed_edge(
        c, std::max({registers_at(c, buffer[i]), bus_free, buffer[i].arrive + 1, tick}));
    if (at <= tick) return i;
  }
  return buffer.size();
}

void DramChannelController::check_against_full_scan(const std::vector<Request>& buffer, Slot slot,
                                                    std::uint64_t tick, const Pick& pick) const {
  const std::size_t first_ready = full_scan_first_ready(buffer, slot, tick);
  const std::size_t picked = pick.buffer == &buffer ? pick.index : buffer.size();
  if (picked != first_ready)
    throw std::logic_error("DRAM scheduler: the indexed scan picked request " +
                           std::to_string(picked) + ", a full scan " + std::to_string(first_ready) +
                           " (tick " + std::to_string(tick) + ")");
}

// Nothing changes between visited ticks, and a command ready at a tick stays ready at every later
// tick of the same parity (commands may be bound to rising edges): the last two ticks of a
// skipped stretch stand for all of it.
void DramChannelController::check_nothing_ready_between(std::uint64_t from,
                                                        std::uint64_t to) const {
  const std::vector<Request>& queue = write_mode_ ? writes_ : reads_;
  for (std::uint64_t tick = to - 1; tick + 2 >= to && tick >= from; --tick) {
    bool ready = full_scan_first_ready(active_, Slot::kColumn, tick) < active_.size();
    if (priority_.empty()) {
      ready = ready || full_scan_first_ready(queue, Slot::kColumn, tick) < queue.size() ||
              full_scan_first_ready(queue, Slot::kRow, tick) < queue.size();
    } else {
      const Request& head = priority_.front();
      const DramCommand c = next_command(head);
      ready = ready || (!is_column(c) && !closes_active_row(c, head) &&
                        on_allowed_edge(c, std::max(earliest(c, head), tick)) <= tick);
    }
    if (ready)
      throw std::logic_error("DRAM scheduler: jumped from tick " + std::to_string(from - 1) +
                             " to " + std::to_string(to) + " over tick " + std::to_string(tick) +
                             ", where a command was ready");
    if (tick == 0) break;
  }
}

void DramChannelController::scan(std::vector<Request>& buffer, Slot slot, std::uint64_t tick,
                                 Pick& pick) {
  // Buffers are in arrival order, so the first ready request is the oldest ready one. Requests
  // to a bank already examined want the same command at the same time: skip them (streams put
  // dozens of requests on one bank).
  // Every command of this slot waits for the slot's bus: while it is busy nothing can issue, and
  // its free tick (or the pseudo-channels' floors, if later) is a safe next look (advance() may
  // look early, never late).
  DramQueueIndex& index = index_of(buffer);
  const auto slot_index =
      slot == Slot::kRow ? DramQueueIndex::kRowSlot : DramQueueIndex::kColumnSlot;
  const std::uint64_t bus_free = slot == Slot::kColumn ? column_bus_free_ : row_bus_free_;
  if (bus_free > tick) {
    pick.next_ready = std::min(pick.next_ready, std::max(bus_free, index.least_floor(slot_index)));
    return;
  }
  // Where a CK holds two ticks, column commands and ACT start on rising edges (odd ticks) only:
  // on a falling edge they cannot issue, and the next tick is a safe next look and floor for them.
  const bool falling_edge = spec_.rising_edge_only() && tick % 2 == 0;
  if (falling_edge && slot == Slot::kColumn) {
    pick.next_ready = std::min(pick.next_ready, std::max(tick + 1, index.least_floor(slot_index)));
    return;
  }
  // A pseudo-channel with no request wanting this slot's commands, or whose floor (a lower bound
  // on when any of them could issue, see dram_queue_index.h) is ahead, has nothing to offer.
  // The walk ends after the last request that wants this slot in a pseudo-channel not skipped.
  std::uint32_t wanting = 0;
  for (std::uint32_t pc = 0; pc < skip_pc_.size(); ++pc) {
    const bool empty = index.wanting(slot_index, pc) == 0;
    const std::uint64_t floor = index.floor(slot_index, pc);
    const bool skip = empty || floor > tick;
    skip_pc_[pc] = skip;
    new_floor_[pc] = kNever;
    if (!empty && floor > tick) pick.next_ready = std::min(pick.next_ready, floor);
    if (!skip) wanting += index.wanting(slot_index, pc);
  }
  if (wanting == 0) return;
  const bool can_skip = bank_regs_.size() <= 64;
  std::uint64_t seen[2] = {0, 0};  // [write][bank]
  for (std::size_t i = 0; i < buffer.size() && wanting != 0; ++i) {
    if (skip_pc_[buffer[i].a.pc]) continue;
    const DramCommand c = next_command(buffer[i]);
    if (is_column(c) != (slot == Slot::kColumn)) continue;
    --wanting;
    if (can_skip) {
      std::uint64_t& mask = seen[is_write(c) ? 1 : 0];
      const std::uint64_t bit = std::uint64_t{1} << buffer[i].bank;
      if ((mask & bit) && buffer[i].arrive + 1 <= tick) continue;
      mask |= bit;
    }
    if (closes_active_row(c, buffer[i])) continue;  // waits for an issue, not for time
    if (falling_edge && c == DramCommand::kAct) {
      new_floor_[buffer[i].a.pc] = std::min(new_floor_[buffer[i].a.pc], tick + 1);
      pick.next_ready = std::min(pick.next_ready, tick + 1);
      continue;
    }
    // A request is scheduled from the tick after it entered its queue.
    const std::uint64_t regs = registers_at(c, buffer[i]);
    std::uint64_t& floor = new_floor_[buffer[i].a.pc];
    floor = std::min(floor, on_allowed_edge(c, regs));
    const std::uint64_t at =
        on_allowed_edge(c, std::max({regs, bus_free, buffer[i].arrive + 1, tick}));
    if (at <= tick) {
      pick.buffer = &buffer;
      pick.index = i;
      pick.command = c;
      return;  // the floors found so far are partial: keep none
    }
    pick.next_ready = std::min(pick.next_ready, at);
  }
  for (std::uint32_t pc = 0; pc < skip_pc_.size(); ++pc)
    if (!skip_pc_[pc]) index.set_floor(slot_index, pc, new_floor_[pc]);
}

bool DramChannelController::schedule_slot(Slot slot, std::uint64_t tick,
                                          std::uint64_t& next_ready) {
  Pick pick;
  if (slot == Slot::kColumn) pick_from(active_, slot, tick, pick);
  if (!pick.buffer && !priority_.empty()) {
    // Refresh first: only its own commands (and activated requests) go until it is done.
    const Request& head = priority_.front();
    const DramCommand c = next_command(head);
    if (!is_column(c) && slot == Slot::kRow && !closes_active_row(c, head)) {
      const std::uint64_t at = on_allowed_edge(c, std::max(earliest(c, head), tick));
      if (at <= tick) {
        pick.buffer = &priority_;
        pick.index = 0;
        pick.command = c;
      } else {
        pick.next_ready = std::min(pick.next_ready, at);
      }
    }
  } else if (!pick.buffer) {
    pick_from(write_mode_ ? writes_ : reads_, slot, tick, pick);
  }
  next_ready = std::min(next_ready, pick.next_ready);
  if (!pick.buffer) return false;
  issue(pick, tick);
  return true;
}

void DramChannelController::record(DramCommand c, const Request& r, std::uint64_t tick) {
  const auto i = static_cast<std::size_t>(c);
  const std::uint32_t sid = r.sid_node, bg = r.bg_node;
  const std::uint32_t pc = r.a.pc;
  for (const Effect& e : effects_[i]) {
    const std::uint64_t until = tick + e.latency;
    auto raise = [&](Registers& regs) { regs[e.following] = std::max(regs[e.following], until); };
    switch (e.level) {
      case DramLevel::kChannel:
        for (auto& regs : pc_regs_) raise(regs);
        break;
      case DramLevel::kPseudoChannel:
        raise(pc_regs_[pc]);
        break;
      case DramLevel::kStackId:
        if (!e.sibling) {
          raise(sid_regs_[sid]);
        } else {
          for (std::uint32_t s = 0; s < spec_.org.stack_ids; ++s)
            if (pc * spec_.org.stack_ids + s != sid) raise(sid_regs_[pc * spec_.org.stack_ids + s]);
        }
        break;
      case DramLevel::kBankGroup:
        raise(bg_regs_[bg]);
        break;
      case DramLevel::kBank:
        raise(bank_regs_[r.bank]);
        break;
    }
  }
  (is_column(c) ? column_bus_free_ : row_bus_free_) = tick + spec_.bus_ticks[i];
  if (c == DramCommand::kAct) {
    act_history_[pc][act_count_[pc] % 4] = tick;
    ++act_count_[pc];
  }
  if (params_.record_commands) log_.push_back({tick, c, r.a});
}

void DramChannelController::issue(const Pick& pick, std::uint64_t tick) {
  std::vector<Request>& buffer = *pick.buffer;
  Request& r = buffer[pick.index];
  DramCommand c = pick.command;
  if (!r.counted && (r.final == DramCommand::kRd || r.final == DramCommand::kWr)) {
    r.counted = true;
    if (is_column(c))
      ++stats_.row_hits;
    else if (c == DramCommand::kAct)
      ++stats_.row_misses;
    else
      ++stats_.row_conflicts;
  }
  if (is_column(c) && params_.page_policy == PagePolicy::kClosed) {
    // Closed page: auto-precharge unless another queued request hits this row.
    auto hits = [&](const std::vector<Request>& q) {
      for (const Request& o : q)
        if (&o != &r && o.bank == r.bank && o.a.row == r.a.row) return true;
      return false;
    };
    if (!hits(active_) && !hits(reads_) && !hits(writes_))
      c = c == DramCommand::kRd ? DramCommand::kRda : DramCommand::kWra;
  }
  record(c, r, tick);
  const std::uint32_t m = spec_.timing.tick_multiplier;
  const Request served = r;  // `r` dies when the request leaves its buffer
  switch (c) {
    case DramCommand::kAct: {
      const bool moves = &buffer != &active_ && active_.size() < params_.active_queue;
      if (moves) leave(buffer, pick.index);
      open_row_[served.bank] = served.a.row;
      ++open_in_pc_[served.a.pc];
      ++stats_.activates;
      row_changed(served.bank);
      if (moves) {
        active_.push_back(served);
        ++active_in_bank_[served.bank];
        ++active_in_pc_[served.a.pc];
        enter(active_, served);
      }
      return;
    }
    case DramCommand::kPre:
      open_row_[served.bank] = -1;
      --open_in_pc_[served.a.pc];
      ++stats_.precharges;
      row_changed(served.bank);
      return;
    case DramCommand::kPreAll:
      for (std::uint32_t b = served.a.pc * banks_per_pc_; b < (served.a.pc + 1) * banks_per_pc_;
           ++b) {
        if (open_row_[b] < 0) continue;
        open_row_[b] = -1;
        row_changed(b);
      }
      open_in_pc_[served.a.pc] = 0;
      ++stats_.precharges;
      return;
    case DramCommand::kRefAll:
    case DramCommand::kRefBank:
      ++stats_.refreshes;
      buffer.erase(buffer.begin() + static_cast<std::ptrdiff_t>(pick.index));
      return;
    default:
      break;
  }
  // A column command: the request is served.
  const bool read = is_read(c);
  const std::uint64_t done =
      tick + (read ? spec_.read_latency_ticks() : spec_.write_latency_ticks());
  stats_.data_bus_ticks += std::uint64_t{spec_.timing.nBL} * m;
  stats_.last_completion = std::max(stats_.last_completion, done);
  if (read) {
    ++stats_.reads;
    const std::uint64_t latency = done - served.arrive;
    stats_.read_latency_ticks += latency;
    // floor(log2(ns)) = floor(log2(whole ns)), as an integer: no libm call per read.
    const std::uint64_t whole_ns = latency * spec_.tick_fs / 1000000;
    const int bucket = whole_ns < 1 ? 0 : std::min(23, 63 - __builtin_clzll(whole_ns));
    ++stats_.read_latency_log2_ns[static_cast<std::size_t>(bucket)];
  } else {
    ++stats_.writes;
  }
  completions_.push_back({served.tag, done});
  const bool from_active = &buffer == &active_;
  leave(buffer, pick.index);
  if (from_active) {
    --active_in_bank_[served.bank];
    --active_in_pc_[served.a.pc];
  }
  if (c == DramCommand::kRda || c == DramCommand::kWra) {
    open_row_[served.bank] = -1;
    --open_in_pc_[served.a.pc];
    row_changed(served.bank);
  } else if (from_active && active_in_bank_[served.bank] == 0) {
    lower_floors_of_bank(served.bank);  // a precharge of this bank is no longer blocked
  }
}

bool DramChannelController::wanted_write_mode() const {
  const double writes = static_cast<double>(writes_.size());
  if (!write_mode_)
    return writes > params_.write_high_watermark * params_.write_queue || reads_.empty();
  return !(writes < params_.write_low_watermark * params_.write_queue && !reads_.empty());
}

bool DramChannelController::has_room(const Request& r) const {
  return r.final == DramCommand::kWr ? writes_.size() < params_.write_queue
                                     : reads_.size() < params_.read_queue;
}

bool DramChannelController::admissible_by(std::uint64_t tick) const {
  return !arriving_.empty() && arriving_.front().arrive <= tick && has_room(arriving_.front());
}

void DramChannelController::update_write_mode() {
  write_mode_ = wanted_write_mode();
}

void DramChannelController::advance(std::uint64_t until) {
  while (now_ < until) {
    const std::uint64_t t = now_;
    refresh_due(t);
    update_write_mode();
    woken_at_ = kNever;
    std::uint64_t column_next = kNever, row_next = kNever;
    const bool column = schedule_slot(Slot::kColumn, t, column_next);
    const bool row = schedule_slot(Slot::kRow, t, row_next);
    // Arrivals (and requests waiting for the room just freed) enter at the end of the tick.
    const bool admitted = admit(t);
    std::uint64_t next = std::min(column_next, row_next);
    if (column || row) {
      // A slot that issued waits for its bus; the other slot's next look stands unless the issue
      // made some request earlier, which lowered a floor.
      next = std::min(
          {column ? column_bus_free_ : column_next, row ? row_bus_free_ : row_next, woken_at_});
      if (!priority_.empty() || wanted_write_mode() != write_mode_ || admissible_by(t + 1))
        next = t + 1;
    }
    if (admitted) next = std::min(next, t + 1);
    // Jump to the next tick at which something can change.
    next = std::min(next, next_refresh_);
    if (!arriving_.empty() && arriving_.front().arrive > t)
      next = std::min(next, arriving_.front().arrive);
    now_ = std::min(until, std::max(t + 1, next));
#ifndef NDEBUG
    if (now_ > t + 1) check_nothing_ready_between(t + 1, now_);
#endif
  }
}

}  // namespace lumen
