#pragma once

// Checked rules compiled for scoring: every project type with its policy,
// and every indicator with its method and grade table resolved.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "perfeval/lang/checker.hpp"
#include "perfeval/runtime/formula.hpp"

namespace perfeval {

struct Grade {
  std::string word;
  Rational share;  // of the weight: 达到预期指标 = 1; a band's upper end
  Rational low;    // a band's lower end; the share itself for a grade that is no band
};

struct Band {
  std::string label;
  Rational threshold;
};

struct CompiledFunds {
  Rational weight;
  Formula rate;
  Formula score;
  std::optional<Formula> explain_when;
};

struct CompiledMethod {
  std::string name;
  std::optional<Formula> met;
  Formula rate;
  Formula score;
  std::optional<Formula> explain_when;
  std::vector<Formula> requirements;  // `require`, in the order written
  std::vector<Grade> grades;
  SourceRange range;
};

// `category 产出指标 weight 50`: the indicators under the category add up to
// its weight.
struct CategoryRule {
  std::string category1;
  std::optional<std::string> category2;  // absent for a whole 一级 category
  Rational weight;
  SourceRange range;
};

struct CompiledPolicy {
  std::string name;
  std::optional<Rational> total;
  int score_digits = 2;
  ast::Rounding score_rounding = ast::Rounding::half_up;  // `round score 0 up`
  int rate_digits = 2;
  std::optional<Formula> explain_when;
  std::optional<Formula> total_formula;  // absent: indicators + funds_score
  std::vector<std::string> skip_words;   // actual values that mean "not applicable"
  // `placeholder "0" "无"`: explanations that count as none (a policy that
  // extends another adds to its list).
  std::vector<std::string> placeholders;
  std::size_t longest_placeholder = 0;  // in bytes

  // A score cut to score_digits as `round score` says.
  Rational round_score(const Rational& score) const;
  // Whether an explanation says something: not blank, and not one of the
  // placeholders (spaces around it aside).
  bool explains(std::string_view explanation) const;
  CompiledFunds funds;
  std::vector<Grade> grades;
  std::vector<Band> bands;
  // The policy's and those of the policies it extends, a nearer one
  // replacing one of the same path: what a table carrying its own
  // indicators is checked against (declared projects are checked by the
  // checker).
  std::vector<CategoryRule> categories;
  // The policy's own methods, which take the place of outside ones.
  std::map<std::string, const CompiledMethod*, std::less<>> methods;
  SourceRange range;
};

struct CompiledIndicator {
  const ast::Indicator* decl;
  const CompiledMethod* method;
  // The grade words this indicator understands: its method's, then its
  // policy's; shared by every indicator of the same method and policy.
  std::shared_ptr<const std::vector<Grade>> grades;
  const Formula* explain_when;  // the method's, else the policy's; may be null
};

struct CompiledProject {
  const ast::Project* decl;
  const CompiledPolicy* policy;
  std::vector<CompiledIndicator> indicators;
  // Indexes into `indicators`, sorted by name: a project type is loaded once
  // and a hundred thousand of them must fit in memory.
  std::vector<std::uint32_t> by_name;
  Rational full_marks;  // the indicators' weights and the funds' added up

  // The index of the indicator of that name, if the project has one.
  std::optional<std::size_t> find_indicator(std::string_view name) const;
};

// A project type compiled from its declaration, with the indicators its
// compiled indicators point at when they were unpacked (see
// ast::PackedIndicators). Moving keeps those pointers right; copying would
// not, so there is no copy.
struct OpenedProject {
  std::vector<ast::Indicator> indicators;
  CompiledProject project;

  OpenedProject() = default;
  OpenedProject(const OpenedProject&) = delete;
  OpenedProject& operator=(const OpenedProject&) = delete;
  OpenedProject(OpenedProject&&) = default;
  OpenedProject& operator=(OpenedProject&&) = default;
};

class Program {
 public:
  // Projects, indicators and policies point at the policies and methods held
  // below. A copy would point back into the original, so there is none; a
  // move keeps them right, as deques and maps hand over their elements
  // where they are.
  Program();
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  Program(Program&&) noexcept;
  Program& operator=(Program&&) noexcept;

  // Compiles the policies and methods of `rules`, and finds the policy of
  // every project type the checker did not mark broken. The project types
  // themselves are compiled when first asked for: a province's folder
  // declares a hundred thousand, and a run may score a few of them. Constant
  // grade shares that fail to evaluate are reported to `sink`.
  static Program compile(const CheckedRules& rules, DiagnosticSink& sink);

