// The SIMD core's ISA in C++ (rtl/simd/simd_core.v is the definition; simd_isa.vh holds the
// opcode numbers): instruction encoding, the cycle contract's closed form, a reference
// interpreter with the RTL's exact 32-bit wrap semantics, and a deterministic random program
// generator for co-simulation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumen {

// Opcodes [31:26]. 0x10..0x3F are reserved and execute as NOP (ALU class); decode() keeps
// such a value as it is (SimdOp has a fixed underlying type), and is_reserved() tells them.
enum class SimdOp : std::uint8_t {
  kHalt = 0x00,
  kNop = 0x01,
  kVadd = 0x02,
  kVsub = 0x03,
  kVmul = 0x04,
  kVmax = 0x05,
  kVmin = 0x06,
  kVsll = 0x07,
  kVsrl = 0x08,
  kVsra = 0x09,
  kVslt = 0x0A,
  kVseq = 0x0B,
  kVli = 0x0C,
  kVld = 0x0D,
  kVst = 0x0E,
  kVredsum = 0x0F,
};
inline constexpr unsigned kSimdOpCount = 16;  // the named opcodes 0x00..0x0F
inline constexpr unsigned kSimdRegisters = 8;
inline constexpr unsigned kSimdDmemWords = 256;
inline constexpr unsigned kSimdImemWords = 256;

inline bool is_reserved(SimdOp op) {
  return static_cast<unsigned>(op) >= kSimdOpCount;
}
// "vadd", ..., "reserved" for 0x10..0x3F.
const char* op_name(SimdOp op);

// Timing classes of the cycle contract.
enum class SimdClass { kAlu, kMul, kMem, kRed, kHalt };
SimdClass instruction_class(SimdOp op);
const char* class_name(SimdClass c);  // "ALU", "MUL", "MEM", "RED", "HALT"

// One instruction. Word layout: [31:26] op [25:23] rd [22:20] rs1 [19:17] rs2 [16] unused
// [15:0] imm. Fields an opcode does not name are ignored by the core.
struct SimdInstruction {
  SimdOp op = SimdOp::kHalt;
  std::uint8_t rd = 0, rs1 = 0, rs2 = 0;  // 0..7
  std::uint16_t imm = 0;                  // VLI: sign-extended; VLD/VST: imm[7:0] = address

  bool operator==(const SimdInstruction& o) const {
    return op == o.op && rd == o.rd && rs1 == o.rs1 && rs2 == o.rs2 && imm == o.imm;
  }
  bool operator!=(const SimdInstruction& o) const { return !(*this == o); }
};

std::uint32_t encode(const SimdInstruction& ins);  // register fields masked to 3 bits
SimdInstruction decode(std::uint32_t word);        // bit 16 is dropped
std::vector<std::uint32_t> encode(const std::vector<SimdInstruction>& program);

// Assembly text: "vadd v1, v2, v3", "vli v1, -5", "vld v1, [12]", "vst v2, [12]",
// "vredsum v1, v2", "nop", "halt", "reserved 0x2a".
std::string to_string(const SimdInstruction& ins);

// Cycles per class (the simd_core CYC_* parameters; HALT is always 1).
struct SimdCycleTable {
  std::uint32_t alu = 1, mul = 3, mem = 1, red = 2;
  std::uint64_t cycles(SimdClass c) const;
};

// Instructions executed by a run from pc 0: up to and including the first HALT. The core's
// imem reads words past the end of `program` as HALT (an erased memory), so a program without
// one ends with an implicit HALT, counted here.
std::vector<SimdInstruction> executed_instructions(const std::vector<SimdInstruction>& program);

// The cycle contract in closed form: start at edge 0, done seen at edge 1 + SIGMA, SIGMA the
// sum of class cycles over the executed instructions (HALT included).
std::uint64_t simd_program_cycles(const std::vector<SimdInstruction>& program,
                                  const SimdCycleTable& table = {});

// Architectural state: vregs[r][lane] (8 registers) and dmem[addr][lane] (256 words).
using SimdVector = std::vector<std::int32_t>;
struct SimdState {
  unsigned lanes = 0;
  std::vector<SimdVector> vregs;
  std::vector<SimdVector> dmem;
  std::uint64_t executed = 0;  // instructions executed, HALT included
};

// Runs `program` from pc 0 on a freshly reset core (registers zero) whose dmem holds `dmem`
// (words past its end are zero; each word must have `lanes` values), to the first HALT.
// Throws std::invalid_argument on malformed input.
SimdState run_simd_reference(const std::vector<SimdInstruction>& program,
                             const std::vector<SimdVector>& dmem, unsigned lanes);

// A random program of `length` instructions (clamped to 1..255) followed by a HALT, drawn
// from every non-HALT opcode with random registers, VLI immediates (edge values included) and
// VLD/VST addresses (mostly in a small window, so stores and loads meet). Fields an opcode
// does not name are 0. Deterministic for a given seed on every platform.
std::vector<SimdInstruction> random_simd_program(std::uint64_t seed, unsigned length);

// A random dmem image of kSimdDmemWords words: random, small and edge values (0, -1, INT_MIN,
// INT_MAX, 31, 32, ...). Deterministic for a given seed.
std::vector<SimdVector> random_simd_dmem(std::uint64_t seed, unsigned lanes);

}  // namespace lumen
