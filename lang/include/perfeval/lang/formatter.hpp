#pragma once

// `perfeval fmt`: one canonical layout for rule files.
//
// The file is parsed first (it must be valid); the layout is then printed
// from the AST alone, which keeps every comment and line break as the fodder
// before a token (ast.hpp), so every comment stays where it was written. The
// rules of the layout:
//
// - two spaces of indentation per brace level; `policy NAME {`,
//   `method NAME {`, `project NAME policy NAME {`, `funds {` and a group
//   `一级 / 二级 {` each on one line; `}` on its own line;
// - one statement per line; one space around binary operators and `=`,
//   after `,`, and between words; no space inside parentheses, before the
//   `(` of a call, or after a unary minus;
// - every indicator on one line, `indicator NAME  weight N  target T  method
//   M`: the columns of consecutive indicators are aligned by display width
//   (a CJK character is two columns), two spaces apart;
// - the `=` of consecutive `rate`, `score` and `met` statements line up
//   (`rate  = ...` over `score = ...`);
// - "consecutive" lines for alignment: not parted by a blank line or by a
//   line of another kind; comment lines and a formula's further lines
//   between them do not part them;
// - a formula keeps its line breaks (but not blank lines inside it); each
//   continuation line starts under the first character of the formula, or
//   two columns in from the statement when the formula itself starts on the
//   next line;
// - a comment on its own line stays on its own line, indented as the
//   statements of its block (or, among a formula's lines, as those);
// - a comment after code stays at the end of its line, two spaces after it;
// - a comment inside a construct that is laid out on one line (a header, an
//   indicator, a simple statement, the part of a statement before its
//   formula) moves to its own line just above that construct;
// - blank lines between items are kept, but a run of them becomes one, and
//   there is none at the start of the file, right after `{` or before `}`;
// - names, numbers and keywords are kept exactly as written (a file in
//   Chinese stays Chinese, and each keyword keeps the spelling it was
//   written in); a target is its operator, one space and its value, with a
//   run of spaces inside the value made one (`>=  65人` is `>= 65人`); the
//   file ends with one newline; CRLF becomes LF and a byte-order mark is
//   dropped.
//
// The result is checked before it is returned: it must parse to the same AST
// (positions and the spacing of targets aside) as the original, and every
// comment of the original must have been printed once.

#include <optional>
#include <string>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/lang/source.hpp"

namespace perfeval {

// The formatted text of a rule file already added to `sources`. When the
// file does not parse, reports the parse error and returns nullopt; the same
// when the formatter cannot keep the file's meaning (a formatter bug, reported
// as "format-failed").
std::optional<std::string> format_rules(FileId file, const SourceManager& sources,
                                        DiagnosticSink& sink);

}  // namespace perfeval
