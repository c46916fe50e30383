#include "explore/atomic_file.h"

#include <fstream>
#include <stdexcept>

namespace lumen {

void write_files_atomically(const std::vector<PendingFile>& files) {
  std::vector<std::filesystem::path> temporaries;
  const auto discard = [&] {
    std::error_code ec;
    for (const auto& t : temporaries) std::filesystem::remove(t, ec);
  };
  for (const auto& file : files) {
    std::filesystem::create_directories(file.path.parent_path());
    std::filesystem::path temporary = file.path;
    temporary += ".tmp";
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    temporaries.push_back(temporary);
    out << file.contents;
    out.close();
    if (!out) {
      discard();
      throw std::runtime_error("cannot write " + file.path.string());
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i)
    std::filesystem::rename(temporaries[i], files[i].path);
}

}  // namespace lumen
