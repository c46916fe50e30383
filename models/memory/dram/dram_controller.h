// One channel's memory controller: read and write queues, write drain between two watermarks,
// FR-FCFS scheduling, open- or closed-page policy and refresh, issuing commands to the DRAM
// under every constraint of its DramSpec.
//
// Scheduling (per tick, two command buses per channel, as HBM has: a column bus and a row bus):
//   column slot: the oldest ready column command among requests whose row is already open for
//                them (the active buffer), else from the read or write queue;
//   row slot:    a pending refresh first (precharging its banks), else the oldest ready ACT/PRE
//                from the read or write queue. A PRE never closes a row that an activated request
//                is still waiting on.
//   A request is scheduled from the tick after it entered its queue (one controller stage).
//   A command lasting several ticks counts its constraints from its last tick.
//   "ready" = every timing register of the command's channel, pseudo-channel, SID, bank group
//   and bank has expired (DramTimingState). Among ready requests the oldest wins (FR-FCFS: row
//   hits are ready first, so they overtake older misses).
//   Write mode starts when the write queue passes the high watermark (or no read is waiting)
//   and ends when it falls under the low one while reads wait.
// Completion: a read at RD + (CL + BL), a write at WR + (CWL + BL); latency is counted from the
// tick the request entered its queue.
//
// The controller is plain C++ and event-driven: advance() jumps straight to the next tick at
// which some command can become ready, a refresh falls due or a request arrives, instead of
// ticking every cycle. That jump is exact because timing registers change only when a command
// issues. The scans use an index of each queue (dram_queue_index.h) to skip pseudo-channels with
// nothing for the slot, or nothing ready before their floor; results are those of a full scan.
// After a tick that issued, the jump goes to the least of: each issuing slot's bus release, the
// other slot's next ready tick, and every floor the issue lowered (a request that became earlier);
// a pending refresh, a write-mode switch or an admissible arrival make it the next tick.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "models/memory/dram/dram_address_map.h"
#include "models/memory/dram/dram_queue_index.h"
#include "models/memory/dram/dram_spec.h"

namespace lumen {

enum class PagePolicy { kOpen, kClosed };
enum class RefreshPolicy { kAllBank, kPerBank, kNone };

struct DramControllerParams {
  std::uint32_t read_queue = 32, write_queue = 32;
  std::uint32_t active_queue = 0;  // activated requests awaiting their column command; 0 = banks
  double write_high_watermark = 0.8, write_low_watermark = 0.2;
  PagePolicy page_policy = PagePolicy::kOpen;
  RefreshPolicy refresh = RefreshPolicy::kAllBank;
  bool record_commands = false;  // keep the command log (for the protocol checker)
};

struct IssuedCommand {
  std::uint64_t tick;
  DramCommand command;
  DramAddress address;
};

struct DramCompletion {
  std::uint64_t tag;
  std::uint64_t tick;
};

struct DramChannelStats {
  std::uint64_t reads = 0, writes = 0, row_hits = 0, row_misses = 0, row_conflicts = 0;
  std::uint64_t activates = 0, precharges = 0, refreshes = 0;
  std::uint64_t read_latency_ticks = 0;
  std::uint64_t data_bus_ticks = 0;                      // summed over pseudo-channels
  std::uint64_t last_completion = 0;                     // tick
  std::array<std::uint64_t, 24> read_latency_log2_ns{};  // bucket i: [2^i, 2^(i+1)) ns
};

class DramChannelController {
 public:
  DramChannelController(const DramSpec& spec, const DramControllerParams& params);

  // A request enters the channel's unbounded arrival FIFO; it is admitted into its queue when
  // there is room, in arrival order (as a front end that retries every cycle).
  void submit(std::uint64_t tag, bool write, const DramAddress& address, std::uint64_t tick);
  // Processes every tick < until. Completions found are appended to completions().
  void advance(std::uint64_t until);

  std::vector<DramCompletion>& completions() { return completions_; }
  bool has_work() const;
  std::uint64_t now() const { return now_; }
  const DramChannelStats& stats() const { return stats_; }
  const std::vector<IssuedCommand>& command_log() const { return log_; }

 private:
  struct Request {
    std::uint64_t tag;
    std::uint64_t arrive;
    DramAddress a;
    std::uint32_t bank;  // flat bank index within the channel
    std::uint32_t sid_node, bg_node;
    DramCommand final;  // RD/WR (or REFA/REFB for refresh)
    bool counted = false;
  };
  enum class Slot { kColumn, kRow };
  struct Pick {
    std::vector<Request>* buffer = nullptr;
    std::size_t index = 0;
    DramCommand command = DramCommand::kRd;
    std::uint64_t next_ready = UINT64_MAX;  // when nothing is ready: the earliest that could be
  };

