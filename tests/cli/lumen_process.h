// Runs the lumen binary as a subprocess (SystemC allows one simulation per process).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lumen::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `lumen ARGS...` from the source directory.
ProcessResult run_lumen(const std::vector<std::string>& args);

// A fresh empty directory for one test's outputs.
std::filesystem::path scratch_dir(const std::string& name);

// `lumen run ARGS... -o OUT`, which must succeed (a test failure otherwise); its report.json.
nlohmann::json run_report(const std::filesystem::path& out, std::vector<std::string> args);

nlohmann::json read_json(const std::filesystem::path& path);
std::string read_text(const std::filesystem::path& path);

}  // namespace lumen::test
