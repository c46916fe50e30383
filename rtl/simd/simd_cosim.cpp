// Co-simulation of the SIMD core against its reference interpreter and cycle formula.
#include "rtl/simd/simd_cosim.h"

#include <chrono>
#include <stdexcept>

namespace lumen {

namespace {

std::string mismatch(const std::string& what, std::int64_t rtl, std::int64_t reference) {
  return what + ": rtl " + std::to_string(rtl) + ", reference " + std::to_string(reference);
}

// Compares one vector lane by lane; records the first difference.
void compare(const std::string& name, const SimdVector& rtl, const SimdVector& ref,
             SimdCosimResult& result) {
  for (std::size_t l = 0; l < ref.size(); ++l) {
    ++result.values_checked;
    if (result.first_mismatch.empty() && rtl[l] != ref[l])
      result.first_mismatch = mismatch(name + "[" + std::to_string(l) + "]", rtl[l], ref[l]);
  }
}

bool has_halt(const std::vector<SimdInstruction>& program) {
  for (const auto& ins : program)
    if (ins.op == SimdOp::kHalt) return true;
  return false;
}

}  // namespace

SimdCosimResult cosim_simd(SimdCoreRtl& rtl, const std::vector<SimdInstruction>& program,
                           const std::vector<SimdVector>& dmem, const SimdCycleTable& table) {
  const auto t0 = std::chrono::steady_clock::now();
  const unsigned lanes = rtl.lanes();
  std::vector<std::uint32_t> words = encode(program);
  if (!has_halt(program)) words.push_back(0);  // the reference's implicit HALT
  if (words.size() > kSimdImemWords)
    throw std::invalid_argument("cosim_simd: program and its HALT exceed 256 imem words");
  if (dmem.size() > kSimdDmemWords)
    throw std::invalid_argument("cosim_simd: dmem has more than 256 words");

  // The reference first: it also validates the dmem image against the lane count.
  const SimdState ref = run_simd_reference(program, dmem, lanes);

  SimdCosimResult result;
  result.tlm_cycles = simd_program_cycles(program, table);
  rtl.reset();
  rtl.load_program(words);
  const SimdVector zero(lanes, 0);
  for (unsigned a = 0; a < kSimdDmemWords; ++a) rtl.write_dmem(a, a < dmem.size() ? dmem[a] : zero);
  result.rtl_cycles = rtl.run();

  for (unsigned r = 0; r < kSimdRegisters; ++r)
    compare("v" + std::to_string(r), rtl.read_vreg(r), ref.vregs[r], result);
  for (unsigned a = 0; a < kSimdDmemWords; ++a)
    compare("dmem[" + std::to_string(a) + "]", rtl.read_dmem(a), ref.dmem[a], result);
  if (result.first_mismatch.empty() && result.rtl_cycles != result.tlm_cycles)
    result.first_mismatch = "cycles: rtl " + std::to_string(result.rtl_cycles) + ", tlm " +
                            std::to_string(result.tlm_cycles);

  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace lumen
