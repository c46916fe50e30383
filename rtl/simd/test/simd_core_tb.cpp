// simd_core_tb.cpp -- standalone Verilator testbench for rtl/simd/simd_core.v.
//
// Every program runs twice: on the RTL and on a plain C++ interpreter of the ISA (values and
// cycles). After each run every register and every dmem word are compared, and busy/done are
// checked on every edge against the cycle contract in the header of simd_core.v, so the done
// edge must be exactly 1 + SIGMA. The directed tests also carry hand-computed values and
// cycle counts, so the interpreter itself is checked, not just trusted.
//
// Contract details exercised on purpose: starts at the done edge (back to back, registers and
// dmem carried over), and while busy random start pulses and host writes to both memories
// (also at the start edge), which the core must ignore.
//
// Build: see run_tb.sh (LANES and the CYC_* parameters come in twice: -G for the RTL, -DTB_*
// for this file).  Usage: tb [--vcd FILE] [--seed N]
#include <verilated.h>
#if VM_TRACE
#include <verilated_vcd_c.h>
#endif

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vsimd_core.h"

#ifndef TB_LANES
#define TB_LANES 4
#endif
#ifndef TB_CYC_ALU
#define TB_CYC_ALU 1
#endif
#ifndef TB_CYC_MUL
#define TB_CYC_MUL 3
#endif
#ifndef TB_CYC_MEM
#define TB_CYC_MEM 1
#endif
#ifndef TB_CYC_RED
#define TB_CYC_RED 2
#endif
constexpr int L = TB_LANES;
constexpr long long kAlu = TB_CYC_ALU, kMul = TB_CYC_MUL, kMem = TB_CYC_MEM, kRed = TB_CYC_RED;

// ---- ISA (must match simd_isa.vh / the table in simd_core.v) --------------------------------
enum Op : uint32_t {
  HALT = 0x00,
  NOP,
  VADD,
  VSUB,
  VMUL,
  VMAX,
  VMIN,
  VSLL,
  VSRL,
  VSRA,
  VSLT,
  VSEQ,
  VLI,
  VLD,
  VST,
  VREDSUM,
  kFirstReserved
};

uint32_t enc(uint32_t op, uint32_t rd = 0, uint32_t rs1 = 0, uint32_t rs2 = 0, uint32_t imm = 0) {
  return op << 26 | (rd & 7) << 23 | (rs1 & 7) << 20 | (rs2 & 7) << 17 | (imm & 0xFFFF);
}

long long cycles(uint32_t op) {
  switch (op) {
    case HALT:
      return 1;
    case VMUL:
      return kMul;
    case VLD:
    case VST:
      return kMem;
    case VREDSUM:
      return kRed;
    default:
      return kAlu;  // ALU ops, VLI, NOP, reserved
  }
}

// ---- reference machine -----------------------------------------------------------------------
using Vec = std::array<uint32_t, L>;
struct Machine {
  std::array<Vec, 8> v{};
  std::array<Vec, 256> dmem{};
  std::array<uint32_t, 256> imem{};
};

uint32_t sra(uint32_t x, unsigned s) {  // arithmetic shift without implementation-defined >>
  return (x & 0x80000000u) ? ~(~x >> s) : x >> s;
}

// Runs from pc 0 to the HALT; returns SIGMA (cycles of every executed instruction, HALT
// included) and the number of instructions, or -1 if no HALT within a bound.
long long refRun(Machine& m, long long* executed = nullptr) {
  long long sigma = 0, n = 0;
  uint8_t pc = 0;
  for (; n < 100000; ++pc) {
    const uint32_t ins = m.imem[pc];
    const uint32_t op = ins >> 26, rd = (ins >> 23) & 7, imm = ins & 0xFFFF;
    const Vec a = m.v[(ins >> 20) & 7], b = m.v[(ins >> 17) & 7];  // copies: rd may alias
    Vec y{};
    bool write = true;
    ++n;
    sigma += cycles(op);
    for (int l = 0; l < L; ++l) {
      const uint32_t x = a[l], z = b[l], s = z & 31;
      const int32_t xs = static_cast<int32_t>(x), zs = static_cast<int32_t>(z);
      switch (op) {
        case VADD:
          y[l] = x + z;
          break;
        case VSUB:
          y[l] = x - z;
          break;
        case VMUL:
          y[l] = x * z;
          break;  // uint32 * uint32: wraps, no UB
        case VMAX:
          y[l] = xs < zs ? z : x;
          break;
        case VMIN:
          y[l] = xs < zs ? x : z;
          break;
        case VSLL:
          y[l] = x << s;
          break;
        case VSRL:
          y[l] = x >> s;
          break;
        case VSRA:
          y[l] = sra(x, s);
          break;
        case VSLT:
          y[l] = xs < zs;
          break;
        case VSEQ:
          y[l] = x == z;
          break;
        case VLI:
          y[l] = static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(imm)));
          break;
        case VLD:
          y[l] = m.dmem[imm & 0xFF][l];
          break;
        case VREDSUM:
          y[0] += x;
          break;
        default:
          write = false;  // HALT, NOP, VST, reserved
      }
    }
    if (op == VST) m.dmem[imm & 0xFF] = a;
    if (write) m.v[rd] = y;
    if (op == HALT) {
      if (executed) *executed = n;
      return sigma;
    }
  }
  return -1;
}

