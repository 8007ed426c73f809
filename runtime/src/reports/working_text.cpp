#include "working_text.hpp"

#include <algorithm>

namespace perfeval {

namespace {

// Source text on one line: formulas may span lines in the rule file.
std::string one_line(const SourceRange& range, const SourceManager& sources) {
  const Source& source = sources.get(range.file);
  const std::string_view text =
      std::string_view(source.text()).substr(range.begin, range.end - range.begin);
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string rule_text(const Step& step, const SourceManager& sources) {
  return step.formula ? one_line(*step.formula, sources) : step.builtin;
}

std::string working_line(const Step& step, const SourceManager& sources) {
  std::string out = step.quantity + " = " + rule_text(step, sources);
  if (!step.working.conditions.empty()) {
    out += "  [";
    for (std::size_t k = 0; k < step.working.conditions.size(); ++k) {
      const auto& c = step.working.conditions[k];
      out += (k ? "; " : "") + one_line(c.range, sources) + ": ";
      // A bare variable needs no working: "graded: 否".
      out += c.filled == c.result ? c.result : c.filled + " → " + c.result;
    }
    out += "]";
  }
  out += " = " + step.working.filled + " = " + step.working.result;
  return out;
}

const Step* find_step(const std::vector<Step>& steps, std::string_view quantity) {
  const auto it = std::find_if(steps.begin(), steps.end(),
                               [&](const Step& s) { return s.quantity == quantity; });
  return it == steps.end() ? nullptr : &*it;
}

}  // namespace perfeval
