// Runs a sweep's points, each as its own `lumen run` process (SystemC allows one elaboration per
// process), on a local pool of -j processes or as a Slurm job array, recording each finished
// point in the sweep's journal (sweep_journal.h) and, at the end or on SIGINT, writing the
// results (sweep_report.h). A failed point is recorded with its error; it does not stop the
// sweep. Rerunning the same command on the same directory continues a stopped sweep.
#pragma once

#include <filesystem>
#include <string>

#include "explore/sweep_spec.h"

namespace lumen {

struct SweepOptions {
  std::filesystem::path out;      // the sweep's directory
  unsigned jobs = 1;              // local: processes at once; slurm: array tasks
  std::string backend = "local";  // local or slurm
  bool dry_run = false;           // slurm: print the job script, submit nothing
  int task = -1, tasks = 0;       // inside a Slurm array task: run points with id % tasks == task
  bool progress_bar = false;      // a live bar (stderr is a terminal); else plain lines
};

// Returns the process exit code: 0 done (failed points included), 130 interrupted, 1 when the
// backend could not run (no sbatch). Throws InputError when the directory holds another sweep.
int run_sweep(const SweepSpec& spec, const SweepOptions& options);

}  // namespace lumen