// ---- port packing: ports are CData..QData up to 64 bits, VlWide above -------------------------
template <typename T>
void setVec(T& port, const Vec& v) {
  uint64_t x = 0;
  for (int l = 0; l < L; ++l) x |= uint64_t{v[l]} << (32 * l);
  port = static_cast<T>(x);
}
template <std::size_t N>
void setVec(VlWide<N>& port, const Vec& v) {
  for (int l = 0; l < L; ++l) port[l] = v[l];
}
template <typename T>
Vec getVec(const T& port) {
  Vec v;
  for (int l = 0; l < L; ++l) v[l] = static_cast<uint32_t>(static_cast<uint64_t>(port) >> (32 * l));
  return v;
}
template <std::size_t N>
Vec getVec(const VlWide<N>& port) {
  Vec v;
  for (int l = 0; l < L; ++l) v[l] = port[l];
  return v;
}

// Lane l of a directed operand is t[l % 8]: one table serves LANES = 2, 4 and 8.
Vec tab(std::array<uint32_t, 8> t) {
  Vec v;
  for (int l = 0; l < L; ++l) v[l] = t[l % 8];
  return v;
}
Vec splat(uint32_t x) {
  Vec v;
  v.fill(x);
  return v;
}
constexpr uint32_t kMin = 0x80000000u, kMax = 0x7FFFFFFFu;
uint32_t neg(uint32_t x) {
  return 0u - x;
}

// ---- the RTL harness ---------------------------------------------------------------------------
class Harness {
 public:
  Harness(VerilatedContext* ctx, const char* vcdPath) : top_(new Vsimd_core(ctx)) {
#if VM_TRACE
    if (vcdPath) {
      vcd_ = std::make_unique<VerilatedVcdC>();
      top_->trace(vcd_.get(), 99);
      vcd_->open(vcdPath);
    }
#else
    (void)vcdPath;
#endif
    quiet();
    top_->clk = 0;
    top_->eval();
  }
  ~Harness() {
#if VM_TRACE
    if (vcd_) vcd_->close();
#endif
    top_->final();
  }

  Vsimd_core& top() {
    return *top_;
  }
  long long errors = 0, edgesChecked = 0, noiseEvents = 0;

  void fail(const std::string& what, long long got, long long want) {
    if (errors++ < 25)
      std::printf("MISMATCH edge %lld: %s got %lld (0x%llx) want %lld (0x%llx)\n", edge_,
                  what.c_str(), got, static_cast<unsigned long long>(got) & 0xFFFFFFFFull, want,
                  static_cast<unsigned long long>(want) & 0xFFFFFFFFull);
  }

  // All host inputs inactive.
  void quiet() {
    top_->start = 0;
    top_->imem_we = 0;
    top_->host_we = 0;
  }

  // One clock edge. The inputs for it are already driven; busy/done are sampled just before
  // it (clk low, settled) and checked against the run the testbench knows is in flight.
  // `startsRun` marks the edge that takes start: it becomes edge 0 of a run of `sigma`.
  void edge(bool startsRun = false, long long sigma = 0) {
    top_->eval();
    if (runStart_ >= 0) {
      const long long k = edge_ - runStart_;  // edge number within the latest run
      const bool wantBusy = k >= 1 && k <= runSigma_;
      const bool wantDone = k == runSigma_ + 1;
      if (top_->busy != wantBusy)
        fail("busy at run edge " + std::to_string(k), top_->busy, wantBusy);
      if (top_->done != wantDone)
        fail("done at run edge " + std::to_string(k), top_->done, wantDone);
    } else {
      if (top_->busy || top_->done) fail("busy|done before any run", top_->busy, 0);
    }
    ++edgesChecked;
    if (startsRun) runStart_ = edge_, runSigma_ = sigma;
    top_->clk = 1;
    top_->eval();
    dump();
    top_->clk = 0;
    top_->eval();
    dump();
    ++edge_;
  }

