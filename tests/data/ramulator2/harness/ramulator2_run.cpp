// [offline patch] Standalone driver for Ramulator 2.1 without Python bindings.
// Same tick loop as Simulation::run() in src/ramulator/python/bindings.cpp.
// Usage: ramulator2_run <exported_config.yaml> [stats_out.yaml]
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "ramulator/base/config.h"
#include "ramulator/base/factory.h"
#include "ramulator/frontend/i_frontend.h"
#include "ramulator/memory_system/i_memory_system.h"

using namespace Ramulator;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "Usage: " << argv[0] << " <config.yaml> [stats_out.yaml]\n";
    return 1;
  }
  ConfigNode cfg = Config::parse_config_file(argv[1]);
  std::unique_ptr<IFrontEnd> fe(Factory::create_frontend(cfg));
  std::unique_ptr<IMemorySystem> ms(Factory::create_memory_system(cfg));
  fe->connect_memory_system(ms.get());
  ms->connect_frontend(fe.get());

  int fe_tick = fe->get_clock_ratio();
  int mem_tick = ms->get_clock_ratio();
  if (fe_tick <= 0 || mem_tick <= 0) throw std::runtime_error("clock_ratio must be > 0");
  int fe_count = mem_tick - 1, mem_count = fe_tick - 1;
  for (;;) {
    if (++fe_count >= mem_tick) {
      fe_count = 0;
      fe->tick();
    }
    if (fe->is_finished()) break;
    if (++mem_count >= fe_tick) {
      mem_count = 0;
      ms->tick();
    }
  }
  fe->finalize();
  ms->finalize();
  fe->update_stats_recursive();
  ms->update_stats_recursive();
  std::ostringstream ss;
  fe->print_stats(ss);
  ms->print_stats(ss);
  if (argc >= 3) {
    std::ofstream o(argv[2]);
    o << ss.str();
  } else
    std::cout << ss.str();
  return 0;
}