  DramCommand next_command(const Request& r) const;
  std::uint64_t earliest(DramCommand c, const Request& r) const;
  std::uint64_t on_allowed_edge(DramCommand c, std::uint64_t tick) const;
  bool closes_active_row(DramCommand c, const Request& r) const;
  DramQueueIndex& index_of(const std::vector<Request>& buffer);
  // Keep the queue indexes (and their floors, see dram_queue_index.h) true as requests come and go
  // and rows open and close.
  void enter(std::vector<Request>& buffer, const Request& r);
  void leave(std::vector<Request>& buffer, std::size_t index);
  void row_changed(std::uint32_t bank);
  void lower_floors_of_bank(std::uint32_t bank);
  void lower_floor(DramQueueIndex& index, DramQueueIndex::Slot slot, std::uint32_t pc,
                   std::uint64_t tick);
  bool wanted_write_mode() const;                // the mode the watermarks ask for now
  bool has_room(const Request& r) const;         // in its queue
  bool admissible_by(std::uint64_t tick) const;  // the arrival head could enter its queue
  std::uint64_t registers_at(DramCommand c, const Request& r) const;
  std::uint64_t registers_at(DramCommand c, std::uint32_t pc, std::uint32_t sid_node,
                             std::uint32_t bg_node, std::uint32_t bank) const;
  void pick_from(std::vector<Request>& buffer, Slot slot, std::uint64_t tick, Pick& pick);
  void scan(std::vector<Request>& buffer, Slot slot, std::uint64_t tick, Pick& pick);
  // Debug builds (the sanitizer suite): the indexed scan's pick must be a plain full scan's.
  void check_against_full_scan(const std::vector<Request>& buffer, Slot slot, std::uint64_t tick,
                               const Pick& pick) const;
  // Debug builds: no tick skipped between two visited ones had a command ready.
  void check_nothing_ready_between(std::uint64_t from, std::uint64_t to) const;
  std::size_t full_scan_first_ready(const std::vector<Request>& buffer, Slot slot,
                                    std::uint64_t tick) const;
  bool schedule_slot(Slot slot, std::uint64_t tick, std::uint64_t& next_ready);
  void issue(const Pick& pick, std::uint64_t tick);
  void record(DramCommand c, const Request& r, std::uint64_t tick);
  void update_write_mode();
  bool admit(std::uint64_t tick);
  void refresh_due(std::uint64_t tick);
  void update_next_refresh();

  std::uint32_t bank_index(const DramAddress& a) const;
  void locate(Request& r) const;  // bank and node indices from the address
  std::uint32_t pc_of_bank(std::uint32_t bank) const { return bank / banks_per_pc_; }

  const DramSpec& spec_;
  DramControllerParams params_;
  std::uint32_t banks_per_pc_, banks_per_sid_, banks_per_bg_;
  std::uint64_t now_ = 0;
  bool write_mode_ = false;

  std::deque<Request> arriving_;
  std::deque<bool> arriving_is_write_;
  std::vector<Request> reads_, writes_, active_, priority_;
  DramQueueIndex reads_index_, writes_index_, active_index_;
  std::vector<std::uint8_t> skip_pc_;     // scratch for pick_from
  std::vector<std::uint64_t> new_floor_;  // scratch for pick_from
  std::uint64_t woken_at_ = UINT64_MAX;   // the least floor lowered in the current tick

  // Timing registers: for every node, the earliest tick each command may issue there.
  using Registers = std::array<std::uint64_t, kDramCommandCount>;
  std::vector<Registers> pc_regs_, sid_regs_, bg_regs_, bank_regs_;
  std::uint64_t row_bus_free_ = 0, column_bus_free_ = 0;
  std::vector<std::array<std::uint64_t, 4>> act_history_;  // last four ACTs per PC (tFAW)
  std::vector<std::uint32_t> act_count_;
  // What issuing a command does to the registers: for one (level, following command) the
  // largest latency of the table's rules, multi-tick adjustment included.
  struct Effect {
    DramLevel level;
    bool sibling;
    std::uint8_t following;
    std::uint64_t latency;
  };
  std::array<std::vector<Effect>, kDramCommandCount> effects_;
  std::uint32_t faw_ = 0;

  std::vector<std::int64_t> open_row_;  // per bank, -1 closed
  std::vector<std::uint32_t> open_in_pc_;
  std::vector<std::uint32_t> active_in_bank_, active_in_pc_;  // requests in active_
  std::vector<std::uint64_t> refresh_at_;    // next due tick per PC (all-bank) or per bank
  std::uint64_t next_refresh_ = UINT64_MAX;  // the least of refresh_at_
  std::uint32_t refresh_interval_ = 0;

  DramChannelStats stats_;
  std::vector<DramCompletion> completions_;
  std::vector<IssuedCommand> log_;
};

}  // namespace lumen
