// Building JSON pointers (RFC 6901) while walking a document.
#pragma once

#include <cstddef>
#include <string>

namespace lumen {

// Appends one reference token to a pointer, escaping '~' and '/'.
std::string pointer_append(const std::string& pointer, const std::string& token);
std::string pointer_append(const std::string& pointer, std::size_t index);

// True when `pointer` equals `prefix` or lies below it.
bool pointer_within(const std::string& pointer, const std::string& prefix);

}  // namespace lumen
