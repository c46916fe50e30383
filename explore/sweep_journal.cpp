#include "explore/sweep_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lumen {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Complete lines only: a last line without its newline was torn by a kill.
void read_lines(const fs::path& file, std::map<std::uint32_t, json>& done) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos;
       start = end + 1, end = text.find('\n', start)) {
    try {
      json record = json::parse(text.substr(start, end - start));
      const auto id = record.at("id").get<std::uint32_t>();
      done.emplace(id, std::move(record));  // the first record of a point wins
    } catch (const json::exception&) {
      // Not a record (cannot happen with single-write appends); ignored rather than fatal.
    }
  }
}

}  // namespace

std::map<std::uint32_t, json> SweepJournal::read_all(const fs::path& directory) {
  std::map<std::uint32_t, json> done;
  if (!fs::is_directory(directory)) return done;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("journal", 0) == 0 && entry.path().extension() == ".jsonl")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) read_lines(f, done);
  return done;
}

SweepJournal::SweepJournal(fs::path directory, std::string own) : own_(directory / own) {
  fs::create_directories(directory);
  if (fs::exists(own_)) {
    // Cut a torn last line so the next append starts on a line of its own.
    std::ifstream in(own_, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const auto keep = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
    if (keep != text.size()) fs::resize_file(own_, keep);
  }
  done_ = read_all(directory);
  fd_ = ::open(own_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot open " + own_.string() + " for appending");
}

SweepJournal::~SweepJournal() {
  if (fd_ >= 0) ::close(fd_);
}

void SweepJournal::append(const json& record) {
  const auto id = record.at("id").get<std::uint32_t>();
  if (done_.count(id)) return;
  const std::string line = record.dump() + "\n";
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0) throw std::runtime_error("cannot append to " + own_.string());
    written += static_cast<std::size_t>(n);
  }
  ::fsync(fd_);
  done_.emplace(id, record);
}

}  // namespace lumen
