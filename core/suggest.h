// "Did you mean ...?" for misspelt keys and enum values.
#pragma once

#include <string>
#include <vector>

namespace lumen {

// Levenshtein distance between two strings.
std::size_t edit_distance(const std::string& a, const std::string& b);

// The closest candidate when it is close enough to be a plausible typo, else "".
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace lumen
