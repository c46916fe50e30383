// Writing output files so that a reader never sees half of one: write "<name>.tmp", then rename.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lumen {

struct PendingFile {
  std::filesystem::path path;
  std::string contents;
};

// Writes every file to a temporary name first and renames them only when all are written.
// Throws std::runtime_error naming the file on failure (and removes the temporaries).
void write_files_atomically(const std::vector<PendingFile>& files);

}  // namespace lumen
