// What every Verilated block in rtl/ needs around its model: its own VerilatedContext, a clock
// tick (rising then falling edge, dumped to a VCD when one is open), and packing of C arrays
// into the model's ports, which are C integers up to 64 bits and VlWide<words> above.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

// Verilator's runtime notices SystemC in the same translation unit (our precompiled header) and
// then calls sc_time_stamp() unqualified; give it the SystemC one.
#include <systemc>
using sc_core::sc_time_stamp;

#include <verilated.h>
#include <verilated_vcd_c.h>

namespace lumen {

template <typename V>
class VerilatedHarness {
 public:
  explicit VerilatedHarness(const char* name) : context_(std::make_unique<VerilatedContext>()) {
    context_->traceEverOn(true);
    model_ = std::make_unique<V>(context_.get(), name);
  }
  ~VerilatedHarness() {
    if (vcd_) vcd_->close();
    model_->final();
  }
  VerilatedHarness(const VerilatedHarness&) = delete;
  VerilatedHarness& operator=(const VerilatedHarness&) = delete;

  V& model() { return *model_; }
  const V& model() const { return *model_; }

  // One clock cycle: rising edge, then falling edge.
  void tick() {
    model_->clk = 1;
    model_->eval();
    if (vcd_) vcd_->dump(time_);
    ++time_;
    model_->clk = 0;
    model_->eval();
    if (vcd_) vcd_->dump(time_);
    ++time_;
  }

  // Dumps every signal to `path` from now on (closed with the harness).
  void open_vcd(const std::string& path) {
    vcd_ = std::make_unique<VerilatedVcdC>();
    model_->trace(vcd_.get(), 99);
    vcd_->open(path.c_str());
  }

 private:
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<V> model_;
  std::unique_ptr<VerilatedVcdC> vcd_;
  std::uint64_t time_ = 0;
};

// Packs `n` values of `Bits` bits (8 or 32) into a port, element i at bit Bits·i.
template <unsigned Bits, typename Port, typename T>
void pack_port(Port& port, const T* v, unsigned n) {
  using U = std::conditional_t<Bits == 8, std::uint8_t, std::uint32_t>;
  if constexpr (std::is_integral_v<Port>) {
    std::uint64_t bits = 0;
    for (unsigned i = 0; i < n; ++i)
      bits |= static_cast<std::uint64_t>(static_cast<U>(v[i])) << (Bits * i);
    port = static_cast<Port>(bits);
  } else {
    for (auto& word : port.m_storage) word = 0;
    for (unsigned i = 0; i < n; ++i)
      port.m_storage[i * Bits / 32] |= static_cast<std::uint32_t>(static_cast<U>(v[i]))
                                       << (Bits * i % 32);
  }
}

// Unpacks `n` int32 values from a port, element i at bit 32i.
template <typename Port>
void unpack_port_int32(const Port& port, std::int32_t* out, unsigned n) {
  if constexpr (std::is_integral_v<Port>) {
    const auto bits = static_cast<std::uint64_t>(port);
    for (unsigned i = 0; i < n; ++i)
      out[i] = static_cast<std::int32_t>(static_cast<std::uint32_t>(bits >> (32 * i)));
  } else {
    for (unsigned i = 0; i < n; ++i) out[i] = static_cast<std::int32_t>(port.m_storage[i]);
  }
}

}  // namespace lumen
