#include "workloads/scenario_lowering.h"

#include "core/diagnostics.h"

#include "workloads/gemm_lowering.h"
#include "workloads/program_lowering.h"
#include "workloads/vector_lowering.h"

namespace lumen {
namespace {

using json = nlohmann::json;

GemmShape shape_of(const json& node) {
  return {node.at("m").get<std::uint64_t>(), node.at("n").get<std::uint64_t>(),
          node.at("k").get<std::uint64_t>()};
}

DType dtype_or(const json& node, const char* key, DType fallback) {
  return node.contains(key) ? *dtype_from_name(node[key].get<std::string>()) : fallback;
}

}  // namespace

Workload lower_scenario(const json& scenario, const ChipParams& chip, const SourceMap& sources) {
  const std::string kind = scenario.at("kind").get<std::string>();
  if (kind == "program") return lower_program(scenario, chip, sources);
  if (kind == "vector") return lower_vector_scenario(scenario, chip, sources);
  const DType dtype = dtype_or(scenario, "dtype", chip.tile.matrix.dtype);
  const DType weight_dtype = dtype_or(scenario, "weight_dtype", dtype);
  const DType out_dtype = dtype_or(scenario, "out_dtype", dtype);
  const std::string split_name = scenario.value("split", "auto");
  const GemmSplit split = split_name == "output"    ? GemmSplit::kOutput
                          : split_name == "k"       ? GemmSplit::kK
                          : split_name == "columns" ? GemmSplit::kColumns
                                                    : GemmSplit::kAuto;
  std::vector<GemmLayer> layers;
  const auto layer_of = [&](const json& node, std::string name, std::string pointer) {
    GemmLayer layer{std::move(name),
                    shape_of(node),
                    std::move(pointer),
                    dtype,
                    dtype_or(node, "weight_dtype", weight_dtype),
                    dtype_or(node, "out_dtype", out_dtype),
                    std::nullopt};
    if (node.contains("epilogue"))
      layer.epilogue = kernel_from_name(node["epilogue"].get<std::string>());
    layer.split = split;
    layer.batch = node.value("batch", std::uint64_t{1});
    if (layer.batch > 1 && split == GemmSplit::kK)
      throw InputError(sources.diagnose("/scenario/split",
                                        "a split other than \"k\" for a batch of GEMMs (a K-split "
                                        "is for one GEMM; batches spread over tiles instead)",
                                        "\"k\" with batch " + std::to_string(layer.batch)));
    return layer;
  };
  if (kind == "gemm") {
    layers.push_back(layer_of(scenario, scenario.value("name", "gemm"), "/scenario"));
  } else {  // network
    const auto& list = scenario.at("layers");
    for (std::size_t i = 0; i < list.size(); ++i)
      layers.push_back(layer_of(list[i], list[i].at("name").get<std::string>(),
                                "/scenario/layers/" + std::to_string(i)));
  }
  return lower_gemm_layers(layers, chip, sources);
}

}  // namespace lumen
