// One Verilated simd_core (rtl/simd/simd_core.v) behind a lane-count-independent interface.
// Each LANES value is its own Verilated class, so VerilatedSimd<V> is a template over it; the
// lane count is read off the width of the host_vdata port (32 bits per lane).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "rtl/verilated_harness.h"

namespace lumen {

class SimdCoreRtl {
 public:
  virtual ~SimdCoreRtl() = default;
  virtual unsigned lanes() const = 0;

  // rst_n low for two ticks: idles the core and zeroes v0..v7 (imem and dmem are kept).
  virtual void reset() = 0;
  // Writes imem[0 .. words.size()-1], one tick per word (at most 256 words).
  virtual void load_program(const std::vector<std::uint32_t>& words) = 0;
  // Writes dmem[addr] (lanes() values, lane l at bits 32l), one tick.
  virtual void write_dmem(unsigned addr, const std::vector<std::int32_t>& values) = 0;
  // Reads dmem[addr] through the registered host port, one tick.
  virtual std::vector<std::int32_t> read_dmem(unsigned addr) = 0;
  // Reads v[r] (combinational port, no tick).
  virtual std::vector<std::int32_t> read_vreg(unsigned r) = 0;
  // Starts the program in imem (the core must be idle) and ticks until done is seen. Returns
  // the edges ticked from the start edge (edge 0) until done is seen: 1 + SIGMA by the cycle
  // contract, i.e. simd_program_cycles(). Throws std::runtime_error if done never comes.
  virtual std::uint64_t run() = 0;
  // The same, calling `on_edge` after every edge (a SystemC transactor waits one clock there).
  virtual std::uint64_t run(const std::function<void()>& on_edge) = 0;
  // Starts dumping every signal to `path` (closed with the model).
  virtual void open_vcd(const std::string& path) = 0;
};

namespace detail {

// 32-bit words in a port: a C integer type (CData .. QData) or a VlWide<words>.
template <typename Port>
struct SimdPortWords {
  static constexpr unsigned value = sizeof(Port) * 8 / 32;
};
template <std::size_t N>
struct SimdPortWords<VlWide<N>> {
  static constexpr unsigned value = static_cast<unsigned>(N);
};

}  // namespace detail

template <typename V>
class VerilatedSimd final : public SimdCoreRtl {
 public:
  using VdataPort = std::decay_t<decltype(std::declval<V&>().host_vdata)>;
  static constexpr unsigned kLanes = detail::SimdPortWords<VdataPort>::value;
  static_assert(kLanes >= 2, "simd_core has LANES >= 2");
  // A guard against a program that never halts (imem without a HALT runs until reset).
  static constexpr std::uint64_t kMaxRunEdges = std::uint64_t{1} << 24;

  VerilatedSimd() : rtl_("simd_core"), model_(&rtl_.model()) {
    quiet();
    model_->host_addr = 0;
    model_->host_vaddr = 0;
    model_->clk = 0;
    model_->eval();
    reset();
  }
  unsigned lanes() const override { return kLanes; }

  void reset() override {
    quiet();
    model_->rst_n = 0;
    tick();
    tick();
    model_->rst_n = 1;
  }

  void load_program(const std::vector<std::uint32_t>& words) override {
    if (words.size() > 256) throw std::invalid_argument("simd_core imem holds 256 words");
    require_idle("load_program");
    for (std::size_t i = 0; i < words.size(); ++i) {
      quiet();
      model_->imem_we = 1;
      model_->imem_addr = static_cast<std::uint8_t>(i);
      model_->imem_wdata = words[i];
      tick();
    }
    quiet();
  }

  void write_dmem(unsigned addr, const std::vector<std::int32_t>& values) override {
    if (addr > 255) throw std::out_of_range("simd_core dmem address above 255");
    if (values.size() != kLanes) throw std::invalid_argument("write_dmem: need one value per lane");
    require_idle("write_dmem");
    quiet();
    model_->host_we = 1;
    model_->host_addr = static_cast<std::uint8_t>(addr);
    pack_port<32>(model_->host_wdata, values.data(), kLanes);
    tick();
    quiet();
  }

  std::vector<std::int32_t> read_dmem(unsigned addr) override {
    if (addr > 255) throw std::out_of_range("simd_core dmem address above 255");
    quiet();
    model_->host_addr = static_cast<std::uint8_t>(addr);
    tick();  // host_rdata is registered: the word shows after the edge
    std::vector<std::int32_t> out(kLanes);
    unpack_port_int32(model_->host_rdata, out.data(), kLanes);
    return out;
  }

  std::vector<std::int32_t> read_vreg(unsigned r) override {
    if (r > 7) throw std::out_of_range("simd_core has registers v0..v7");
    model_->host_vaddr = static_cast<std::uint8_t>(r);
    model_->eval();
    std::vector<std::int32_t> out(kLanes);
    unpack_port_int32(model_->host_vdata, out.data(), kLanes);
    return out;
  }

  std::uint64_t run() override {
    return run([] {});
  }

  std::uint64_t run(const std::function<void()>& on_edge) override {
    require_idle("run");
    quiet();
    model_->start = 1;
    tick();  // edge 0 takes start
    on_edge();
    model_->start = 0;
    std::uint64_t edges = 1;
    while (!model_->done) {
      if (edges >= kMaxRunEdges)
        throw std::runtime_error("simd_core: no done after " + std::to_string(edges) +
                                 " edges (program without HALT?)");
      tick();
      on_edge();
      ++edges;
    }
    return edges;
  }

  void open_vcd(const std::string& path) override { rtl_.open_vcd(path); }

 private:
  // All host strobes inactive.
  void quiet() {
    model_->start = 0;
    model_->imem_we = 0;
    model_->host_we = 0;
  }
  void require_idle(const char* what) const {
    if (model_->busy) throw std::logic_error(std::string(what) + ": simd_core is busy");
  }
  void tick() { rtl_.tick(); }

  VerilatedHarness<V> rtl_;
  V* model_;  // rtl_'s model
};

// The core Verilated into this binary (rtl/CMakeLists.txt: LANES = 4, default cycle table).
std::unique_ptr<SimdCoreRtl> make_simd_rtl();

}  // namespace lumen
