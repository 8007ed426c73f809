#pragma once

// The typed AST of a rule file: plain values, each node with the byte range it
// came from. The parser builds it in one lowering pass over the parse tree;
// the checker reads it; the runtime compiles it; `perfeval fmt` prints it
// back, for which it also keeps how the file was written (comments, line
// breaks, keyword spellings, the order of statements). Nothing here knows
// about data files.

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "perfeval/lang/source.hpp"
#include "perfeval/values/rational.hpp"
#include "perfeval/values/value.hpp"

namespace perfeval::ast {

// ---- how the file was written, for `perfeval fmt` (jsonnet's "fodder").
// The checker and the runtime ignore all of this.

// A `//` comment, without its line end or trailing spaces.
struct Comment {
  std::string text;
  bool own_line = false;      // it starts its line; else it ends the line of the code before it
  bool blank_before = false;  // a blank line comes just before it
};

// What stands before a token besides spaces: every comment belongs to the
// token after it. A comment from inside a construct the formatter lays out on
// one line (a header, an indicator) is moved to the fodder of its first
// token, as a comment of its own line.
struct Fodder {
  std::vector<Comment> comments;
  bool line_break = false;  // the token starts a line
  bool blank_line = false;  // a blank line comes just before the token
};

// A name as written (bare or quoted), without quotes, and where it stands.
struct Name {
  std::string text;
  SourceRange range;
  bool quoted = false;
};

// A name of an indicator: a view, not a copy, as a folder of rules may
// declare a million indicators. It views the rule text where the name is
// written (the SourceManager keeps it for the whole run), or, for a quoted
// name with escapes, the rule file's `texts`; an indicator made up
// from a table views storage of its own.
struct NameView {
  std::string_view text;
  SourceRange range;
  bool quoted = false;
};

// Text that views of a rule file point to when it is not in the file as
// written; adding never moves what is already kept.
class TextStore {
 public:
  std::string_view keep(std::string_view text) { return texts_.emplace_back(text); }

