// Diagnostics for bad input: every problem names the file, the JSON pointer, what was
// expected and what was found. InputError carries one or more of them and maps to exit 2.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace lumen {

struct Diagnostic {
  std::string file;      // the file the offending value came from ("--set ..." for overrides)
  std::string pointer;   // JSON pointer inside that file ("" is the whole document)
  std::string expected;  // what a valid input looks like
  std::string found;     // what was there instead
  std::string hint;      // optional: "did you mean ...?"

  std::string message() const;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Exit codes shared by the CLI and its tests.
enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,
  kExitBadInput = 2,
  kExitDeadlock = 3,
  kExitPartial = 4
};

}  // namespace lumen
