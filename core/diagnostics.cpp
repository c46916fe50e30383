#include "core/diagnostics.h"

namespace lumen {

std::string Diagnostic::message() const {
  std::string where = file.empty() ? std::string("<input>") : file;
  where += ": ";
  where += pointer.empty() ? std::string("(document)") : pointer;
  std::string text = where + ": expected " + expected + ", found " + found;
  if (!hint.empty()) text += " (" + hint + ")";
  return text;
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.message();
  }
  return text;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(Diagnostic diagnostic)
    : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

}  // namespace lumen