 private:
  std::deque<std::string> texts_;
};

struct Expr;

// A number in a formula, exact: `0.5`, `2`, `100%` (value 1, percent set).
struct NumberLit {
  Rational value;
  std::string text;  // as written, for the formatter and for explanations
  bool percent = false;
};

struct BoolLit {
  bool value = false;
  std::uint8_t spelling = 0;  // of `true` or `false`
};

// A variable: weight, target, actual, rate, met, grade, graded, score,
// planned, budget, executed, lower_is_better (or their Chinese aliases).
// Which ones exist where is the checker's business.
//
// A funds amount may name one row of the funds block: `executed[本级资金]`,
// `全年执行数【本级资金】`; without a row it reads the total row.
struct VarRef {
  std::string name;
  bool quoted = false;  // written in quotes
  std::optional<Name> row;
  bool full_width_brackets = false;  // 【】 rather than []
};

enum class UnaryOp { negate, logical_not };

struct Unary {
  UnaryOp op;
  std::unique_ptr<Expr> operand;
  std::uint8_t spelling = 0;  // of `not`
};

enum class BinaryOp { add, sub, mul, div, eq, ne, lt, le, gt, ge, logical_and, logical_or };

struct Binary {
  BinaryOp op;
  std::unique_ptr<Expr> lhs;
  std::unique_ptr<Expr> rhs;
  Fodder op_fodder;
  std::uint8_t spelling = 0;  // of `and` or `or`
};

// `if c then a else b`: only the branch taken is evaluated.
struct Conditional {
  std::unique_ptr<Expr> condition;
  std::unique_ptr<Expr> then_branch;
  std::unique_ptr<Expr> else_branch;
  Fodder then_fodder;
  Fodder else_fodder;
  std::array<std::uint8_t, 3> spellings{};  // of `if`, `then`, `else`
};

// A built-in function: min, max, abs, round(x, digits).
struct Call {
  Name function;
  std::vector<Expr> args;
  Fodder open_fodder;                // before `(`
  std::vector<Fodder> comma_fodder;  // before each `,`
  Fodder close_fodder;               // before `)`
};

// Brackets written around an expression: `(a + b)`.
struct Brackets {
  Fodder open;   // before `(`
  Fodder close;  // before `)`
};

struct Expr {
  std::variant<NumberLit, BoolLit, VarRef, Unary, Binary, Conditional, Call> node;
  SourceRange range;  // without its brackets
  // Before its first own token: the number, name, `-`, `not` or `if`. (A
  // binary expression has none: its first token is its left side's.)
  Fodder fodder;
  std::vector<Brackets> brackets;  // outermost first
};

// One line-level item of a block (or of the file), in the order written, for
// the formatter: what it is, which one, and how it was written. What it
// means is in the block's own fields.
// clang-format off
enum class ItemKind : std::uint8_t {
  policy, method, project, use,                                     // of a file
  total, total_formula, skip, round_score, round_rate, explain,     // of a policy
  placeholder,                                                      // of a policy
  funds, grade, band, category, weight, rate, score, met, require,  // of blocks with statements
  group, indicator,                                                 // of a project, a group
};
// clang-format on

struct Item {
  ItemKind kind = ItemKind::policy;
  // Which of the block's methods, grades, bands, categories, skip words,
  // requirements, groups or indicators (of the project) it is.
  std::size_t index = 0;
  Fodder fodder;  // before its first token, with the comments from inside its one-line part
  // The spelling of each of its keywords, in the order written. For a grade
  // band, the second is 0 for `..` and 1 for `至`.
  std::vector<std::uint8_t> spellings;
  std::string number;  // as written: `weight 2.50`, `total 100`, `round score 2`, `band 优 >= 90`
};

// `grade 达到预期指标 = 100%`: the share of the weight a qualitative grade earns.
// `grade 达成年度指标 = 80% .. 100%`: a band of shares; `low` is its lower end
// and `share` its upper end (what `grade` reads).
struct GradeDef {
  Name word;
  Expr share;
  std::optional<Expr> low;  // only for a band
  Fodder to_fodder;         // before the `..` of a band
};

// `category 产出指标 weight 50`, `category 产出指标 / 数量指标 weight 30`: the
// weights of the indicators under that category must add up to `weight`
// (and the 二级 categories declared under a declared 一级 one, to its weight).
struct CategoryWeight {
  Name category1;                 // 一级指标
  std::optional<Name> category2;  // 二级指标; absent for a whole 一级 category
  Rational weight;
  SourceRange range;  // the whole statement
};

// `band 优 >= 90`: a summary band for project totals; bands are tried in the
// order written and the first whose threshold the total reaches applies.
struct BandDef {
  Name label;
  Rational threshold;
  SourceRange range;
};

// `funds { weight 10  rate = executed / budget  score = ... }`: how the
// budget execution rate is scored.
struct FundsRule {
  Rational weight;
  std::optional<Expr> rate;
  std::optional<Expr> score;
  std::optional<Expr> explain_when;
  SourceRange range;
  std::vector<Item> items;
  Fodder close;  // before `}`
};

// A scoring method: how an indicator's met, rate and score follow from its
// weight, target and actual value.
struct Method {
  Name name;
  std::vector<GradeDef> grades;
  std::optional<Expr> met;  // default: actual compared with target by the target's operator
  std::optional<Expr> rate;
  std::optional<Expr> score;
  std::optional<Expr> explain_when;  // overrides the policy's
  // `require EXPR`: conditions on the indicator's inputs, checked in order
  // before it is scored; one that does not hold stops the indicator.
  std::vector<Expr> requirements;
  SourceRange range;
  std::vector<Item> items;
  Fodder close;  // before `}`
};

// How `round score N` cuts a score to N decimals: half-up (四舍五入, the
// default), `up` (进一: any remainder raises the last digit kept) or `down`
// (去尾: any remainder is dropped). Scores are never negative in practice;
// for a negative one `up` is toward zero and `down` away from it.
enum class Rounding : std::uint8_t { half_up, up, down };

// A scoring convention shared by several project types.
struct Policy {
  Name name;
  // `extends BASE`: everything this policy does not say is taken from BASE;
  // grades and methods of the same name replace BASE's, bands replace all.
  std::optional<Name> base;
  std::optional<Rational> total;  // `total 100`: what a project's weights must add up to
  // `total = ...`: the project total from its parts (default: indicators + funds_score)
  std::optional<Expr> total_formula;
  // `skip 不适用`: an actual written as this word makes the indicator not
  // applicable: it is not scored and its weight leaves `applicable`.
  std::vector<Name> skip_words;
  // `placeholder "0" "无"`: explanations written as one of these words count
  // as none; one list per statement, in the order written.
  std::vector<std::vector<Name>> placeholders;
  std::optional<int> score_digits;  // `round score 2`: indicator scores, half-up, before summing
  Rounding score_rounding = Rounding::half_up;  // `round score 0 up`: how the score is rounded
  std::optional<int> rate_digits;    // `round rate 2`: rates shown as percentages with 2 decimals
  std::optional<Expr> explain_when;  // `explain when rate != 100%`
  std::optional<FundsRule> funds;
  std::vector<GradeDef> grades;
  std::vector<BandDef> bands;
  // Methods declared inside the policy: for projects of this policy they
  // take the place of methods of the same name declared outside.
  std::vector<Method> methods;
  // Category weights every project of the policy must meet; one of the same
  // path in a policy that extends this one, or in a project, replaces it.
  std::vector<CategoryWeight> categories;
  SourceRange range;
  std::vector<Item> items;
  Fodder close;  // before `}`
};

// `>= 13人`, `<= 240万元`, `2024年12月10日前`, `长期`.
// (Members ordered to leave no padding: a million of them may be loaded.)
struct Target {
  Value value;
  std::string_view text;  // as written: a view, as the names of an indicator
  SourceRange range;
  CompareOp op = CompareOp::none;
};

struct Indicator {
  NameView category1;  // 一级指标, e.g. 产出指标
  NameView category2;  // 二级指标, e.g. 数量指标
  NameView name;       // 三级指标
  Rational weight;
  Target target;
  NameView method;
  SourceRange weight_range;
  SourceRange range;
};

// `产出指标 / 数量指标 { ... }` as written: its indicators are items.
struct Group {
  Name category1;
  Name category2;
  std::vector<Item> items;
  Fodder close;  // before `}`
};

// A project type's indicators in about twenty bytes each instead of an
// Indicator's 304: a province's rules folder declares a hundred thousand
// project types, each with its own targets, and a million Indicators would
// take three times the rule text they are read from. What is kept is where
// each part is written (offsets into the rule text, which the SourceManager
// keeps for the run) and any name kept elsewhere (a quoted name with
// escapes, in the file's TextStore), and the weight and the target's value
// as the parser read them where they are plain; unpacking gives the same
// Indicators as before packing.
class PackedIndicators {
 public:
  // Packs `indicators` of a project declared at `project` in `text`, the
  // whole rule file. False (and nothing packed) when they are not as the
  // parser writes them (parts out of order, a target not as written).
  bool pack(const std::vector<Indicator>& indicators, std::string_view text, SourceRange project);
  bool empty() const { return count_ == 0; }
  std::size_t size() const { return count_; }
  // The indicators as they were packed, into `out` (whose storage is reused).
  void unpack(std::vector<Indicator>& out) const;

