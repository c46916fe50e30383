// A timeline of what every engine did, recorded by models while they run and written by
// explore/ as a Chrome/Perfetto trace. Models only append; they never format anything.
#pragma once

#include <string>
#include <vector>

namespace lumen {

struct TraceEvent {
  std::string track;  // instance path of the engine, e.g. "chip0.tile0.matrix"
  std::string name;   // the command, e.g. "gemm 64x64x128"
  double start_ns;
  double duration_ns;
};

class TraceRecorder {
 public:
  void add(TraceEvent event) { events_.push_back(std::move(event)); }
  const std::vector<TraceEvent>& events() const { return events_; }

 private:
  std::vector<TraceEvent> events_;
};

}  // namespace lumen