  void reset() {
    quiet();
    top_->rst_n = 0;
    edge();
    edge();
    top_->rst_n = 1;
    runStart_ = -1;
  }

  void writeImem(int addr, uint32_t word) {
    quiet();
    top_->imem_we = 1;
    top_->imem_addr = static_cast<uint8_t>(addr);
    top_->imem_wdata = word;
    edge();
    top_->imem_we = 0;
  }
  void writeDmem(int addr, const Vec& v) {
    quiet();
    top_->host_we = 1;
    top_->host_addr = static_cast<uint8_t>(addr);
    setVec(top_->host_wdata, v);
    edge();
    top_->host_we = 0;
  }
  Vec readDmem(int addr) {  // registered read: the word shows after the edge
    quiet();
    top_->host_addr = static_cast<uint8_t>(addr);
    edge();
    return getVec(top_->host_rdata);
  }
  Vec readReg(int r) {  // combinational read
    top_->host_vaddr = static_cast<uint8_t>(r);
    top_->eval();
    return getVec(top_->host_vdata);
  }

  // Starts at the next edge (idle, or the previous run's done edge) and clocks edges 0..SIGMA
  // of the run. Returns with the done edge (1 + SIGMA) not yet clocked: the caller may give
  // the next start there. With `noise`, the busy edges (and the start edge) also carry random
  // start pulses and host writes, which the contract says are ignored.
  void run(long long sigma, bool noise, std::mt19937& rng, int progLen) {
    quiet();
    top_->start = 1;
    if (noise) junk(rng, progLen, /*startToo=*/false);
    edge(true, sigma);
    for (long long k = 1; k <= sigma; ++k) {
      quiet();
      if (noise) junk(rng, progLen, /*startToo=*/true);
      edge();
    }
    quiet();
  }

 private:
  void junk(std::mt19937& rng, int progLen, bool startToo) {
    std::uniform_int_distribution<int> pct(0, 99), any(0, 255), prog(0, progLen);
    std::uniform_int_distribution<uint32_t> word;
    if (startToo && pct(rng) < 10) top_->start = 1, ++noiseEvents;
    if (pct(rng) < 20) {
      top_->imem_we = 1, ++noiseEvents;  // mostly aimed at the running program
      top_->imem_addr = static_cast<uint8_t>(pct(rng) < 70 ? prog(rng) : any(rng));
      top_->imem_wdata = word(rng);
    }
    if (pct(rng) < 20) {
      top_->host_we = 1, ++noiseEvents;
      top_->host_addr = static_cast<uint8_t>(any(rng));
      Vec v;
      for (auto& x : v) x = word(rng);
      setVec(top_->host_wdata, v);
    }
  }
  void dump() {
#if VM_TRACE
    if (vcd_) vcd_->dump(time_);
#endif
    time_ += 5;
  }

  std::unique_ptr<Vsimd_core> top_;
#if VM_TRACE
  std::unique_ptr<VerilatedVcdC> vcd_;
#endif
  uint64_t time_ = 0;
  long long edge_ = 0;
  long long runStart_ = -1, runSigma_ = 0;
};

// ---- one test: dmem image, program, and optional hand expectations ------------------------------
struct Expect {
  int reg;  // 0..7 a register, 100 + a a dmem word
  Vec want;
};
struct Test {
  std::string name;
  std::vector<std::pair<int, Vec>> dmem;  // words to write (random tests: all 256)
  std::vector<uint32_t> prog;             // written from imem[0]; ends with HALT
  std::vector<Expect> expect;             // hand-computed values (directed only)
  long long handSigma = -1;               // hand-computed SIGMA (directed only)
  bool noise = false;
  int reruns = 0;  // extra back-to-back runs started on the done edge
};

struct Stats {
  long long runs = 0, instrs = 0, regsCompared = 0, wordsCompared = 0, handChecks = 0,
            backToBack = 0;
};

