#pragma once

// Semantic checks over all rule files of a rules folder, and the resolved
// view of them that the runtime compiles.
//
// Every problem is reported (not only the first): duplicate and unknown
// names, weights that do not add up (to the policy's total, or to a declared
// category weight), variables used where they have no value, functions
// called wrongly, qualitative targets without grades.

#include <array>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "perfeval/lang/ast.hpp"
#include "perfeval/lang/diagnostic.hpp"

namespace perfeval {

// The names a formula can read. Which are defined depends on the formula.
enum class Variable : std::uint8_t {
  weight,
  target,
  actual,
  met,
  graded,
  grade,
  lower_is_better,
  rate,
  score,
  planned,
  budget,
  executed,
  indicators,   // the project's indicator scores added up (as rounded)
  funds_score,  // the budget execution score
  funds_rate,   // the budget execution rate
  full_marks,   // every weight added up, funds included
  applicable,   // the weights of the applicable indicators and the funds
  entered,      // the indicator's score as entered by hand (the data's reported score)
  grade_low,    // the lower end of the grade's band (the share, for a grade that is no band)
  grade_high,   // the upper end of the grade's band (the same as grade)
};

inline constexpr std::size_t kVariableCount = static_cast<std::size_t>(Variable::grade_high) + 1;

// Which formula a name is read in.
enum class FormulaKind {
  method_met,
  method_rate,
  method_score,
  method_explain,
  method_require,
  funds_rate,
  funds_score,
  funds_explain,
  policy_total,
};

// English name or Chinese alias (权重, 完成率, ...) to the variable.
std::optional<Variable> find_variable(std::string_view name);
std::string_view variable_name(Variable v);
bool variable_defined_in(Variable v, FormulaKind kind);

// The built-in functions of formulas.
enum class Function : std::uint8_t { min, max, abs, round };
std::optional<Function> find_function(std::string_view name);

// What a name means where it is written: the declaration found, or, when
// the name is ambiguous there, two of the declarations it could mean.
template <typename Decl>
struct Lookup {
  const Decl* found = nullptr;
  std::array<const Decl*, 2> ambiguous{};  // set only when found is null
};

// The rules of a folder after checking. Pointers point into `files`, which
// this object owns; it can be moved but not copied.
struct CheckedRules {
  std::vector<ast::RuleFile> files;
  // Every policy and method declared outside a policy, by name. Folders
  // that do not use each other may declare the same name: find_policy and
  // find_method tell which one a file means.
  std::multimap<std::string, const ast::Policy*, std::less<>> policies;
  std::multimap<std::string, const ast::Method*, std::less<>> methods;
  std::map<std::string, const ast::Project*, std::less<>> projects;
  // Projects whose own declarations, policy or methods have errors: they are
  // kept so data files can name them, but they are not scored.
  std::set<std::string, std::less<>> broken_projects;

  // The policy (or method declared outside a policy) `name` means in the file
  // `from`: the one declared in the file's own folder, else the one in the
  // files that folder uses (directly or through other uses), else the only
  // one there is. Two candidates from different folders at the first step
  // that has any make the name ambiguous.
  Lookup<ast::Policy> find_policy(std::string_view name, FileId from) const;
  Lookup<ast::Method> find_method(std::string_view name, FileId from) const;
  // The folder (ast::RuleFile::scope) of each file, and the files the files
  // of each folder reach through `use`.
  std::map<FileId, std::uint32_t> scope_of;
  std::map<std::uint32_t, std::set<FileId>> reach;

  CheckedRules() = default;
  CheckedRules(CheckedRules&&) = default;
  CheckedRules& operator=(CheckedRules&&) = default;
  CheckedRules(const CheckedRules&) = delete;
  CheckedRules& operator=(const CheckedRules&) = delete;
};

struct CheckOptions {
  // Warn about methods no indicator uses: useful when checking a rules
  // folder, noise when scoring. (Unused policies are a library, not a slip.)
  bool warn_unused = false;
};

CheckedRules check_rules(std::vector<ast::RuleFile> files, DiagnosticSink& sink,
                         const CheckOptions& options = {});

// The closest of `candidates` to `name` by edit distance over code points, if
// it is close enough to be a likely misspelling.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates);
// The same among views (a rules folder's hundred thousand project types).
std::optional<std::string> closest_name(std::string_view name,
                                        std::span<const std::string_view> candidates);

}  // namespace perfeval
