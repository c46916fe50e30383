#include "workloads/program_lowering.h"

#include <algorithm>

#include "core/diagnostics.h"
#include "core/json_pointer_path.h"
#include "core/units.h"

namespace lumen {
namespace {

using json = nlohmann::json;

Opcode opcode_from(const std::string& name) {
  if (name == "dma_load") return Opcode::kDmaLoad;
  if (name == "dma_store") return Opcode::kDmaStore;
  if (name == "gemm") return Opcode::kGemm;
  if (name == "vector") return Opcode::kVector;
  return Opcode::kBarrier;
}

}  // namespace

Workload lower_program(const json& scenario, const ChipParams& chip, const SourceMap& sources) {
  Workload workload;
  workload.kind = "program";
  workload.programs.resize(chip.tiles());
  workload.peak_scratchpad_bytes.assign(chip.tiles(), 0);
  std::vector<Diagnostic> problems;
  const json& tiles = scenario.at("tiles");
  for (std::size_t t = 0; t < tiles.size(); ++t) {
    const std::string tile_pointer = pointer_append("/scenario/tiles", t);
    const auto index = tiles[t].at("tile").get<std::uint32_t>();
    if (index >= chip.tiles()) {
      problems.push_back(sources.diagnose(
          pointer_append(tile_pointer, "tile"),
          "a tile index below " + std::to_string(chip.tiles()) + " (the chip's tile count)",
          std::to_string(index)));
      continue;
    }
    TileProgram& program = workload.programs[index];
    const json& commands = tiles[t].at("commands");
    for (std::size_t c = 0; c < commands.size(); ++c) {
      const json& node = commands[c];
      const std::string pointer = pointer_append(pointer_append(tile_pointer, "commands"), c);
      Command command;
      command.op = opcode_from(node.at("op").get<std::string>());
      command.label =
          node.value("label", node.at("op").get<std::string>() + " #" + std::to_string(c));
      if (node.contains("bytes"))
        command.bytes = static_cast<std::uint64_t>(
            parse_quantity(node["bytes"].get<std::string>(), Dimension::kDataSize));
      command.mem_addr = node.value("mem_addr", std::uint64_t{0});
      command.spm_addr = node.value("spm_addr", std::uint64_t{0});
      command.gemm = {node.value("m", std::uint64_t{1}), node.value("n", std::uint64_t{1}),
                      node.value("k", std::uint64_t{1})};
      command.layer_start = node.value("layer_start", false);
      command.dtype = node.contains("dtype") ? *dtype_from_name(node["dtype"].get<std::string>())
                                             : chip.tile.matrix.dtype;
      command.weight_dtype = command.out_dtype = command.dtype;
      if (command.op == Opcode::kVector) {
        command.kernel = *kernel_from_name(node.value("kernel", "relu"));
        command.rows = node.value("rows", std::uint64_t{1});
        command.cols = node.value("cols", std::uint64_t{1});
      }
      command.barrier = node.value("barrier", 0u);
      command.participants = node.value("participants", 1u);
      const std::size_t base = program.commands.size();
      for (std::size_t d = 0; d < node.value("deps", json::array()).size(); ++d) {
        const auto dep = node["deps"][d].get<std::uint32_t>();
        if (dep >= c) {
          problems.push_back(sources.diagnose(
              pointer_append(pointer_append(pointer, "deps"), d),
              "the index of an earlier command of this tile (< " + std::to_string(c) + ")",
              std::to_string(dep)));
        }
        command.deps.push_back(static_cast<std::uint32_t>(base - c + dep));
      }
      const bool is_dma = command.op == Opcode::kDmaLoad || command.op == Opcode::kDmaStore;
      if (is_dma && command.spm_addr + command.bytes > chip.tile.scratchpad.size_bytes) {
        problems.push_back(sources.diagnose(
            pointer,
            "a transfer inside the scratchpad (spm_addr + bytes <= " +
                std::to_string(chip.tile.scratchpad.size_bytes) + ")",
            std::to_string(command.spm_addr) + " + " + std::to_string(command.bytes)));
      }
      if (is_dma)
        workload.peak_scratchpad_bytes[index] =
            std::max(workload.peak_scratchpad_bytes[index], command.spm_addr + command.bytes);
      if (command.op == Opcode::kGemm) workload.macs += command.gemm.macs();
      program.add(std::move(command));
    }
  }
  if (!problems.empty()) throw InputError(problems);
  return workload;
}

}  // namespace lumen