std::string hex(const Vec& v) {
  std::string s;
  char b[16];
  for (int l = L - 1; l >= 0; --l) std::snprintf(b, sizeof b, "%08x%s", v[l], l ? "_" : ""), s += b;
  return s;
}

// Loads the test, runs it (plus reruns) on both machines and compares the complete state.
void runTest(Harness& h, Machine& m, const Test& t, std::mt19937& rng, Stats& st) {
  const long long before = h.errors;
  for (const auto& [addr, v] : t.dmem) h.writeDmem(addr, v), m.dmem[addr] = v;
  for (size_t i = 0; i < t.prog.size(); ++i) h.writeImem(static_cast<int>(i), t.prog[i]);
  for (size_t i = 0; i < t.prog.size(); ++i) m.imem[i] = t.prog[i];
  for (int r = 0; r <= t.reruns; ++r) {
    long long n = 0;
    const long long sigma = refRun(m, &n);
    if (sigma < 0) {
      h.fail(t.name + ": reference found no HALT", 0, 1);
      return;
    }
    if (r == 0 && t.handSigma >= 0 && sigma != t.handSigma)
      h.fail(t.name + ": reference SIGMA vs hand", sigma, t.handSigma);
    h.run(sigma, t.noise, rng, static_cast<int>(t.prog.size()));
    ++st.runs, st.instrs += n, st.backToBack += r > 0;
    // The done edge is checked by the next edge(): either the rerun's start or a dmem read.
  }
  for (int r = 0; r < 8; ++r, ++st.regsCompared) {
    const Vec got = h.readReg(r);
    if (got != m.v[r]) {
      h.fail(t.name + ": v" + std::to_string(r) + " " + hex(got) + " want " + hex(m.v[r]), 0, 0);
    }
  }
  for (int a = 0; a < 256; ++a, ++st.wordsCompared) {
    const Vec got = h.readDmem(a);
    if (got != m.dmem[a])
      h.fail(t.name + ": dmem[" + std::to_string(a) + "] " + hex(got) + " want " + hex(m.dmem[a]),
             0, 0);
  }
  for (const auto& e : t.expect) {
    const Vec& ref = e.reg < 100 ? m.v[e.reg] : m.dmem[e.reg - 100];
    ++st.handChecks;
    if (ref != e.want)
      h.fail(t.name + ": hand value of " + (e.reg < 100 ? "v" : "dmem ") +
                 std::to_string(e.reg < 100 ? e.reg : e.reg - 100) + " " + hex(ref) + " want " +
                 hex(e.want),
             0, 0);
  }
  if (h.errors != before) std::printf("  (in test %s)\n", t.name.c_str());
}

