// A tile's command program: DMA loads and stores, GEMMs, vector kernels and barriers, each with
// explicit dependencies on earlier commands. Each engine runs its own commands in program order and
// starts one only when all its dependencies have completed, so engines overlap wherever the
// dependencies allow (as a real accelerator's per-engine queues and scoreboard do).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/compute/dtype.h"
#include "models/compute/systolic_timing.h"
#include "models/compute/vector_ops.h"

namespace lumen {

enum class Opcode { kDmaLoad, kDmaStore, kGemm, kVector, kBarrier };

// The engine that runs an opcode.
enum class EngineKind { kDmaLoad, kDmaStore, kMatrix, kVector, kSync };

inline EngineKind engine_for(Opcode op) {
  switch (op) {
    case Opcode::kDmaLoad:
      return EngineKind::kDmaLoad;
    case Opcode::kDmaStore:
      return EngineKind::kDmaStore;
    case Opcode::kGemm:
      return EngineKind::kMatrix;
    case Opcode::kVector:
      return EngineKind::kVector;
    case Opcode::kBarrier:
      return EngineKind::kSync;
  }
  return EngineKind::kSync;
}

inline const char* opcode_name(Opcode op) {
  switch (op) {
    case Opcode::kDmaLoad:
      return "dma_load";
    case Opcode::kDmaStore:
      return "dma_store";
    case Opcode::kGemm:
      return "gemm";
    case Opcode::kVector:
      return "vector";
    case Opcode::kBarrier:
      return "barrier";
  }
  return "?";
}

// The part of a tensor a DMA command moves: rows [row0, row0+rows) × cols [col0, col0+cols),
// packed row-major at the command's addresses. Functional mode fills and reads memory by it.
struct TensorRegion {
  std::int32_t tensor = -1;  // index into Workload::tensors; −1: no tensor (raw bytes)
  std::uint64_t row0 = 0, col0 = 0, rows = 0, cols = 0;
};

struct Command {
  std::uint32_t id = 0;  // index in the program
  Opcode op = Opcode::kBarrier;
  std::vector<std::uint32_t> deps;  // ids of earlier commands of the same tile
  std::string label;                // shown in traces and deadlock reports

  // DMA: move `bytes` between memory address `mem_addr` and scratchpad address `spm_addr`.
  std::uint64_t bytes = 0;
  std::uint64_t mem_addr = 0;
  std::uint64_t spm_addr = 0;

  TensorRegion region;  // DMA: what the bytes are

  // Element types: GEMM A / vector input (`dtype`), GEMM B (`weight_dtype`), GEMM C / vector
  // result (`out_dtype`).
  DType dtype = DType::kBf16;
  DType weight_dtype = DType::kBf16;
  DType out_dtype = DType::kBf16;
  // Scratchpad operands (functional mode): GEMM A, B and the C accumulators; vector input,
  // second input and result.
  std::uint64_t spm_a = 0, spm_b = 0, spm_c = 0;

  // GEMM: one block of a layer; `layer_start` marks the first block of a layer on this tile.
  GemmShape gemm{};
  bool layer_start = false;
  bool accumulate = false;  // add to the accumulators at spm_c (a later K block)
  bool last_k = false;      // then convert them to out_dtype, packed at spm_c

  // Vector: `kernel` over rows × cols elements.
  VectorKernel kernel = VectorKernel::kResidualAdd;
  std::uint64_t rows = 0, cols = 0;

  // Barrier: all `participants` tiles arriving at barrier `barrier` release together.
  std::uint32_t barrier = 0;
  std::uint32_t participants = 0;
};

struct TileProgram {
  std::vector<Command> commands;

  // Appends a command, giving it the next id; returns that id.
  std::uint32_t add(Command command) {
    command.id = static_cast<std::uint32_t>(commands.size());
    commands.push_back(std::move(command));
    return commands.back().id;
  }
};

}  // namespace lumen
