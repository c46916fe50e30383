// The Verilated SIMD core built into this binary: 4 lanes, the default cycle table.
#include "rtl/simd/simd_rtl.h"

#include "Vsimd_core_l4.h"

namespace lumen {

std::unique_ptr<SimdCoreRtl> make_simd_rtl() {
  return std::make_unique<VerilatedSimd<Vsimd_core_l4>>();
}

}  // namespace lumen
