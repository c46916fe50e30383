#include "explore/sweep_runner.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "core/diagnostics.h"
#include "explore/atomic_file.h"
#include "explore/child_run.h"
#include "explore/sweep_journal.h"
#include "explore/sweep_report.h"

namespace lumen {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

volatile std::sig_atomic_t g_interrupted = 0;
void on_interrupt(int) {
  g_interrupted = 1;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path point_dir(const fs::path& out, std::uint32_t id) {
  return out / "points" / fmt::format("{:05d}", id);
}

// `child_jobs`: the processes the point may start itself (see jobs_per_run).
pid_t launch(const SweepSpec& spec, const SweepPoint& point, const fs::path& out,
             unsigned child_jobs) {
  const fs::path dir = point_dir(out, point.id);
  std::vector<std::string> args = {"run", spec.platform.string(), spec.scenario.string(), "-j",
                                   std::to_string(child_jobs)};
  for (const auto& o : point.overrides) {
    args.push_back("--set");
    args.push_back(o);
  }
  args.push_back("-o");
  args.push_back(dir.string());
  return launch_lumen(args, dir.string() + ".log");
}

// What a finished point produced: its metrics, or its error, and whether it meets the
// constraints.
json point_record(const SweepSpec& spec, const SweepPoint& point, const fs::path& out,
                  int exit_code, double wall_s) {
  json record = {{"id", point.id}, {"exit_code", exit_code}, {"wall_s", wall_s}};
  json values = json::object();
  for (std::size_t a = 0; a < spec.axes.size(); ++a) values[spec.axes[a].name] = point.values[a];
  record["axes"] = values;
  const fs::path report = point_dir(out, point.id) / "report.json";
  if ((exit_code == 0 || exit_code == 4) && fs::exists(report)) {
    const json r = json::parse(read_file(report));
    json metrics = json::object();
    for (const auto& [key, value] : r["metrics"].items())
      if (value.is_number()) metrics[key] = value;
    record["metrics"] = metrics;
    record["bottleneck"] = r["summary"]["bottleneck"];
    record["status"] = exit_code == 0 ? "ok" : "partial";
    for (const SweepConstraint& c : spec.constraints) {
      if (!metrics.contains(c.metric)) {
        record["status"] = "rejected";
        record["error"] = "no metric " + c.metric;
        break;
      }
      const double v = metrics[c.metric];
      if ((c.has_min && v < c.min) || (c.has_max && v > c.max)) {
        record["status"] = "rejected";
        record["error"] =
            c.has_min && v < c.min
                ? fmt::format("{} = {:.4g} is below the minimum {:g}", c.metric, v, c.min)
                : fmt::format("{} = {:.4g} is above the maximum {:g}", c.metric, v, c.max);
        break;
      }
    }
  } else {
    record["status"] = "failed";
    std::string log = read_file(point_dir(out, point.id).string() + ".log");
    while (!log.empty() && log.back() == '\n') log.pop_back();
    record["error"] = log.size() > 2000 ? log.substr(log.size() - 2000) : log;
  }
  return record;
}

class Progress {
 public:
  Progress(std::size_t total, std::size_t already, bool bar)
      : total_(total),
        done_(already),
        start_done_(already),
        bar_(bar),
        start_(std::chrono::steady_clock::now()),
        last_(start_) {}
  void point_done(bool failed) {
    ++done_;
    failed_ += failed;
    const auto now = std::chrono::steady_clock::now();
    const bool line_due = std::chrono::duration<double>(now - last_).count() >= 5 ||
                          done_ == total_ ||
                          (done_ - start_done_) % std::max<std::size_t>(1, total_ / 10) == 0;
    if (!bar_ && !line_due) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done_ - start_done_) / elapsed : 0;
    const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
    const std::string text = fmt::format("{}/{} done, {} failed, {:.2f} points/s, ETA {:.0f} s",
                                         done_, total_, failed_, rate, eta);
    if (bar_) {
      const std::size_t width = 30, filled = total_ ? width * done_ / total_ : width;
      std::cerr << fmt::format("\r[{}{}] {}", std::string(filled, '#'),
                               std::string(width - filled, '.'), text)
                << std::flush;
      if (done_ == total_) std::cerr << "\n";
    } else {
      std::cerr << "sweep: " << text << "\n";
    }
  }

 private:
  std::size_t total_, done_, start_done_, failed_ = 0;
  bool bar_;
  std::chrono::steady_clock::time_point start_, last_;
};

// Runs the points not yet in the journal, `jobs` at a time. Returns false when interrupted.
bool run_local(const SweepSpec& spec, const SweepOptions& options, SweepJournal& journal,
               const std::vector<const SweepPoint*>& todo) {
  struct sigaction action {};
  action.sa_handler = on_interrupt;  // no SA_RESTART: waitpid returns on a signal
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  Progress progress(spec.points.size(), spec.points.size() - todo.size(), options.progress_bar);
  std::map<pid_t, std::pair<const SweepPoint*, std::chrono::steady_clock::time_point>> running;
  std::size_t next = 0;
  const unsigned child_jobs = jobs_per_run(options.jobs, todo.size());
  while (next < todo.size() || !running.empty()) {
    while (!g_interrupted && next < todo.size() && running.size() < std::max(1u, options.jobs)) {
      const SweepPoint* point = todo[next++];
      running[launch(spec, *point, options.out, child_jobs)] = {point,
                                                                std::chrono::steady_clock::now()};
    }
    if (running.empty()) break;
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR && g_interrupted)
        for (const auto& [child, point] : running) kill(child, SIGINT);
      continue;
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const SweepPoint* point = it->second.first;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second.second).count();
    running.erase(it);
    if (g_interrupted) continue;  // stopped by us: it runs again next time
    const int code = exit_code_of(status);
    const json record = point_record(spec, *point, options.out, code, wall);
    journal.append(record);
    progress.point_done(record["status"] == "failed");
  }
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  return !g_interrupted;
}

