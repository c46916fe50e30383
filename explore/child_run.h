// Runs `lumen run ...` as a child process of this lumen binary (SystemC allows one elaboration
// per process, so sweeps and roadmaps run each point in its own). The child's output goes to a
// log file, and it dies with its parent (PR_SET_PDEATHSIG): a killed sweep leaves no orphan
// still writing into its directory.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace lumen {

// Starts `lumen ARGS...`; returns the child's pid.
pid_t launch_lumen(const std::vector<std::string>& args, const std::filesystem::path& log);

// Exit code of a waitpid status (128 + signal when killed).
int exit_code_of(int status);

// The cores (at least 1): the default of every `-j`.
unsigned cores();

// The processes each of `runs` runs started `jobs` at a time may start at once itself (an LLM
// run's op batches), so that the pool keeps to `jobs` processes: jobs / min(jobs, runs), at
// least 1.
unsigned jobs_per_run(unsigned jobs, std::size_t runs);

// Runs every argument list, `jobs` at a time; returns their exit codes in order.
std::vector<int> run_all_lumen(const std::vector<std::vector<std::string>>& runs,
                               const std::vector<std::filesystem::path>& logs, unsigned jobs);

}  // namespace lumen
