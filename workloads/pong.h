// Pong on N chips: distributed computing explained with the game. The court (width × height
// pixels) is cut into N vertical strips, one per chip. Every frame each chip
//   1. renders and updates its strip (a vector-unit kernel over its pixels: `render_s`),
//   2. sends the ball and paddle state to its left and right neighbours (halo exchange),
//   3. joins a barrier (a binomial-tree all-reduce of one flag) so no chip runs ahead.
// The game itself is played on the host (seeded, deterministic): the ball bounces off the walls
// and the paddles, which chase it at a bounded speed and so sometimes miss; the report draws
// the court, the strips and the ball's path.
#pragma once

#include <cstdint>
#include <vector>

#include "models/io/fabric_program.h"

namespace lumen {

struct PongSpec {
  std::uint32_t frames = 60;
  std::uint32_t width = 1024, height = 512;
  std::uint64_t state_bytes = 64;  // ball position and velocity, both paddles, score
  std::uint64_t seed = 1;
};

struct PongFrame {
  double ball_x = 0, ball_y = 0;
  double left_paddle = 0, right_paddle = 0;  // centre y
  std::uint32_t owner = 0;                   // chip whose strip holds the ball
};

struct PongGame {
  std::vector<PongFrame> frames;
  std::uint32_t left_score = 0, right_score = 0;
  double paddle_half_height = 0;
};

PongGame play_pong(const PongSpec& spec, std::uint32_t chips);

struct PongPlan {
  std::vector<FabricProgram> programs;
  // Per frame, per chip: the frame's first command (render) and its last ones (barrier).
  std::vector<std::vector<std::uint32_t>> frame_first;
  std::vector<std::vector<std::vector<std::uint32_t>>> frame_last;
};

// `render_s`: one chip's render of its strip (from its vector units' cycle equation).
PongPlan lower_pong(const PongSpec& spec, std::uint32_t chips, double render_s);

}  // namespace lumen
