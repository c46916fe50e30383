#include "core/json_pointer_path.h"

namespace lumen {

std::string pointer_append(const std::string& pointer, const std::string& token) {
  std::string escaped;
  for (char c : token) {
    if (c == '~')
      escaped += "~0";
    else if (c == '/')
      escaped += "~1";
    else
      escaped += c;
  }
  return pointer + "/" + escaped;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

bool pointer_within(const std::string& pointer, const std::string& prefix) {
  if (prefix.empty()) return true;
  if (pointer.compare(0, prefix.size(), prefix) != 0) return false;
  return pointer.size() == prefix.size() || pointer[prefix.size()] == '/';
}

}  // namespace lumen