  // The project type `name`, compiled the first time it is asked for and
  // kept for the run; null when there is none or it is broken. Safe to call
  // from several threads at once.
  const CompiledProject* find_project(std::string_view name) const;
  // The project type `name` for scoring one table: kept for the run, as
  // find_project keeps it, while the project types kept hold at most
  // kKeptIndicators indicators (every type of an ordinary folder, scored
  // table after table); beyond that compiled into `scratch` and valid until
  // its next use, so that scoring the tables of a hundred thousand types
  // does not keep them all. Null as for find_project.
  const CompiledProject* project_for_table(std::string_view name, OpenedProject& scratch) const;
  // The same compiled into `into` and never kept, for going once through
  // every project type of a folder (`perfeval check`) in the memory of one.
  const CompiledProject* compile_project(std::string_view name, OpenedProject& into) const;
  static constexpr std::size_t kKeptIndicators = 50'000;  // about 18 MB
  const CompiledPolicy* find_policy(std::string_view name) const;
  // The method an indicator of `policy` means by `name`: the policy's own,
  // else the one declared outside any policy.
  const CompiledMethod* find_method(std::string_view name,
                                    const CompiledPolicy* policy = nullptr) const;

  // An indicator scored by `method` under `policy`: the method's grades and
  // then the policy's, and the method's explanation rule, else the policy's.
  static CompiledIndicator compile_indicator(const ast::Indicator& decl,
                                             const CompiledMethod& method,
                                             const CompiledPolicy& policy);
  // The same into `out`, with the grade list of its method and policy,
  // which indicators of the same method and policy share.
  static void compile_indicator(const ast::Indicator& decl, const CompiledMethod& method,
                                const CompiledPolicy& policy,
                                std::shared_ptr<const std::vector<Grade>> grades,
                                CompiledIndicator& out);
  static std::shared_ptr<const std::vector<Grade>> shared_indicator_grades(
      const CompiledMethod& method, const CompiledPolicy& policy);
  // The names of the methods an indicator of `policy` may use, for a
  // suggestion when one is misspelt.
  std::vector<std::string> method_names(const CompiledPolicy& policy) const;
  bool is_broken(std::string_view name) const;
  // Whether the rules declare a project type of that name, broken or not.
  bool declares(std::string_view name) const {
    return find_declared(name) || broken_.contains(name);
  }
  std::vector<std::string> project_names() const;
  // The names of the project types that are not known to be broken, as
  // views, for going through a folder of many.
  std::vector<std::string_view> usable_project_names() const;
  // Every project type's name, broken or not, as views: what a misspelt
  // name is compared with.
  std::vector<std::string_view> project_name_views() const;
  std::vector<std::string> policy_names() const;

 private:
  static std::vector<Grade> indicator_grades(const CompiledMethod& method,
                                             const CompiledPolicy& policy);
  static CompiledIndicator compile_indicator(const ast::Indicator& decl,
                                             const CompiledMethod& method,
                                             const CompiledPolicy& policy,
                                             std::shared_ptr<const std::vector<Grade>> grades);

  // A project type the checker passed, with its policy.
  struct Declared {
    std::string_view name;  // the declaration's
    const ast::Project* decl;
    const CompiledPolicy* policy;
  };
  const Declared* find_declared(std::string_view name) const;
  // Compiles `declared` into `into`; false when an indicator's method is
  // missing or the weights are too large to add up.
  bool open(const Declared& declared, OpenedProject& into) const;
  // The kept compilation of `declared`, compiled now if it is not yet kept
  // and `always` or the budget allows; nullopt when it is not kept.
  std::optional<const CompiledProject*> keep(const Declared& declared, bool always) const;

  std::deque<CompiledPolicy> policies_;
  std::deque<CompiledMethod> methods_;  // every method, the policies' own included
  std::map<std::string, const CompiledMethod*, std::less<>> global_methods_;
  // The method declared outside any policy that a name means in each folder
  // of rule files (ast::RuleFile::scope), and the folder of each file.
  std::map<std::uint32_t, std::map<std::string, const CompiledMethod*, std::less<>>> scope_methods_;
  std::map<FileId, std::uint32_t> scope_of_;
  std::vector<Declared> declared_;  // by name
  // A project type's indicators share their grade lists: there are only as
  // many as pairs of method and policy.
  std::map<std::pair<const CompiledMethod*, const CompiledPolicy*>,
           std::shared_ptr<const std::vector<Grade>>>
      grades_;
  std::set<std::string, std::less<>> broken_;
  // The project types compiled so far, and what they share; behind a mutex,
  // as workers score at the same time.
  struct Opened;
  std::unique_ptr<Opened> opened_;
};

}  // namespace perfeval
