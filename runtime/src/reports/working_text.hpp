#pragma once

// Worked explanations as text, shared by the audit and explain writers.

#include <string>
#include <vector>

#include "perfeval/lang/source.hpp"
#include "perfeval/runtime/engine.hpp"

namespace perfeval {

// The rule as written in the rule file, on one line.
std::string rule_text(const Step& step, const SourceManager& sources);

// "rate = actual / target = 153家 / 150家 = 102.00%", with the branches taken
// first when there are any: "[graded → 否; 150家 = 0 → 否]".
std::string working_line(const Step& step, const SourceManager& sources);

// The step for `quantity` ("rate", "score"), or nullptr.
const Step* find_step(const std::vector<Step>& steps, std::string_view quantity);

}  // namespace perfeval
