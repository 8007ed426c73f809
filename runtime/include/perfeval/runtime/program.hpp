#pragma once

// Checked rules compiled for scoring: every project type with its policy,
// and every indicator with its method and grade table resolved.

#include <deque>
#include <map>
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
  Rational share;  // of the weight: 达到预期指标 = 1
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

struct CompiledPolicy {
  std::string name;
  std::optional<Rational> total;
  int score_digits = 2;
  int rate_digits = 2;
  std::optional<Formula> explain_when;
  CompiledFunds funds;
  std::vector<Grade> grades;
  std::vector<Band> bands;
  SourceRange range;
};

struct CompiledMethod {
  std::string name;
  std::optional<Formula> met;
  Formula rate;
  Formula score;
  std::optional<Formula> explain_when;
  std::vector<Grade> grades;
  SourceRange range;
};

struct CompiledIndicator {
  const ast::Indicator* decl;
  const CompiledMethod* method;
  // The grade words this indicator understands: its method's, then its policy's.
  std::vector<Grade> grades;
  const Formula* explain_when;  // the method's, else the policy's; may be null
};

struct CompiledProject {
  const ast::Project* decl;
  const CompiledPolicy* policy;
  std::vector<CompiledIndicator> indicators;
  std::unordered_map<std::string, std::size_t> index_by_name;
};

class Program {
 public:
  // Compiles every project of `rules` that the checker did not mark broken.
  // Constant grade shares that fail to evaluate are reported to `sink`.
  static Program compile(const CheckedRules& rules, DiagnosticSink& sink);

  const CompiledProject* find_project(std::string_view name) const;
  bool is_broken(std::string_view name) const { return broken_.contains(std::string(name)); }
  std::vector<std::string> project_names() const;

 private:
  std::deque<CompiledPolicy> policies_;
  std::deque<CompiledMethod> methods_;
  std::map<std::string, CompiledProject, std::less<>> projects_;
  std::set<std::string, std::less<>> broken_;
};

}  // namespace perfeval
