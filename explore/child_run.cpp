#include "explore/child_run.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <thread>

namespace lumen {

namespace fs = std::filesystem;

pid_t launch_lumen(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> argv_text = {fs::read_symlink("/proc/self/exe").string()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  fs::create_directories(log.parent_path());
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      ::close(fd);
    }
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

unsigned cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

unsigned jobs_per_run(unsigned jobs, std::size_t runs) {
  jobs = std::max(1u, jobs);
  const auto at_once =
      static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(runs, 1)));
  return std::max(1u, jobs / at_once);
}

int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<int> run_all_lumen(const std::vector<std::vector<std::string>>& runs,
                               const std::vector<fs::path>& logs, unsigned jobs) {
  std::vector<int> codes(runs.size(), -1);
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0;
  while (next < runs.size() || !running.empty()) {
    while (next < runs.size() && running.size() < std::max(1u, jobs)) {
      running[launch_lumen(runs[next], logs[next])] = next;
      ++next;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) continue;
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    codes[it->second] = exit_code_of(status);
    running.erase(it);
  }
  return codes;
}

}  // namespace lumen
