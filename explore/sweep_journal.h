// The record of a sweep's finished points, so that a sweep killed at any moment (SIGINT,
// SIGKILL) and run again continues where it stopped, with every point exactly once. One JSON
// line per finished point, appended with a single write() and fsync'd before the next point is
// counted; a line torn by a kill (no newline yet) is cut off when the journal is next opened.
// Each writer has its own file (journal.jsonl locally, journal-task-K.jsonl per Slurm task);
// readers merge them all and keep a point's first record.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace lumen {

class SweepJournal {
 public:
  // Reads every journal*.jsonl in `directory`; `own` (a file name in it) is repaired and
  // appended to.
  SweepJournal(std::filesystem::path directory, std::string own);
  ~SweepJournal();
  SweepJournal(const SweepJournal&) = delete;
  SweepJournal& operator=(const SweepJournal&) = delete;

  const std::map<std::uint32_t, nlohmann::json>& done() const { return done_; }
  bool has(std::uint32_t id) const { return done_.count(id) != 0; }
  // Appends `record` (which has an "id") durably; a second record of a point is not written.
  void append(const nlohmann::json& record);

  // Every finished point of `directory`, merged from all its journals.
  static std::map<std::uint32_t, nlohmann::json> read_all(const std::filesystem::path& directory);

 private:
  std::filesystem::path own_;
  int fd_ = -1;
  std::map<std::uint32_t, nlohmann::json> done_;
};

}  // namespace lumen
