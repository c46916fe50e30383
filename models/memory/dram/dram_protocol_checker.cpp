#include "models/memory/dram/dram_protocol_checker.h"

#include <deque>
#include <map>
#include <optional>
#include <sstream>

namespace lumen {
namespace {

struct Node {
  DramLevel level;
  std::uint32_t index;
  bool operator<(const Node& o) const {
    return level != o.level ? level < o.level : index < o.index;
  }
};

class Checker {
 public:
  Checker(const DramSpec& spec, std::uint64_t end_tick, RefreshPolicy refresh)
      : spec_(spec), end_(end_tick), refresh_(refresh) {
    const DramOrganisation& o = spec.org;
    open_.assign(std::size_t{o.pseudo_channels} * o.banks_per_pc(), -1);
    last_refresh_.assign(refresh == RefreshPolicy::kPerBank ? open_.size() : o.pseudo_channels, 0);
  }

  void step(const IssuedCommand& c) {
    ++report_.commands;
    check_state(c);
    check_bus(c);
    if (spec_.rising_edge_only() && !DramSpec::falling_edge_allowed(c.command) && c.tick % 2 == 0)
      fail(c.tick, describe(c) + " on a falling clock edge");
    check_timing(c);
    apply(c);
  }

  ProtocolReport finish() {
    const std::uint64_t limit = 9ull * spec_.timing.nREFI * spec_.timing.tick_multiplier;
    if (refresh_ != RefreshPolicy::kNone)
      for (std::size_t i = 0; i < last_refresh_.size(); ++i)
        if (end_ > last_refresh_[i] + limit)
          fail(end_,
               "no refresh of " +
                   std::string(refresh_ == RefreshPolicy::kPerBank ? "bank " : "pseudo-channel ") +
                   std::to_string(i) + " since tick " + std::to_string(last_refresh_[i]));
    return report_;
  }

 private:
  std::uint32_t bank(const DramAddress& a) const {
    const DramOrganisation& o = spec_.org;
    return ((a.pc * o.stack_ids + a.sid) * o.bank_groups + a.bg) * o.banks_per_group + a.bank;
  }
  Node node(DramLevel level, const DramAddress& a) const {
    const DramOrganisation& o = spec_.org;
    switch (level) {
      case DramLevel::kChannel:
        return {level, 0};
      case DramLevel::kPseudoChannel:
        return {level, a.pc};
      case DramLevel::kStackId:
        return {level, a.pc * o.stack_ids + a.sid};
      case DramLevel::kBankGroup:
        return {level, (a.pc * o.stack_ids + a.sid) * o.bank_groups + a.bg};
      case DramLevel::kBank:
        return {level, bank(a)};
    }
    return {level, 0};
  }

  void fail(std::uint64_t tick, const std::string& what) {
    ++report_.violations;
    if (report_.first.size() < 8)
      report_.first.push_back("tick " + std::to_string(tick) + ": " + what);
  }

  static std::string describe(const IssuedCommand& c) {
    std::ostringstream out;
    out << dram_command_name(c.command) << " pc" << c.address.pc << " sid" << c.address.sid << " bg"
        << c.address.bg << " ba" << c.address.bank << " row" << c.address.row;
    return out.str();
  }

  void check_state(const IssuedCommand& c) {
    const std::uint32_t b = bank(c.address);
    const std::uint32_t per_pc = spec_.org.banks_per_pc();
    switch (c.command) {
      case DramCommand::kAct:
        if (open_[b] >= 0) fail(c.tick, describe(c) + " to an open bank");
        break;
      case DramCommand::kPre:
        if (open_[b] < 0) fail(c.tick, describe(c) + " to a closed bank");
        break;
      case DramCommand::kRefAll:
        for (std::uint32_t i = c.address.pc * per_pc; i < (c.address.pc + 1) * per_pc; ++i)
          if (open_[i] >= 0) {
            fail(c.tick, describe(c) + " with bank " + std::to_string(i) + " open");
            break;
          }
        break;
      case DramCommand::kRefBank:
        if (open_[b] >= 0) fail(c.tick, describe(c) + " to an open bank");
        break;
      case DramCommand::kPreAll:
        break;
      default:
        if (open_[b] != static_cast<std::int64_t>(c.address.row))
          fail(c.tick, describe(c) + " but the open row is " + std::to_string(open_[b]));
    }
  }

