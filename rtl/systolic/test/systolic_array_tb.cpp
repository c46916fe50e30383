// systolic_array_tb.cpp -- standalone Verilator testbench for rtl/systolic/systolic_array.v.
//
// Checks the cycle contract in the header of systolic_array.v exactly: every c_row value
// against a plain-loop reference, c_valid/busy/done on every cycle (not just "eventually"),
// back-to-back folds (start on the done edge) and folds after idle gaps. Out-of-window inputs
// are driven with random garbage and spurious starts are given mid-fold, since the RTL
// documents that it ignores both.
//
// Build: see run_tb.sh (R and C come in twice: -G for the RTL, -DTB_R/-DTB_C for this file).
// Usage: tb [--vcd FILE] [--seed N]
#include <verilated.h>
#if VM_TRACE
#include <verilated_vcd_c.h>
#endif

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vsystolic_array.h"

#ifndef TB_R
#define TB_R 4
#endif
#ifndef TB_C
#define TB_C 4
#endif
constexpr int R = TB_R;
constexpr int C = TB_C;

// ---- port packing: ports are CData..QData up to 64 bits, VlWide above -----------------------
template <typename T>
void setByte(T& port, int idx, uint8_t v) {
  uint64_t x = static_cast<uint64_t>(port);
  x &= ~(uint64_t{0xFF} << (8 * idx));
  x |= uint64_t{v} << (8 * idx);
  port = static_cast<T>(x);
}
template <std::size_t N>
void setByte(VlWide<N>& port, int idx, uint8_t v) {
  uint32_t& w = port[idx / 4];
  w = (w & ~(0xFFu << (8 * (idx % 4)))) | (uint32_t{v} << (8 * (idx % 4)));
}
template <typename T>
uint32_t getWord(const T& port, int idx) {
  return static_cast<uint32_t>(static_cast<uint64_t>(port) >> (32 * idx));
}
template <std::size_t N>
uint32_t getWord(const VlWide<N>& port, int idx) {
  return port[idx];
}

// ---- one fold: operands, the reference result and its schedule -----------------------------
struct Fold {
  int mode = 0;  // 0 ws, 1 os
  int t = 1;     // T
  // ws: a[t][i] (T x R), b[i][j] (R x C).  os: a[i][t] (R x T), b[t][j] (T x C).
  std::vector<int8_t> a, b;
  std::vector<int32_t> ref;                         // output rows in emission order, C values each
  long long start = 0;                              // global edge of the fold's edge 0
  bool garbage = false;                             // drive random data outside input windows
  int length() const { return 2 * R + C + t - 2; }  // D
  int rows() const { return mode == 0 ? t : R; }
  int firstOut() const { return mode == 0 ? 2 * R + C - 1 : t + R + C - 1; }
};

// Plain-loop reference; int64 sums truncated to int32 (two's-complement wrap, never reached).
void computeRef(Fold& f) {
  f.ref.assign(static_cast<size_t>(f.rows()) * C, 0);
  for (int r = 0; r < f.rows(); ++r)
    for (int j = 0; j < C; ++j) {
      int64_t s = 0;
      if (f.mode == 0)
        for (int i = 0; i < R; ++i) s += int64_t{f.a[r * R + i]} * f.b[i * C + j];
      else
        for (int k = 0; k < f.t; ++k) s += int64_t{f.a[r * f.t + k]} * f.b[k * C + j];
      f.ref[r * C + j] = static_cast<int32_t>(static_cast<uint32_t>(s));
    }
}

Fold makeFold(int mode, int t, std::mt19937& rng, int fill /* 0 random, else constant */) {
  Fold f;
  f.mode = mode;
  f.t = t;
  const size_t na = static_cast<size_t>(t) * R;
  const size_t nb = static_cast<size_t>(mode == 0 ? R : t) * C;
  std::uniform_int_distribution<int> d8(-128, 127);
  auto val = [&] { return static_cast<int8_t>(fill ? fill : d8(rng)); };
  for (size_t n = 0; n < na; ++n) f.a.push_back(val());
  for (size_t n = 0; n < nb; ++n) f.b.push_back(val());
  computeRef(f);
  return f;
}

