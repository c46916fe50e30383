// Per-component statistics, keyed by SystemC instance path ("chip0.tile0.matrix"). Models
// fill it after a run; explore/ turns it into the report's `components`.
#pragma once

#include <map>
#include <string>

namespace lumen {

class StatsCollector {
 public:
  using Values = std::map<std::string, double>;
  void set(const std::string& component, const std::string& key, double value) {
    components_[component][key] = value;
  }
  const std::map<std::string, Values>& components() const { return components_; }

 private:
  std::map<std::string, Values> components_;
};

}  // namespace lumen