 private:
  std::unique_ptr<std::uint8_t[]> bytes_;
  std::string_view text_;
  SourceRange project_;
  std::uint32_t count_ = 0;
};

// One project type: its indicators and the policy that scores them.
struct Project {
  Name name;
  Name policy;
  // Empty when they are packed (rules loaded for scoring, Layout::drop):
  // read them with indicators_of().
  std::vector<Indicator> indicators;
  PackedIndicators packed;
  // Category weights of this project: added to its policy's, replacing one
  // of the same path.
  std::vector<CategoryWeight> categories;
  SourceRange range;
  std::vector<Group> groups;
  std::vector<Item> items;
  Fodder close;  // before `}`
};

// The project's indicators: its own, or, when they are packed, unpacked
// into `scratch`.
const std::vector<Indicator>& indicators_of(const Project& project,
                                            std::vector<Indicator>& scratch);

// `use "../library"`, `use 全国模板`: the policies and methods of another rule
// file, or of every rule file under a folder, may be named in this file's
// folder. The loader finds the target (relative to this file, then along the
// rules search path) and reads it once however often it is used.
struct Use {
  Name target;
  SourceRange range;  // the whole statement
};

// Everything one rule file declares, in the order written.
struct RuleFile {
  FileId file = 0;
  std::vector<Use> uses;
  std::vector<Policy> policies;
  std::vector<Method> methods;
  std::vector<Project> projects;
  std::vector<Item> items;
  Fodder end;                     // before the end of the file
  std::size_t comment_count = 0;  // every comment of the file is in one fodder

  // Where the file stands among the others, set by whoever loads it (see
  // load_rules) and read by the checker: a policy or method named in a file
  // is looked for first in its own folder, then in what that folder uses.
  std::string folder;              // as it is shown in messages
  std::uint32_t scope = 0;         // the same for every file of one folder
  std::vector<FileId> used_files;  // every file its `use` statements reached

  // What views of indicators point to that is not in the file as written.
  std::unique_ptr<TextStore> texts = std::make_unique<TextStore>();
};

}  // namespace perfeval::ast