// ---- directed tests -----------------------------------------------------------------------------
std::vector<Test> directedTests() {
  std::vector<Test> ts;
  auto add = [&](Test t) { ts.push_back(std::move(t)); };

  add({"halt only", {}, {enc(HALT)}, {}, 1});
  add({"nop and reserved opcodes",
       {},
       {enc(NOP), enc(NOP, 7, 7, 7, 0xFFFF), enc(0x10, 1), enc(0x3F, 2, 3, 4, 5), enc(HALT, 5, 5)},
       {{1, splat(0)}, {2, splat(0)}},
       4 * kAlu + 1});
  add({"vli sign extension, v0 ordinary, ignored fields",
       {},
       {enc(VLI, 1, 0, 0, 0x7FFF), enc(VLI, 2, 0, 0, 0x8000), enc(VLI, 3, 0, 0, 0xFFFF),
        enc(VLI, 0, 0, 0, 5), enc(VLI, 4, 6, 7, 0x0001) | (1u << 16), enc(HALT)},
       {{1, splat(32767)},
        {2, splat(neg(32768))},
        {3, splat(neg(1))},
        {0, splat(5)},
        {4, splat(1)}},
       5 * kAlu + 1});

  const Vec addA = tab({kMax, kMin, neg(1), 5, 0, 100, neg(100), 0x12345678});
  const Vec addB = tab({1, neg(1), neg(1), neg(7), 0, neg(100), neg(100), 0x11111111});
  add({"vadd/vsub wrap",
       {{10, addA}, {11, addB}},
       {enc(VLD, 1, 0, 0, 10), enc(VLD, 2, 0, 0, 11), enc(VADD, 3, 1, 2), enc(VSUB, 4, 1, 2),
        enc(HALT)},
       {{3, tab({kMin, kMax, neg(2), neg(2), 0, 0, neg(200), 0x23456789})},
        {4, tab({kMax - 1, kMin + 1, 0, 12, 0, 200, 0, 0x01234567})}},
       2 * kMem + 2 * kAlu + 1});

  const Vec mulA = tab({0x10000, kMax, neg(1), neg(3), 65535, 0x12345678, kMin, 7});
  const Vec mulB = tab({0x10000, 2, neg(1), 5, 65535, 0x9ABCDEF0, neg(1), neg(6)});
  add({"vmul low 32 bits, wrap, aliasing",
       {{12, mulA}, {13, mulB}},
       {enc(VLD, 1, 0, 0, 12), enc(VLD, 2, 0, 0, 13), enc(VMUL, 3, 1, 2), enc(VMUL, 4, 1, 1),
        enc(VMUL, 2, 2, 2), enc(HALT)},
       {{3, tab({0, 0xFFFFFFFE, 1, neg(15), 0xFFFE0001, 0x242D2080, kMin, neg(42)})},
        {4, tab({0, 1, 1, 9, 0xFFFE0001, 0x1DF4D840, 0, 49})},
        {2, tab({0, 4, 1, 25, 0xFFFE0001, 0x9ABCDEF0u * 0x9ABCDEF0u, 1, 36})}},
       2 * kMem + 3 * kMul + 1});

  const Vec mmA = tab({neg(5), 3, kMin, kMax, 0, neg(1), 7, 7});
  const Vec mmB = tab({3, neg(5), kMax, kMin, neg(1), 0, 7, neg(7)});
  add({"vmax/vmin signed",
       {{20, mmA}, {21, mmB}},
       {enc(VLD, 1, 0, 0, 20), enc(VLD, 2, 0, 0, 21), enc(VMAX, 3, 1, 2), enc(VMIN, 4, 1, 2),
        enc(HALT)},
       {{3, tab({3, 3, kMax, kMax, 0, 0, 7, 7})},
        {4, tab({neg(5), neg(5), kMin, kMin, neg(1), neg(1), 7, neg(7)})}},
       2 * kMem + 2 * kAlu + 1});

  // Shift counts: 0, 31, -1 (& 31 = 31), 4, 31, 32 (& 31 = 0), 31, 1.
  const Vec shA = tab({0x80000001, 0x80000001, 0xFFFFFFF8, 0xF0F0F0F0, 0x40000000, 0xF0F0F0F0,
                       0x7FFFFFFF, 0xFFFFFFF8});
  const Vec shB = tab({0, 31, 0xFFFFFFFF, 4, 31, 32, 31, 1});
  add({"vsll/vsrl/vsra by 0, 31 and masked counts",
       {{30, shA}, {31, shB}},
       {enc(VLD, 1, 0, 0, 30), enc(VLD, 2, 0, 0, 31), enc(VSLL, 3, 1, 2), enc(VSRL, 4, 1, 2),
        enc(VSRA, 5, 1, 2), enc(HALT)},
       {{3, tab({0x80000001, 0x80000000, 0x00000000, 0x0F0F0F00, 0x00000000, 0xF0F0F0F0, 0x80000000,
                 0xFFFFFFF0})},
        {4, tab({0x80000001, 0x00000001, 0x00000001, 0x0F0F0F0F, 0x00000000, 0xF0F0F0F0, 0x00000000,
                 0x7FFFFFFC})},
        {5, tab({0x80000001, 0xFFFFFFFF, 0xFFFFFFFF, 0xFF0F0F0F, 0x00000000, 0xF0F0F0F0, 0x00000000,
                 0xFFFFFFFC})}},
       2 * kMem + 3 * kAlu + 1});

  const Vec cmpA = tab({neg(1), 1, kMin, 5, 0, kMax, neg(7), 3});
  const Vec cmpB = tab({1, neg(1), kMax, 5, 0, kMin, neg(8), 4});
  add({"vslt signed / vseq",
       {{40, cmpA}, {41, cmpB}},
       {enc(VLD, 1, 0, 0, 40), enc(VLD, 2, 0, 0, 41), enc(VSLT, 3, 1, 2), enc(VSEQ, 4, 1, 2),
        enc(VSEQ, 5, 1, 1), enc(HALT)},
       {{3, tab({1, 0, 1, 0, 0, 0, 0, 1})}, {4, tab({0, 0, 0, 1, 1, 0, 0, 0})}, {5, splat(1)}},
       2 * kMem + 3 * kAlu + 1});

  const Vec w3 = tab({0xDEADBEEF, 1, 2, 3, 4, 5, 6, 7});
  const Vec w255 = tab({9, 8, 7, 6, 5, 4, 3, 2});
  add({"vld/vst: imm[15:8] ignored, both ends of dmem",
       {{3, w3}, {255, w255}, {200, splat(0)}, {0, splat(0)}},
       {enc(VLD, 1, 5, 5, 0xAB03), enc(VST, 6, 1, 7, 0x12C8) /* dmem[200] */,
        enc(VLD, 2, 0, 0, 0x00FF), enc(VST, 0, 2, 0, 0xFF00) /* dmem[0] */, enc(HALT)},
       {{1, w3}, {2, w255}, {100 + 200, w3}, {100 + 0, w255}},
       4 * kMem + 1});

  Vec seqSum{}, negSum{}, wrapSum{};
  seqSum[0] = static_cast<uint32_t>(L * (L + 1) / 2);  // 1 + 2 + ... + L
  negSum[0] = neg(seqSum[0]);
  wrapSum[0] = kMin;  // INT_MAX + 1
  add({"vredsum: sum, negative, wrap, in place",
       {{50, tab({1, 2, 3, 4, 5, 6, 7, 8})},
        {51, tab({neg(1), neg(2), neg(3), neg(4), neg(5), neg(6), neg(7), neg(8)})},
        {52, tab({kMax, 1, 0, 0, 0, 0, 0, 0})}},
       {enc(VLD, 1, 0, 0, 50), enc(VLD, 2, 0, 0, 51), enc(VLD, 3, 0, 0, 52), enc(VREDSUM, 4, 1),
        enc(VREDSUM, 2, 2), enc(VREDSUM, 3, 3), enc(HALT)},
       {{4, seqSum}, {2, negSum}, {3, wrapSum}},
       3 * kMem + 3 * kRed + 1});

  // Each result is needed by the next instruction, across every class: shows that a result is
  // written at its instruction's last edge and seen by the very next one.
  Vec chain = splat(neg(36));
  chain[0] = static_cast<uint32_t>(36 * L - 36);
  Vec red36{};
  red36[0] = static_cast<uint32_t>(36 * L);
  add({"dependent chain across classes",
       {},
       {enc(VLI, 1, 0, 0, 3), enc(VADD, 1, 1, 1), enc(VMUL, 1, 1, 1), enc(VREDSUM, 2, 1),
        enc(VST, 0, 2, 0, 5), enc(VLD, 3, 0, 0, 5), enc(VSUB, 3, 3, 1), enc(HALT)},
       {{1, splat(36)}, {2, red36}, {3, chain}, {100 + 5, red36}},
       3 * kAlu + kMul + kRed + 2 * kMem + 1});

  // All 256 program words: pc runs up to 255.
  std::vector<uint32_t> full = {enc(VLI, 1, 0, 0, 0), enc(VLI, 2, 0, 0, 1)};
  while (full.size() < 255) full.push_back(enc(VADD, 1, 1, 2));
  full.push_back(enc(HALT));
  add({"full 256-word program", {}, full, {{1, splat(253)}}, 255 * kAlu + 1});
  return ts;
}