std::string slurm_script(const SweepSpec& spec, const SweepOptions& options, unsigned tasks) {
  const fs::path out = fs::absolute(options.out);
  return fmt::format(
      "#!/bin/bash\n"
      "# Lumen sweep '{0}': {1} points as a job array of {2} tasks; each task runs the points\n"
      "# whose id mod {2} is its index and records them in {3}/journal-task-<index>.jsonl.\n"
      "# Submitting again after a failure runs only the points not yet recorded.\n"
      "#SBATCH --job-name=lumen-{0}\n"
      "#SBATCH --array=0-{4}\n"
      "#SBATCH --cpus-per-task=1\n"
      "#SBATCH --output={3}/slurm/task-%a.log\n"
      "set -euo pipefail\n"
      "exec '{5}' sweep '{6}' -o '{3}' --task \"$SLURM_ARRAY_TASK_ID\" --tasks {2}\n",
      spec.name, spec.points.size(), tasks, out.string(), tasks - 1,
      fs::read_symlink("/proc/self/exe").string(), fs::absolute(spec.file).string());
}

bool on_path(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// The directory belongs to this sweep (same expansion), or is new.
void claim(const SweepSpec& spec, const fs::path& out) {
  const fs::path stamp = out / "sweep.json";
  if (fs::exists(stamp)) {
    const json previous = json::parse(read_file(stamp));
    if (previous.value("hash", "") != spec.hash)
      throw InputError(
          Diagnostic{"-o " + out.string(), "", "a new directory, or one holding this same sweep",
                     fmt::format("the results of another sweep ({}, {} points)",
                                 previous.value("file", "?"), previous.value("points", 0)),
                     "use another -o, or delete the directory to start over"});
    return;
  }
  fs::create_directories(out);
  write_files_atomically({{stamp, json{{"file", spec.file.string()},
                                       {"name", spec.name},
                                       {"points", spec.points.size()},
                                       {"hash", spec.hash}}
                                          .dump(2) +
                                      "\n"}});
}

}  // namespace

int run_sweep(const SweepSpec& spec, const SweepOptions& options) {
  if (options.backend == "slurm" && options.dry_run) {
    std::cout << slurm_script(spec, options, std::max(1u, options.jobs));
    return 0;
  }
  claim(spec, options.out);
  if (options.task >= 0) {  // one Slurm array task: its share, one at a time
    SweepJournal journal(options.out, fmt::format("journal-task-{}.jsonl", options.task));
    std::vector<const SweepPoint*> todo;
    for (const auto& p : spec.points)
      if (static_cast<int>(p.id % options.tasks) == options.task && !journal.has(p.id))
        todo.push_back(&p);
    SweepOptions serial = options;
    serial.jobs = 1;
    return run_local(spec, serial, journal, todo) ? 0 : 130;
  }
  if (options.backend == "slurm") {
    if (!on_path("sbatch")) {
      std::cerr << "error: sbatch is not on PATH: install Slurm's client tools, use --backend "
                   "local, or --dry-run to print the job script for your cluster\n";
      return 1;
    }
    const unsigned tasks = std::max(1u, std::min<unsigned>(options.jobs, spec.points.size()));
    fs::create_directories(options.out / "slurm");
    const fs::path script = options.out / "slurm" / "sweep.sbatch";
    write_files_atomically({{script, slurm_script(spec, options, tasks)}});
    std::cerr << "sweep: submitting " << script.string() << " (" << tasks << " tasks)\n";
    const int status = std::system(("sbatch --wait --quiet '" + script.string() + "'").c_str());
    write_sweep_results(spec, options.out, SweepJournal::read_all(options.out));
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
  }
  SweepJournal journal(options.out, "journal.jsonl");
  std::vector<const SweepPoint*> todo;
  for (const auto& p : spec.points)
    if (!journal.has(p.id)) todo.push_back(&p);
  if (todo.size() < spec.points.size())
    std::cerr << fmt::format("sweep: resuming, {} of {} points already done\n",
                             spec.points.size() - todo.size(), spec.points.size());
  const bool complete = run_local(spec, options, journal, todo);
  write_sweep_results(spec, options.out, journal.done());
  if (!complete) {
    std::cerr << fmt::format(
        "sweep: interrupted with {} of {} points done; run the same command "
        "again to continue\n",
        journal.done().size(), spec.points.size());
    return 130;
  }
  return 0;
}

}  // namespace lumen
