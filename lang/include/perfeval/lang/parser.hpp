#pragma once

// Rule text to AST. The only part of perfeval that includes PEGTL.

#include <optional>

#include "perfeval/lang/ast.hpp"
#include "perfeval/lang/diagnostic.hpp"

namespace perfeval {

// Limits that keep a hostile file harmless.
struct ParseLimits {
  std::size_t max_file_bytes = 16 * 1024 * 1024;
  std::size_t max_nesting = 200;  // parentheses, if-then-else and operators nested in one formula
  std::size_t max_name_bytes = 1024;
};

// Whether the AST keeps how the file was written (comments, keyword
// spellings, the order of lines: ast::Item, ast::Fodder), which only
// `perfeval fmt` reads. Dropping it makes a project type's AST much smaller;
// so far only project declarations drop it (the bulk of a large folder).
enum class Layout { keep, drop };

// Parses one rule file already added to `sources`. On a syntax error reports
// one diagnostic (the first problem) and returns nullopt; value text that
// cannot be read (a target of 2024年2月30日) is reported too.
std::optional<ast::RuleFile> parse_rules(FileId file, const SourceManager& sources,
                                         DiagnosticSink& sink, const ParseLimits& limits = {},
                                         Layout layout = Layout::keep);

}  // namespace perfeval
