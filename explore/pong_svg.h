// Pictures of a Pong run: the court cut into the chips' strips with the ball's path, and one
// frame's timeline per chip (render, halo exchange, barrier) for each fabric compared.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lumen {

// `pong` is report.json's series.pong.
std::string pong_court_svg(const nlohmann::json& pong);
// `fabrics` is report.json's series.fabrics (each with its "timeline").
std::string pong_frame_svg(const nlohmann::json& fabrics, std::uint32_t chips);

}  // namespace lumen
