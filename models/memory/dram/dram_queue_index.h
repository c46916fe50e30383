// What the channel controller's scheduler knows about one request queue without scanning it.
//
// Per bank: the rows its queued requests want, so that a row opening or closing recounts that
// bank's row hits in O(requests to the bank). Per pseudo-channel: how many requests want a column
// command (their row is open) and how many want a row command (ACT or PRE); a scan for a slot
// skips a pseudo-channel with none.
//
// Per pseudo-channel and slot, a floor: a lower bound on the earliest tick any of its requests
// could issue, ignoring the command bus, its arrival and the current tick. It is exact when a scan
// that found nothing stores it; afterwards it stays a lower bound without rescanning because
// timing registers only rise and a request leaving only raises the minimum, so the controller
// lowers it only where a request can become earlier: one entering the queue, a row opening or
// closing (its bank's requests change command) and a precharge no longer blocked. While the floor
// is ahead of the tick, nothing there can issue and the scan skips the pseudo-channel; a floor
// that is too low costs one look at a tick where nothing issues, never a missed command.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <vector>

namespace lumen {

class DramQueueIndex {
 public:
  enum Slot { kColumnSlot = 0, kRowSlot = 1 };

  void reset(std::uint32_t banks, std::uint32_t banks_per_pc) {
    banks_per_pc_ = banks_per_pc;
    rows_.assign(banks, {});
    hits_.assign(banks, 0);
    const std::uint32_t pcs = banks / banks_per_pc;
    hits_in_pc_.assign(pcs, 0);
    entries_in_pc_.assign(pcs, 0);
    for (auto& floors : floor_) floors.assign(pcs, 0);
  }

  void add(std::uint32_t bank, std::uint32_t row, std::int64_t open_row) {
    rows_[bank].push_back(row);
    ++entries_in_pc_[bank / banks_per_pc_];
    if (open_row == row) {
      ++hits_[bank];
      ++hits_in_pc_[bank / banks_per_pc_];
    }
  }
  void remove(std::uint32_t bank, std::uint32_t row, std::int64_t open_row) {
    std::vector<std::uint32_t>& rows = rows_[bank];
    const auto wanted = std::find(rows.begin(), rows.end(), row);
    assert(wanted != rows.end() && "removing a request the index never saw");
    rows.erase(wanted);
    --entries_in_pc_[bank / banks_per_pc_];
    if (open_row == row) {
      --hits_[bank];
      --hits_in_pc_[bank / banks_per_pc_];
    }
  }
  // The bank's open row became `open_row` (-1: closed).
  void row_changed(std::uint32_t bank, std::int64_t open_row) {
    const auto hits =
        static_cast<std::uint32_t>(std::count(rows_[bank].begin(), rows_[bank].end(), open_row));
    hits_in_pc_[bank / banks_per_pc_] += hits - hits_[bank];
    hits_[bank] = hits;
  }

  bool bank_wants_column(std::uint32_t bank) const { return hits_[bank] != 0; }
  bool bank_wants_row(std::uint32_t bank) const { return rows_[bank].size() != hits_[bank]; }
  std::uint32_t wanting(Slot slot, std::uint32_t pc) const {
    return slot == kColumnSlot ? hits_in_pc_[pc] : entries_in_pc_[pc] - hits_in_pc_[pc];
  }

  std::uint64_t floor(Slot slot, std::uint32_t pc) const { return floor_[slot][pc]; }
  // The least floor of the pseudo-channels with a request wanting the slot (UINT64_MAX: none).
  std::uint64_t least_floor(Slot slot) const {
    std::uint64_t least = UINT64_MAX;
    for (std::uint32_t pc = 0; pc < floor_[slot].size(); ++pc)
      if (wanting(slot, pc) != 0) least = std::min(least, floor_[slot][pc]);
    return least;
  }
  void set_floor(Slot slot, std::uint32_t pc, std::uint64_t tick) { floor_[slot][pc] = tick; }
  void lower_floor(Slot slot, std::uint32_t pc, std::uint64_t tick) {
    floor_[slot][pc] = std::min(floor_[slot][pc], tick);
  }

 private:
  std::uint32_t banks_per_pc_ = 1;
  std::vector<std::vector<std::uint32_t>> rows_;  // per bank: the rows its requests want
  std::vector<std::uint32_t> hits_;               // per bank: requests to its open row
  std::vector<std::uint32_t> hits_in_pc_, entries_in_pc_;
  std::array<std::vector<std::uint64_t>, 2> floor_;  // [slot][pc]
};

}  // namespace lumen