  void check_bus(const IssuedCommand& c) {
    const bool column = is_column(c.command);
    const std::optional<IssuedCommand>& prev = column ? last_column_ : last_row_;
    if (prev && c.tick < prev->tick + spec_.bus_ticks[static_cast<std::size_t>(prev->command)])
      fail(c.tick, describe(c) + " overlaps " + dram_command_name(prev->command) + " at tick " +
                       std::to_string(prev->tick) + " on the " + (column ? "column" : "row") +
                       " command bus");
  }

  void check_timing(const IssuedCommand& c) {
    const CommandMask self = mask_of(c.command);
    for (std::size_t k = 0; k < spec_.constraints.size(); ++k) {
      const TimingConstraint& rule = spec_.constraints[k];
      if (!(rule.following & self)) continue;
      const Node here = node(rule.level, c.address);
      if (!rule.sibling) {
        check_against(c, rule, history_[{k, here}]);
      } else {  // every other SID of the same pseudo-channel
        for (std::uint32_t s = 0; s < spec_.org.stack_ids; ++s) {
          if (s == c.address.sid) continue;
          DramAddress other = c.address;
          other.sid = s;
          check_against(c, rule, history_[{k, node(rule.level, other)}]);
        }
      }
    }
  }

  void check_against(const IssuedCommand& c, const TimingConstraint& rule,
                     const std::deque<std::pair<std::uint64_t, DramCommand>>& past) {
    if (past.size() < rule.window) return;
    const auto& [since, before] = past[past.size() - rule.window];
    const std::uint64_t needs =
        rule.window > 1 ? rule.latency : spec_.pair_latency(rule.latency, before, c.command);
    if (c.tick < since + needs)
      fail(c.tick, describe(c) + " violates " + rule.name + " after " + dram_command_name(before) +
                       " at tick " + std::to_string(since) + ": " + std::to_string(c.tick - since) +
                       " ticks, needs " + std::to_string(needs));
  }

  void apply(const IssuedCommand& c) {
    const CommandMask self = mask_of(c.command);
    for (std::size_t k = 0; k < spec_.constraints.size(); ++k) {
      const TimingConstraint& rule = spec_.constraints[k];
      if (!(rule.preceding & self)) continue;
      auto& past = history_[{k, node(rule.level, c.address)}];
      past.emplace_back(c.tick, c.command);
      if (past.size() > rule.window) past.pop_front();
    }
    const std::uint32_t b = bank(c.address);
    const std::uint32_t per_pc = spec_.org.banks_per_pc();
    switch (c.command) {
      case DramCommand::kAct:
        open_[b] = c.address.row;
        break;
      case DramCommand::kPre:
      case DramCommand::kRda:
      case DramCommand::kWra:
        open_[b] = -1;
        break;
      case DramCommand::kPreAll:
        for (std::uint32_t i = c.address.pc * per_pc; i < (c.address.pc + 1) * per_pc; ++i)
          open_[i] = -1;
        break;
      case DramCommand::kRefAll:
        if (refresh_ == RefreshPolicy::kAllBank) last_refresh_[c.address.pc] = c.tick;
        break;
      case DramCommand::kRefBank:
        if (refresh_ == RefreshPolicy::kPerBank) last_refresh_[b] = c.tick;
        break;
      default:
        break;
    }
    (is_column(c.command) ? last_column_ : last_row_) = c;
  }

  const DramSpec& spec_;
  std::uint64_t end_;
  RefreshPolicy refresh_;
  std::vector<std::int64_t> open_;
  std::vector<std::uint64_t> last_refresh_;
  std::map<std::pair<std::size_t, Node>, std::deque<std::pair<std::uint64_t, DramCommand>>>
      history_;
  std::optional<IssuedCommand> last_row_, last_column_;
  ProtocolReport report_;
};

}  // namespace

ProtocolReport check_protocol(const DramSpec& spec, const std::vector<IssuedCommand>& log,
                              std::uint64_t end_tick, RefreshPolicy refresh) {
  Checker checker(spec, end_tick, refresh);
  for (const IssuedCommand& c : log) checker.step(c);
  return checker.finish();
}

}  // namespace lumen
