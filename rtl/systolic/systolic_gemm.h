// A whole GEMM C (+)= A·B on the Verilated systolic array, fold by fold, with the mapping of
// models/compute/systolic_timing.h: ws folds K over rows and N over columns and streams M; os
// folds M over rows and N over columns and streams K; is runs the array in ws mode on the
// transposed problem (A stationary: K over rows, M over columns, N streamed). Each fold is
// driven edge by edge following the cycle contract in systolic_array.v, folds back to back.
// The cycles returned are the clock edges the array took, start to done, summed over folds.
#pragma once

#include <cstdint>
#include <functional>

#include "models/compute/systolic_timing.h"
#include "rtl/systolic/systolic_rtl.h"

namespace lumen {

// `a` (m×k), `b` (k×n) int8 row-major; `c` (m×n) int32 row-major is accumulated into (wrapping,
// as the array's adders do). All three may be null (timing only: zeros go in, nothing comes
// out). `each_cycle` runs after every clock edge (the SystemC transactor waits a clock period
// there). Throws std::runtime_error if a fold does not finish.
std::uint64_t run_gemm_on_rtl(SystolicArrayRtl& rtl, Dataflow dataflow, GemmShape gemm,
                              const std::int8_t* a, const std::int8_t* b, std::int32_t* c,
                              const std::function<void()>& each_cycle);

}  // namespace lumen
