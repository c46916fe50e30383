// Zero-time data access through TLM-2.0 debug transport (transport_dbg): how the functional
// mode of the matrix and vector engines reads and writes scratchpad operands. Timing of those
// accesses is the engines' own (dedicated array ports), so it does not go through b_transport.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <tlm>

namespace lumen {

template <typename Socket>
void debug_transport(Socket& socket, tlm::tlm_command command, std::uint64_t address,
                     unsigned char* data, std::uint64_t len, const char* who) {
  tlm::tlm_generic_payload payload;
  payload.set_command(command);
  payload.set_address(address);
  payload.set_data_ptr(data);
  payload.set_data_length(static_cast<unsigned int>(len));
  const unsigned int done = socket->transport_dbg(payload);
  if (done != len) {
    throw std::runtime_error(std::string(who) + ": debug access of " + std::to_string(len) +
                             " bytes at " + std::to_string(address) + " moved " +
                             std::to_string(done));
  }
}

template <typename Socket>
std::vector<unsigned char> debug_read(Socket& socket, std::uint64_t address, std::uint64_t len,
                                      const char* who) {
  std::vector<unsigned char> data(len);
  debug_transport(socket, tlm::TLM_READ_COMMAND, address, data.data(), len, who);
  return data;
}

template <typename Socket>
void debug_write(Socket& socket, std::uint64_t address, std::vector<unsigned char>& data,
                 const char* who) {
  debug_transport(socket, tlm::TLM_WRITE_COMMAND, address, data.data(), data.size(), who);
}

}  // namespace lumen
