#pragma once

// A readable, stable text form of the AST for tests and debugging: one node
// per line, children indented by two spaces, `@line:column` where a node
// starts, names in quotes with their own position.

#include <string>

#include "perfeval/lang/ast.hpp"

namespace perfeval {

std::string dump(const ast::RuleFile& file, const SourceManager& sources);

// One formula on its own, indented by `indent` levels.
std::string dump(const ast::Expr& expr, const SourceManager& sources, int indent = 0);

}  // namespace perfeval
