#include "cli/lumen_process.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace lumen::test {
namespace fs = std::filesystem;

namespace {
std::string quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}
}  // namespace

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json read_json(const fs::path& path) {
  return nlohmann::json::parse(read_text(path));
}

fs::path scratch_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("lumen_cli_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

nlohmann::json run_report(const fs::path& out, std::vector<std::string> args) {
  args.insert(args.begin(), "run");
  args.insert(args.end(), {"-o", out.string()});
  const ProcessResult r = run_lumen(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return read_json(out / "report.json");
}

ProcessResult run_lumen(const std::vector<std::string>& args) {
  static int counter = 0;
  const fs::path err_file =
      fs::temp_directory_path() /
      ("lumen_cli_err_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::string command = "cd " + quote(LUMEN_SOURCE_DIR) + " && " + quote(LUMEN_BINARY);
  for (const auto& a : args) command += " " + quote(a);
  command += " 2>" + quote(err_file.string());
  ProcessResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.err = read_text(err_file);
  fs::remove(err_file);
  return result;
}

}  // namespace lumen::test
