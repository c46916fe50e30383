// [validation patch] ValidationTrace frontend (added for offline validation runs; not upstream).
//
// Replays a flat-address trace ("R <addr>" / "W <addr>", or LD/ST; decimal or 0x hex),
// each request of size_bytes = memory_system->get_tx_bytes().
//
// mode = "saturate": in every frontend tick, send requests in trace order until the
//                    memory system rejects one (head-of-line retry next tick) or
//                    max_issue_per_tick requests were accepted.  Keeps controller queues full.
// mode = "serial":   at most ONE outstanding request; the next one is sent in the first
//                    frontend tick after the previous one's completion callback.
//
// Unlike LoadStoreTrace (which reports is_finished() as soon as the last request is
// *sent*), this frontend finishes only when every request has *completed*:
//   reads  -> callback at Request::depart (= RD issue clk + read_latency), served in
//             ControllerBase::serve_completed_reads()
//   writes -> callback when the WR command issues (ControllerBase::retire_request) or
//             immediately if coalesced in the write buffer.
// Use with frontend clock_ratio == memory_system clock_ratio == 1, so frontend ticks and
// controller ticks are 1:1 and m_clk at a callback equals the controller clock.
#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "ramulator/base/param.h"
#include "ramulator/frontend/i_frontend.h"

namespace Ramulator {

namespace fs = std::filesystem;

class ValidationTrace : public IFrontEnd, public Implementation {
  RAMULATOR_REGISTER_IMPLEMENTATION(IFrontEnd, ValidationTrace, "ValidationTrace")

 private:
  struct Trace {
    bool is_write;
    Addr_t addr;
  };
  std::vector<Trace> m_trace;
  std::string m_trace_path;
  std::string m_mode = "saturate";
  bool m_serial = false;
  int m_max_issue_per_tick = 1024;

  size_t m_next = 0;           // next trace index to send
  size_t m_completed = 0;      // completed requests
  bool m_outstanding = false;  // serial mode

  // stats
  Clk_t s_first_send_clk = -1;
  Clk_t s_last_send_clk = -1;
  Clk_t s_last_complete_clk = -1;
  size_t s_sent = 0;
  size_t s_reads_completed = 0;
  size_t s_writes_completed = 0;
  int64_t s_read_lat_sum = 0;  // sum over reads of (depart - arrive), controller cycles
  int64_t s_read_lat_min = -1;
  int64_t s_read_lat_max = -1;
  double s_read_lat_avg = 0.0;
  int64_t s_rejects = 0;

 public:
  void init() override {
    RAMULATOR_PARSE_PARAM(m_clock_ratio, unsigned int, "clock_ratio").required();
    RAMULATOR_PARSE_PARAM(m_trace_path, std::string, "path").required();
    RAMULATOR_PARSE_PARAM(m_mode, std::string, "mode").default_val("saturate");
    RAMULATOR_PARSE_PARAM(m_max_issue_per_tick, int, "max_issue_per_tick").default_val(1024);
    if (m_mode == "serial")
      m_serial = true;
    else if (m_mode != "saturate")
      throw std::runtime_error("ValidationTrace: mode must be saturate|serial");
    load(m_trace_path);
    m_logger.info(fmt::format("ValidationTrace: {} requests, mode={}", m_trace.size(), m_mode));

    m_stats.add("requests", s_sent);
    m_stats.add("first_send_clk", s_first_send_clk);
    m_stats.add("last_send_clk", s_last_send_clk);
    m_stats.add("last_complete_clk", s_last_complete_clk);
    m_stats.add("reads_completed", s_reads_completed);
    m_stats.add("writes_completed", s_writes_completed);
    m_stats.add("read_latency_sum", s_read_lat_sum);
    m_stats.add("read_latency_min", s_read_lat_min);
    m_stats.add("read_latency_max", s_read_lat_max);
    m_stats.add("read_latency_avg", s_read_lat_avg);
    m_stats.add("send_rejects", s_rejects);
  }

  void tick() override {
    m_clk++;
    if (m_serial) {
      if (m_outstanding || m_next >= m_trace.size()) return;
      if (try_send()) m_outstanding = true;
      return;
    }
    int issued = 0;
    while (m_next < m_trace.size() && issued < m_max_issue_per_tick) {
      if (!try_send()) {
        s_rejects++;
        break;
      }
      issued++;
    }
  }

  bool is_finished() override { return m_completed >= m_trace.size(); }

  void update_stats() override {
    s_read_lat_avg = s_reads_completed ? (double)s_read_lat_sum / (double)s_reads_completed : 0.0;
  }
  void finalize() override { update_stats(); }

 private:
  bool try_send() {
    const Trace& t = m_trace[m_next];
    Request req(t.addr, t.is_write ? Request::Type::Write : Request::Type::Read);
    req.size_bytes = m_memory_system->get_tx_bytes();
    req.source_id = 0;
    req.callback = [this](Request& r) { on_complete(r); };
    if (!m_memory_system->send(req)) return false;
    if (s_first_send_clk < 0) s_first_send_clk = m_clk;
    s_last_send_clk = m_clk;
    s_sent++;
    m_next++;
    return true;
  }

  void on_complete(Request& r) {
    m_completed++;
    s_last_complete_clk = m_clk;
    if (r.type_id == Request::Type::Read) {
      s_reads_completed++;
      int64_t lat = r.depart - r.arrive;
      s_read_lat_sum += lat;
      if (s_read_lat_min < 0 || lat < s_read_lat_min) s_read_lat_min = lat;
      if (lat > s_read_lat_max) s_read_lat_max = lat;
    } else {
      s_writes_completed++;
    }
    m_outstanding = false;
  }

  void load(const std::string& path) {
    if (!fs::exists(path)) throw std::runtime_error(fmt::format("Trace {} does not exist!", path));
    std::ifstream f(path);
    std::string op, a;
    while (f >> op >> a) {
      bool w;
      if (op == "R" || op == "LD")
        w = false;
      else if (op == "W" || op == "ST")
        w = true;
      else
        throw std::runtime_error("ValidationTrace: bad op " + op);
      Addr_t addr = (a.rfind("0x", 0) == 0 || a.rfind("0X", 0) == 0)
                        ? std::stoll(a.substr(2), nullptr, 16)
                        : std::stoll(a);
      m_trace.push_back({w, addr});
    }
    if (m_trace.empty()) throw std::runtime_error("ValidationTrace: empty trace");
  }
};

}  // namespace Ramulator