// ---- random tests
// --------------------------------------------------------------------------------
uint32_t randValue(std::mt19937& rng) {
  static const uint32_t special[] = {0, 1, neg(1), kMin, kMax, 0x80000001, 31, 32, 0xFFFF, 0x10000};
  std::uniform_int_distribution<int> pct(0, 99), small(-8, 8), pick(0, 9);
  const int p = pct(rng);
  if (p < 50) return std::uniform_int_distribution<uint32_t>()(rng);
  if (p < 75) return static_cast<uint32_t>(small(rng));
  return special[pick(rng)];
}

Test randomTest(int n, std::mt19937& rng) {
  std::uniform_int_distribution<int> pct(0, 99), len(1, 60), reg(0, 7), addr(0, 255),
      op(NOP, VREDSUM), reserved(kFirstReserved, 0x3F), lane(0, L - 1), few(1, 8);
  std::uniform_int_distribution<uint32_t> word;
  Test t;
  t.name = "random #" + std::to_string(n);
  // Usually a whole fresh dmem image; sometimes only a few words, so older contents (and the
  // registers, always carried over) feed the program too.
  const int words = pct(rng) < 80 ? 256 : few(rng);
  for (int w = 0; w < words; ++w) {
    Vec v;
    for (auto& x : v) x = randValue(rng);
    if (pct(rng) < 30) v[lane(rng)] = v[lane(rng)];  // equal lanes for VSEQ/VMAX ties
    t.dmem.push_back({words == 256 ? w : addr(rng), v});
  }
  const int n1 = len(rng);
  for (int i = 0; i < n1; ++i) {
    const uint32_t o = pct(rng) < 3 ? static_cast<uint32_t>(reserved(rng)) : op(rng);
    // Every field random (the ones an op does not name must be ignored); VLD/VST addresses
    // mostly in a small window so stores and loads meet.
    uint32_t ins = (o << 26) | (word(rng) & 0x03FFFFFF);
    if ((o == VLD || o == VST) && pct(rng) < 70) ins = (ins & ~0xFFu) | (word(rng) & 7);
    t.prog.push_back(ins);
  }
  t.prog.push_back(enc(HALT) | (pct(rng) < 50 ? word(rng) & 0x03FFFFFF : 0));
  t.noise = pct(rng) < 50;
  t.reruns = pct(rng) < 25 ? 1 + pct(rng) % 2 : 0;
  return t;
}

