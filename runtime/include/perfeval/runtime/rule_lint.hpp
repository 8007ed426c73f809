#pragma once

// Checks that need the formulas to run: each indicator is scored once with
// an actual value equal to its target, and each method used for numeric
// targets once with a target of 0, so that a method that cannot compare an
// indicator's unit, or divides by a target of 0, is found before any data
// file is.

#include "perfeval/runtime/program.hpp"

namespace perfeval {

void lint_rules(const Program& program, DiagnosticSink& sink);

}  // namespace perfeval
