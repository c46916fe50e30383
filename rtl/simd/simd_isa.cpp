// The SIMD core's ISA: encoding, text form, cycle contract and reference interpreter.
// Arithmetic is done on uint32_t so that every wrap is defined and matches the RTL.
#include "rtl/simd/simd_isa.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "core/split_mix.h"

namespace lumen {

namespace {

constexpr const char* kOpNames[kSimdOpCount] = {"halt", "nop",  "vadd", "vsub",   "vmul", "vmax",
                                                "vmin", "vsll", "vsrl", "vsra",   "vslt", "vseq",
                                                "vli",  "vld",  "vst",  "vredsum"};

bool is_binary(SimdOp op) {
  const unsigned o = static_cast<unsigned>(op);
  return o >= static_cast<unsigned>(SimdOp::kVadd) && o <= static_cast<unsigned>(SimdOp::kVseq);
}

// Arithmetic right shift without relying on implementation-defined signed >>.
std::uint32_t sra(std::uint32_t x, unsigned s) {
  return (x & 0x80000000u) ? ~(~x >> s) : x >> s;
}

std::int32_t random_value(SplitMix64& rng) {
  static constexpr std::uint32_t kSpecial[] = {
      0, 1, 0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 0x80000001u, 31, 32, 0xFFFFu, 0x10000u};
  const std::uint32_t p = rng.below(100);
  std::uint32_t v;
  if (p < 50) {
    v = static_cast<std::uint32_t>(rng.next());
  } else if (p < 75) {
    v = static_cast<std::uint32_t>(static_cast<std::int32_t>(rng.below(17)) - 8);
  } else {
    v = kSpecial[rng.below(sizeof kSpecial / sizeof kSpecial[0])];
  }
  return static_cast<std::int32_t>(v);
}

}  // namespace

const char* op_name(SimdOp op) {
  return is_reserved(op) ? "reserved" : kOpNames[static_cast<unsigned>(op)];
}

SimdClass instruction_class(SimdOp op) {
  switch (op) {
    case SimdOp::kHalt:
      return SimdClass::kHalt;
    case SimdOp::kVmul:
      return SimdClass::kMul;
    case SimdOp::kVld:
    case SimdOp::kVst:
      return SimdClass::kMem;
    case SimdOp::kVredsum:
      return SimdClass::kRed;
    default:
      return SimdClass::kAlu;  // ALU ops, VLI, NOP, reserved
  }
}

const char* class_name(SimdClass c) {
  switch (c) {
    case SimdClass::kAlu:
      return "ALU";
    case SimdClass::kMul:
      return "MUL";
    case SimdClass::kMem:
      return "MEM";
    case SimdClass::kRed:
      return "RED";
    case SimdClass::kHalt:
      return "HALT";
  }
  return "?";
}

std::uint32_t encode(const SimdInstruction& ins) {
  return (static_cast<std::uint32_t>(ins.op) & 0x3Fu) << 26 | (ins.rd & 7u) << 23 |
         (ins.rs1 & 7u) << 20 | (ins.rs2 & 7u) << 17 | ins.imm;
}

SimdInstruction decode(std::uint32_t word) {
  SimdInstruction ins;
  ins.op = static_cast<SimdOp>(word >> 26);
  ins.rd = static_cast<std::uint8_t>((word >> 23) & 7);
  ins.rs1 = static_cast<std::uint8_t>((word >> 20) & 7);
  ins.rs2 = static_cast<std::uint8_t>((word >> 17) & 7);
  ins.imm = static_cast<std::uint16_t>(word & 0xFFFF);
  return ins;
}

std::vector<std::uint32_t> encode(const std::vector<SimdInstruction>& program) {
  std::vector<std::uint32_t> words;
  words.reserve(program.size());
  for (const auto& ins : program) words.push_back(encode(ins));
  return words;
}

std::string to_string(const SimdInstruction& ins) {
  char buf[64];
  const char* name = op_name(ins.op);
  const unsigned rd = ins.rd & 7u, rs1 = ins.rs1 & 7u, rs2 = ins.rs2 & 7u;
  if (is_reserved(ins.op)) {
    std::snprintf(buf, sizeof buf, "reserved 0x%02x", static_cast<unsigned>(ins.op) & 0x3Fu);
  } else if (is_binary(ins.op)) {
    std::snprintf(buf, sizeof buf, "%s v%u, v%u, v%u", name, rd, rs1, rs2);
  } else {
    switch (ins.op) {
      case SimdOp::kVli:
        std::snprintf(buf, sizeof buf, "%s v%u, %d", name, rd, static_cast<std::int16_t>(ins.imm));
        break;
      case SimdOp::kVld:
        std::snprintf(buf, sizeof buf, "%s v%u, [%u]", name, rd, ins.imm & 0xFFu);
        break;
      case SimdOp::kVst:
        std::snprintf(buf, sizeof buf, "%s v%u, [%u]", name, rs1, ins.imm & 0xFFu);
        break;
      case SimdOp::kVredsum:
        std::snprintf(buf, sizeof buf, "%s v%u, v%u", name, rd, rs1);
        break;
      default:  // halt, nop
        std::snprintf(buf, sizeof buf, "%s", name);
    }
  }
  return buf;
}

std::uint64_t SimdCycleTable::cycles(SimdClass c) const {
  switch (c) {
    case SimdClass::kAlu:
      return alu;
    case SimdClass::kMul:
      return mul;
    case SimdClass::kMem:
      return mem;
    case SimdClass::kRed:
      return red;
    case SimdClass::kHalt:
      return 1;
  }
  return 1;
}

std::vector<SimdInstruction> executed_instructions(const std::vector<SimdInstruction>& program) {
  std::vector<SimdInstruction> run;
  for (const auto& ins : program) {
    run.push_back(ins);
    if (ins.op == SimdOp::kHalt) return run;
  }
  run.push_back(SimdInstruction{});  // erased imem past the program: an implicit HALT
  return run;
}

std::uint64_t simd_program_cycles(const std::vector<SimdInstruction>& program,
                                  const SimdCycleTable& table) {
  std::uint64_t sigma = 0;
  for (const auto& ins : executed_instructions(program))
    sigma += table.cycles(instruction_class(ins.op));
  return 1 + sigma;  // edge 0 fetches I_0; done is seen at edge 1 + SIGMA
}

SimdState run_simd_reference(const std::vector<SimdInstruction>& program,
                             const std::vector<SimdVector>& dmem, unsigned lanes) {
  if (lanes == 0) throw std::invalid_argument("run_simd_reference: lanes must be >= 1");
  if (dmem.size() > kSimdDmemWords)
    throw std::invalid_argument("run_simd_reference: dmem has more than 256 words");
  SimdState s;
  s.lanes = lanes;
  s.vregs.assign(kSimdRegisters, SimdVector(lanes, 0));
  s.dmem.assign(kSimdDmemWords, SimdVector(lanes, 0));
  for (std::size_t a = 0; a < dmem.size(); ++a) {
    if (dmem[a].size() != lanes)
      throw std::invalid_argument("run_simd_reference: dmem word " + std::to_string(a) +
                                  " does not have one value per lane");
    s.dmem[a] = dmem[a];
  }

  std::vector<std::uint32_t> a(lanes), b(lanes), y(lanes);
  for (const auto& ins : executed_instructions(program)) {
    ++s.executed;
    const SimdOp op = ins.op;
    if (op == SimdOp::kHalt) break;
    // Copies: rd may alias rs1/rs2.
    for (unsigned l = 0; l < lanes; ++l) {
      a[l] = static_cast<std::uint32_t>(s.vregs[ins.rs1 & 7u][l]);
      b[l] = static_cast<std::uint32_t>(s.vregs[ins.rs2 & 7u][l]);
    }
    const unsigned addr = ins.imm & 0xFFu;
    bool write = true;
    for (unsigned l = 0; l < lanes; ++l) {
      const std::uint32_t x = a[l], z = b[l], sh = z & 31u;
      const auto xs = static_cast<std::int32_t>(x), zs = static_cast<std::int32_t>(z);
      switch (op) {
        case SimdOp::kVadd:
          y[l] = x + z;
          break;
        case SimdOp::kVsub:
          y[l] = x - z;
          break;
        case SimdOp::kVmul:
          y[l] = x * z;  // low 32 bits; unsigned, so no overflow UB
          break;
        case SimdOp::kVmax:
          y[l] = xs < zs ? z : x;
          break;
        case SimdOp::kVmin:
          y[l] = xs < zs ? x : z;
          break;
        case SimdOp::kVsll:
          y[l] = x << sh;
          break;
        case SimdOp::kVsrl:
          y[l] = x >> sh;
          break;
        case SimdOp::kVsra:
          y[l] = sra(x, sh);
          break;
        case SimdOp::kVslt:
          y[l] = xs < zs ? 1u : 0u;
          break;
        case SimdOp::kVseq:
          y[l] = x == z ? 1u : 0u;
          break;
        case SimdOp::kVli:
          y[l] = static_cast<std::uint32_t>(
              static_cast<std::int32_t>(static_cast<std::int16_t>(ins.imm)));
          break;
        case SimdOp::kVld:
          y[l] = static_cast<std::uint32_t>(s.dmem[addr][l]);
          break;
        case SimdOp::kVredsum:
          y[l] = 0;
          break;
        default:  // NOP, VST, reserved
          write = false;
      }
    }
    if (op == SimdOp::kVredsum) {
      std::uint32_t sum = 0;
      for (unsigned l = 0; l < lanes; ++l) sum += a[l];
      y[0] = sum;
    }
    if (op == SimdOp::kVst)
      for (unsigned l = 0; l < lanes; ++l) s.dmem[addr][l] = static_cast<std::int32_t>(a[l]);
    if (write)
      for (unsigned l = 0; l < lanes; ++l)
        s.vregs[ins.rd & 7u][l] = static_cast<std::int32_t>(y[l]);
  }
  return s;
}

std::vector<SimdInstruction> random_simd_program(std::uint64_t seed, unsigned length) {
  SplitMix64 rng(seed);
  length = std::min(length, kSimdImemWords - 1);
  static constexpr std::uint16_t kImmSpecial[] = {0x0000, 0x0001, 0x7FFF, 0x8000, 0xFFFF,
                                                  0x001F, 0x0020, 0xFFE0, 0x0010};
  std::vector<SimdInstruction> program;
  program.reserve(length + 1);
  for (unsigned i = 0; i < length; ++i) {
    SimdInstruction ins;
    ins.op = static_cast<SimdOp>(1 + rng.below(kSimdOpCount - 1));  // NOP .. VREDSUM
    const auto reg = [&rng] { return static_cast<std::uint8_t>(rng.below(kSimdRegisters)); };
    const auto address = [&rng] {
      return static_cast<std::uint16_t>(rng.below(100) < 70 ? rng.below(8)
                                                            : rng.below(kSimdDmemWords));
    };
    if (is_binary(ins.op)) {
      ins.rd = reg();
      ins.rs1 = reg();
      ins.rs2 = reg();
    } else {
      switch (ins.op) {
        case SimdOp::kVli: {
          ins.rd = reg();
          const std::uint32_t p = rng.below(100);
          if (p < 40)
            ins.imm = static_cast<std::uint16_t>(rng.next());
          else if (p < 75)
            ins.imm = static_cast<std::uint16_t>(static_cast<std::int32_t>(rng.below(65)) - 32);
          else
            ins.imm = kImmSpecial[rng.below(sizeof kImmSpecial / sizeof kImmSpecial[0])];
          break;
        }
        case SimdOp::kVld:
          ins.rd = reg();
          ins.imm = address();
          break;
        case SimdOp::kVst:
          ins.rs1 = reg();
          ins.imm = address();
          break;
        case SimdOp::kVredsum:
          ins.rd = reg();
          ins.rs1 = reg();
          break;
        default:  // NOP
          break;
      }
    }
    program.push_back(ins);
  }
  program.push_back(SimdInstruction{});  // HALT
  return program;
}

std::vector<SimdVector> random_simd_dmem(std::uint64_t seed, unsigned lanes) {
  SplitMix64 rng(seed ^ 0xD1B54A32D192ED03ull);
  std::vector<SimdVector> dmem(kSimdDmemWords, SimdVector(lanes, 0));
  for (auto& word : dmem) {
    for (auto& v : word) v = random_value(rng);
    if (lanes > 1 && rng.below(100) < 30) {  // equal lanes: ties for VMAX/VMIN/VSEQ
      const std::uint32_t to = rng.below(lanes), from = rng.below(lanes);
      word[to] = word[from];
    }
  }
  return dmem;
}

}  // namespace lumen
