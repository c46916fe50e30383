#include "workloads/pong.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/split_mix.h"
#include "workloads/collective_lowering.h"

namespace lumen {

PongGame play_pong(const PongSpec& spec, std::uint32_t chips) {
  PongGame game;
  SplitMix64 random(spec.seed);
  const double w = spec.width, h = spec.height;
  const double speed = w / 30;  // crosses the court in half a second at 60 frames per second
  game.paddle_half_height = h / 10;
  const double paddle_speed = speed * 0.45;
  double x = w / 2, y = h / 2, left = h / 2, right = h / 2;
  const auto serve = [&](double direction, double& vx, double& vy) {
    x = w / 2;
    y = h * (0.25 + 0.5 * random.uniform());
    vx = direction * speed;
    vy = speed * (random.uniform() * 1.6 - 0.8);
  };
  double vx = 0, vy = 0;
  serve(random.uniform() < 0.5 ? -1 : 1, vx, vy);
  for (std::uint32_t f = 0; f < spec.frames; ++f) {
    x += vx;
    y += vy;
    if (y < 0 || y > h) {
      vy = -vy;
      y = std::clamp(y, 0.0, h);
    }
    const auto chase = [&](double& paddle) {
      paddle += std::clamp(y - paddle, -paddle_speed, paddle_speed);
    };
    chase(left);
    chase(right);
    if (x <= 0 || x >= w) {
      const bool at_left = x <= 0;
      const double paddle = at_left ? left : right;
      if (std::abs(y - paddle) <= game.paddle_half_height) {
        vx = -vx;
        vy += (y - paddle) / game.paddle_half_height * speed * 0.3;  // english off the edge
        x = std::clamp(x, 0.0, w);
      } else {
        (at_left ? game.right_score : game.left_score)++;
        serve(at_left ? 1 : -1, vx, vy);
      }
    }
    const auto owner = static_cast<std::uint32_t>(
        std::min<double>(chips - 1, std::floor(std::clamp(x, 0.0, w - 1) / (w / chips))));
    game.frames.push_back({x, y, left, right, owner});
  }
  return game;
}

PongPlan lower_pong(const PongSpec& spec, std::uint32_t chips, double render_s) {
  PongPlan plan;
  plan.programs.resize(chips);
  std::vector<std::vector<std::uint32_t>> entry(chips);
  std::uint32_t tag = 0;
  for (std::uint32_t f = 0; f < spec.frames; ++f) {
    plan.frame_first.emplace_back(chips);
    std::vector<std::vector<std::uint32_t>> after_halo(chips);
    const std::uint32_t halo_tag = tag++;
    for (std::uint32_t i = 0; i < chips; ++i) {
      FabricProgram& program = plan.programs[i];
      FabricCommand render;
      render.op = FabricOp::kCompute;
      render.seconds = render_s;
      render.deps = entry[i];
      render.label = fmt::format("render f{}", f);
      const std::uint32_t rendered = program.add(render);
      plan.frame_first[f][i] = rendered;
      after_halo[i] = {rendered};
      for (int side : {-1, 1}) {
        const int neighbour = static_cast<int>(i) + side;
        if (neighbour < 0 || neighbour >= static_cast<int>(chips)) continue;
        FabricCommand send;
        send.op = FabricOp::kSend;
        send.peer = static_cast<std::uint32_t>(neighbour);
        send.bytes = spec.state_bytes;
        send.tag = halo_tag;
        send.deps = {rendered};
        send.label = fmt::format("halo f{} →{}", f, neighbour);
        after_halo[i].push_back(program.add(send));
        FabricCommand recv;
        recv.op = FabricOp::kRecv;
        recv.peer = send.peer;
        recv.tag = halo_tag;
        recv.deps = entry[i];
        recv.label = fmt::format("halo f{} ←{}", f, neighbour);
        after_halo[i].push_back(program.add(recv));
      }
    }
    if (chips > 1) {
      CollectiveSpec barrier;
      barrier.op = Collective::kAllReduce;
      barrier.algorithm = CollectiveAlgorithm::kTree;
      barrier.bytes = 8;
      barrier.label = fmt::format("sync f{} ", f);
      append_collective(plan.programs, barrier, after_halo, tag);
    }
    plan.frame_last.push_back(after_halo);
    entry = after_halo;
  }
  return plan;
}

}  // namespace lumen