// Identity fold: ws B = I (C[t] = A[t] on the first min(R,C) columns); os A = I (C = B rows).
Fold identityFold(int mode, int t, std::mt19937& rng) {
  Fold f = makeFold(mode, t, rng, 0);
  if (mode == 0)
    for (int i = 0; i < R; ++i)
      for (int j = 0; j < C; ++j) f.b[i * C + j] = (i == j);
  else
    for (int i = 0; i < R; ++i)
      for (int k = 0; k < t; ++k) f.a[i * t + k] = (i == k);
  computeRef(f);
  return f;
}

int main(int argc, char** argv) {
  const char* vcdPath = nullptr;
  unsigned seed = 12345;
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
  auto ctx = std::make_unique<VerilatedContext>();
#if VM_TRACE
  ctx->traceEverOn(vcdPath != nullptr);  // before the model is built
#endif
  auto top = std::make_unique<Vsystolic_array>(ctx.get());
#if VM_TRACE
  std::unique_ptr<VerilatedVcdC> vcd;
  if (vcdPath) {
    vcd = std::make_unique<VerilatedVcdC>();
    top->trace(vcd.get(), 99);
    vcd->open(vcdPath);
  }
#else
  if (vcdPath) {
    std::printf("--vcd needs a build with verilator --trace\n");
    return 2;
  }
#endif
  std::mt19937 rng(seed);

  // ---- the fold list: directed first, then random ----
  std::vector<Fold> folds;
  for (int mode = 0; mode < 2; ++mode) {
    folds.push_back(identityFold(mode, 7, rng));
    folds.push_back(makeFold(mode, 9, rng, -128));
    folds.push_back(makeFold(mode, 9, rng, 127));
    folds.push_back(makeFold(mode, 1, rng, -128));
  }
  // Longest T (counter width; 65535 * 16384 = 1073725440 fits int32). Skipped with --vcd to
  // keep the trace small.
  if (!vcdPath) folds.push_back(makeFold(1, 65535, rng, -128));
  folds.push_back(makeFold(0, 300, rng, 0));
  const int kDirected = static_cast<int>(folds.size());
  const int kRandom = vcdPath ? 40 : 400;  // a shorter run when tracing
  std::uniform_int_distribution<int> dT(1, 40), dMode(0, 1), dGap(0, 3), dPct(0, 99);
  for (int n = 0; n < kRandom; ++n) folds.push_back(makeFold(dMode(rng), dT(rng), rng, 0));

  // Schedule: ~60% back to back (start on the previous done edge), else 1..3 idle edges.
  long long edge = 3;  // after reset
  int wsFolds = 0, backToBack = 0;
  for (auto& f : folds) {
    const int gap = dPct(rng) < 60 ? 0 : dGap(rng) + 1;
    wsFolds += f.mode == 0;
    backToBack += gap == 0 && &f != &folds.front();
    f.start = edge + gap;
    f.garbage = dPct(rng) < 50;
    edge = f.start + f.length();
  }
  const long long lastEdge = edge + 5;

  long long spurious = 0, errors = 0, valuesChecked = 0, rowsSeen = 0, donesSeen = 0,
            edgesChecked = 0;
  auto fail = [&](long long e, const char* what, long long got, long long want) {
    if (errors++ < 20)
      std::printf("MISMATCH edge %lld: %s got %lld want %lld\n", e, what, got, want);
  };
  std::uniform_int_distribution<int> dByte(0, 255);
  size_t inF = 0, outF = 0;  // fold owning this edge's inputs / outputs
  uint64_t simTime = 0;
  auto tick = [&](int clk) {
    top->clk = clk;
    top->eval();
#if VM_TRACE
    if (vcd) vcd->dump(simTime);
#endif
    simTime += 5;
  };

  top->rst_n = 0;
  for (int n = 0; n < 2; ++n) tick(0), tick(1);
  top->rst_n = 1;

  for (long long e = 2; e <= lastEdge; ++e) {
    // ---- drive inputs for edge e (cycle before it) ----
    while (inF < folds.size() && e >= folds[inF].start + folds[inF].length()) ++inF;
    const Fold* fi = (inF < folds.size() && e >= folds[inF].start) ? &folds[inF] : nullptr;
    const bool junk = fi ? fi->garbage : (dPct(rng) < 50);
    top->start = 0;
    top->mode = junk ? dMode(rng) : 0;
    top->t_len = junk ? static_cast<uint16_t>(dByte(rng)) : 0;
    for (int i = 0; i < R; ++i) setByte(top->a_col, i, junk ? dByte(rng) : 0);
    for (int j = 0; j < C; ++j) setByte(top->w_row, j, junk ? dByte(rng) : 0);
    if (fi) {
      const long long k = e - fi->start;
      if (k == 0) {
        top->start = 1;
        top->mode = fi->mode;
        top->t_len = static_cast<uint16_t>(fi->t);
      } else if (fi->garbage && dPct(rng) < 5) {
        top->start = 1;  // spurious start mid-fold: must be ignored
        ++spurious;
      }
      if (fi->mode == 0 && k < R)
        for (int j = 0; j < C; ++j) setByte(top->w_row, j, fi->b[k * C + j]);
      if (fi->mode == 0 && k >= R && k < R + fi->t)
        for (int i = 0; i < R; ++i) setByte(top->a_col, i, fi->a[(k - R) * R + i]);
      if (fi->mode == 1 && k < fi->t) {
        for (int i = 0; i < R; ++i) setByte(top->a_col, i, fi->a[i * fi->t + k]);
        for (int j = 0; j < C; ++j) setByte(top->w_row, j, fi->b[k * C + j]);
      }
    }
    tick(0);

    // ---- check outputs seen at edge e (registered at edge e-1) ----
    while (outF < folds.size() && e > folds[outF].start + folds[outF].length()) ++outF;
    const Fold* fo = (outF < folds.size() && e > folds[outF].start) ? &folds[outF] : nullptr;
    const long long k = fo ? e - fo->start : -1;
    const bool wantBusy = fo != nullptr;
    const bool wantDone = fo && k == fo->length();
    const bool wantValid = fo && k >= fo->firstOut() && k <= fo->length();
    ++edgesChecked;
    if (top->busy != wantBusy) fail(e, "busy", top->busy, wantBusy);
    if (top->done != wantDone) fail(e, "done", top->done, wantDone);
    if (top->c_valid != wantValid) fail(e, "c_valid", top->c_valid, wantValid);
    donesSeen += top->done && wantDone;
    if (wantValid && top->c_valid) {
      const long long row = k - fo->firstOut();
      for (int j = 0; j < C; ++j, ++valuesChecked) {
        const int32_t got = static_cast<int32_t>(getWord(top->c_row, j));
        const int32_t want = fo->ref[row * C + j];
        if (got != want) fail(e, "c_row value", got, want);
      }
      ++rowsSeen;
    }
    tick(1);  // edge e
  }
#if VM_TRACE
  if (vcd) vcd->close();
#endif
  top->final();

  long long rowsWant = 0;
  for (const auto& f : folds) rowsWant += f.rows();
  if (rowsSeen != rowsWant) fail(-1, "rows seen", rowsSeen, rowsWant);
  if (donesSeen != static_cast<long long>(folds.size()))
    fail(-1, "dones seen", donesSeen, static_cast<long long>(folds.size()));
  if (errors) {
    std::printf("FAIL R=%d C=%d: %lld mismatches\n", R, C, errors);
    return 1;
  }
  std::printf(
      "PASS R=%d C=%d seed=%u: %zu folds (%d directed + %d random; %d ws, %zu os; %d back to "
      "back), %lld rows, %lld values, %lld edges checked cycle-exact, %lld spurious starts "
      "ignored\n",
      R, C, seed, folds.size(), kDirected, kRandom, wsFolds, folds.size() - wsFolds, backToBack,
      rowsSeen, valuesChecked, edgesChecked, spurious);
  return 0;
}