int main(int argc, char** argv) {
  const char* vcdPath = nullptr;
  unsigned seed = 1;
  for (int n = 1; n < argc; ++n) {
    if (!std::strcmp(argv[n], "--vcd") && n + 1 < argc)
      vcdPath = argv[++n];
    else if (!std::strcmp(argv[n], "--seed") && n + 1 < argc)
      seed = std::strtoul(argv[++n], nullptr, 0);
    else {
      std::printf("usage: %s [--vcd FILE] [--seed N]\n", argv[0]);
      return 2;
    }
  }
#if !VM_TRACE
  if (vcdPath) {
    std::printf("--vcd needs a build with verilator --trace\n");
    return 2;
  }
#endif
  auto ctx = std::make_unique<VerilatedContext>();
#if VM_TRACE
  ctx->traceEverOn(vcdPath != nullptr);  // before the model is built
#endif
  std::mt19937 rng(seed);
  Stats st;
  int directed = 0, random = 0;
  {
    Harness h(ctx.get(), vcdPath);
    Machine m;  // reference: registers 0 after reset; dmem/imem mirror what the host writes
    h.reset();
    for (int r = 0; r < 8; ++r)
      if (h.readReg(r) != splat(0)) h.fail("v" + std::to_string(r) + " not 0 after reset", 1, 0);

    // Host port read-first: a read of the word written at the same edge returns the old value.
    h.writeDmem(7, splat(0x11111111));
    h.top().host_we = 1;
    h.top().host_addr = 7;
    setVec(h.top().host_wdata, splat(0x22222222));
    h.edge();
    h.top().host_we = 0;
    if (getVec(h.top().host_rdata) != splat(0x11111111)) h.fail("host_rdata read-first", 0, 1);
    if (h.readDmem(7) != splat(0x22222222)) h.fail("host_rdata after write", 0, 1);
    m.dmem[7] = splat(0x22222222);

    for (const Test& t : directedTests()) runTest(h, m, t, rng, st), ++directed;
    const int kRandom = vcdPath ? 20 : 400;  // a shorter run when tracing
    for (int n = 0; n < kRandom; ++n) runTest(h, m, randomTest(n, rng), rng, st), ++random;
    h.edge();  // check the last done edge too
    if (h.errors) {
      std::printf("FAIL LANES=%d: %lld mismatches\n", L, h.errors);
      return 1;
    }
    std::printf(
        "PASS LANES=%d CYC_ALU/MUL/MEM/RED=%lld/%lld/%lld/%lld seed=%u: %d directed + %d random "
        "programs, %lld runs (%lld back to back), %lld instructions, done edge = 1 + SIGMA "
        "exact on all runs, %lld edges checked, %lld registers + %lld dmem words compared, %lld "
        "hand-computed values, %lld ignored start/host-write events while busy\n",
        L, kAlu, kMul, kMem, kRed, seed, directed, random, st.runs, st.backToBack, st.instrs,
        h.edgesChecked, st.regsCompared, st.wordsCompared, st.handChecks, h.noiseEvents);
  }
  return 0;
}
