#include "workloads/scenario_lowering.h"

#include "workloads/gemm_lowering.h"
#include "workloads/program_lowering.h"

namespace lumen {
namespace {

using json = nlohmann::json;

GemmShape shape_of(const json& node) {
  return {node.at("m").get<std::uint64_t>(), node.at("n").get<std::uint64_t>(),
          node.at("k").get<std::uint64_t>()};
}

}  // namespace

Workload lower_scenario(const json& scenario, const ChipParams& chip, const SourceMap& sources) {
  const std::string kind = scenario.at("kind").get<std::string>();
  if (kind == "program") return lower_program(scenario, chip, sources);
  const DType dtype = scenario.contains("dtype")
                          ? *dtype_from_name(scenario["dtype"].get<std::string>())
                          : chip.tile.matrix.dtype;
  std::vector<GemmLayer> layers;
  if (kind == "gemm") {
    layers.push_back({scenario.value("name", "gemm"), shape_of(scenario), "/scenario"});
  } else {  // network
    const auto& list = scenario.at("layers");
    for (std::size_t i = 0; i < list.size(); ++i)
      layers.push_back({list[i].at("name").get<std::string>(), shape_of(list[i]),
                        "/scenario/layers/" + std::to_string(i)});
  }
  return lower_gemm_layers(layers, dtype, chip, sources);
}

}  // namespace lumen
