// Scratchpad bank model against hand-computed bank occupancy.
#include "models/compute/scratchpad.h"

#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>

namespace lumen {
namespace {

struct Probe : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Probe> socket{"socket"};
  std::vector<double> finish_ns;
  std::vector<tlm::tlm_response_status> status;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> accesses;
  std::vector<unsigned char> data = std::vector<unsigned char>(1 << 16);

  explicit Probe(const sc_core::sc_module_name& name) : sc_core::sc_module(name) {
    SC_HAS_PROCESS(Probe);
    SC_THREAD(run);
  }
  void run() {
    for (const auto& [addr, len] : accesses) {  // all issued at time 0
      tlm::tlm_generic_payload p;
      p.set_command(tlm::TLM_WRITE_COMMAND);
      p.set_address(addr);
      p.set_data_ptr(data.data());
      p.set_data_length(len);
      p.set_streaming_width(len);
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      socket->b_transport(p, delay);
      finish_ns.push_back(delay.to_seconds() * 1e9);
      status.push_back(p.get_response_status());
    }
  }
};

TEST(Scratchpad, BanksSerialiseWordsAndConflict) {
  Scratchpad spm("spm", ScratchpadParams{64 * 1024, 8, 64}, 1e9);
  Probe probe("probe");
  probe.socket.bind(spm.socket);
  probe.accesses = {{0, 4096},              // 64 words over 8 banks: 8 cycles
                    {0, 4096},              // same banks again: until 16
                    {3 * 64, 64},           // bank 3 only, after the two above: 17
                    {8 * 64, 128},          // banks 0 and 1, free at 16: 17
                    {64 * 1024 - 32, 64}};  // past the end
  sc_core::sc_start();
  ASSERT_EQ(probe.finish_ns.size(), 5u);
  EXPECT_DOUBLE_EQ(probe.finish_ns[0], 8);
  EXPECT_DOUBLE_EQ(probe.finish_ns[1], 16);
  EXPECT_DOUBLE_EQ(probe.finish_ns[2], 17);
  EXPECT_DOUBLE_EQ(probe.finish_ns[3], 17);
  EXPECT_EQ(probe.status[4], tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

}  // namespace
}  // namespace lumen
