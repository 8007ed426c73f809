#include "perfeval/lang/checker.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "perfeval/values/row_label.hpp"
#include "perfeval/values/utf8.hpp"

namespace perfeval {
namespace {

struct VariableName {
  Variable variable;
  std::string_view english;
  std::string_view chinese;
};

constexpr std::array kVariables = {
    VariableName{Variable::weight, "weight", "权重"},
    VariableName{Variable::target, "target", "目标"},
    VariableName{Variable::actual, "actual", "实际"},
    VariableName{Variable::met, "met", "达标"},
    VariableName{Variable::graded, "graded", "已评级"},
    VariableName{Variable::grade, "grade", "等级值"},
    VariableName{Variable::lower_is_better, "lower_is_better", "越小越好"},
    VariableName{Variable::rate, "rate", "完成率"},
    VariableName{Variable::score, "score", "得分"},
    VariableName{Variable::planned, "planned", "年初预算数"},
    VariableName{Variable::budget, "budget", "全年预算数"},
    VariableName{Variable::executed, "executed", "全年执行数"},
    VariableName{Variable::indicators, "indicators", "指标得分合计"},
    VariableName{Variable::funds_score, "funds_score", "预算执行率得分"},
    VariableName{Variable::funds_rate, "funds_rate", "预算执行率"},
    VariableName{Variable::full_marks, "full_marks", "满分"},
    VariableName{Variable::applicable, "applicable", "适用权重"},
    VariableName{Variable::entered, "entered", "填报得分"},
    VariableName{Variable::grade_low, "grade_low", "等级下限"},
    VariableName{Variable::grade_high, "grade_high", "等级上限"},
};

std::string_view formula_label(FormulaKind kind) {
  switch (kind) {
    case FormulaKind::method_met:
      return "met";
    case FormulaKind::method_rate:
    case FormulaKind::funds_rate:
      return "rate";
    case FormulaKind::method_score:
    case FormulaKind::funds_score:
      return "score";
    case FormulaKind::method_explain:
    case FormulaKind::funds_explain:
      return "explain when";
    case FormulaKind::policy_total:
      return "total";
    case FormulaKind::method_require:
      return "require";
  }
  return "";
}

std::vector<std::string> variables_in(FormulaKind kind) {
  std::vector<std::string> names;
  for (const auto& v : kVariables) {
    if (variable_defined_in(v.variable, kind)) {
      names.emplace_back(v.english);
    }
  }
  return names;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

// Names come from checked rule files, so a byte that is not UTF-8 is rare
// here: it counts as one U+FFFD.
// Into `out`, whose storage is reused.
void code_points(std::string_view s, std::vector<char32_t>& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    const auto point = utf8::decode(s, i);
    out.push_back(point ? point->value : U'\uFFFD');
    i += point ? point->size : 1;
  }
}

template <typename Decl>
Lookup<Decl> look_up(const CheckedRules& rules,
                     const std::multimap<std::string, const Decl*, std::less<>>& table,
                     std::string_view name, FileId from) {
  // Not a structured binding: clang 14 cannot capture one in the lambdas below.
  const auto range = table.equal_range(name);
  const auto begin = range.first;
  const auto end = range.second;
  if (begin == end)
    return {};
  if (std::next(begin) == end)
    return {begin->second, {}};  // the usual case: one declaration
  const auto scope = [&](FileId file) {
    const auto it = rules.scope_of.find(file);
    return it == rules.scope_of.end() ? 0 : it->second;
  };
  const std::uint32_t own = scope(from);
  for (auto it = begin; it != end; ++it)
    if (scope(it->second->range.file) == own)
      return {it->second, {}};  // a second one in the same folder is a duplicate
  const auto reached = rules.reach.find(own);
  // Among `candidates`, the first one, or two from different folders.
  const auto pick = [&](auto&& candidate) -> std::optional<Lookup<Decl>> {
    const Decl* first = nullptr;
    for (auto it = begin; it != end; ++it) {
      if (!candidate(it->second))
        continue;
      if (!first)
        first = it->second;
      else if (scope(it->second->range.file) != scope(first->range.file))
        return Lookup<Decl>{nullptr, {first, it->second}};
    }
    if (first)
      return Lookup<Decl>{first, {}};
    return std::nullopt;
  };
  if (reached != rules.reach.end()) {
    if (auto found = pick([&](const Decl* d) { return reached->second.contains(d->range.file); }))
      return *found;
  }
  return *pick([](const Decl*) { return true; });
}

// Collects the diagnostics of one rules folder and remembers which
// declarations are unusable.
class Checker {
 public:
  Checker(CheckedRules& rules, DiagnosticSink& sink, const CheckOptions& options)
      : rules_(rules), sink_(sink), options_(options) {}

  void run() {
    declare_all();
    for (const auto& [name, policy] : rules_.policies) {
      check_policy(*policy);
    }
    for (const auto& [name, method] : rules_.methods) {
      if (!check_method(*method)) {
        broken_methods_.insert(method);
      }
    }
    for (const auto& [name, project] : rules_.projects) {
      check_project(*project);
    }
    if (options_.warn_unused) {
      warn_unused();
    }
  }

 private:
  template <typename Decl>
  void declare(std::map<std::string, const Decl*, std::less<>>& table, const Decl& decl,
               std::string_view kind) {
    const auto [it, inserted] = table.emplace(decl.name.text, &decl);
    if (!inserted) {
      clash("duplicate-" + std::string(kind), decl.name.range, {decl.name.text},
            it->second->name.range);
      if constexpr (std::is_same_v<Decl, ast::Project>) {
        rules_.broken_projects.insert(decl.name.text);
      }
    }
  }

  // Policies and methods: the same name in two folders is no clash.
  template <typename Decl>
  void declare(std::multimap<std::string, const Decl*, std::less<>>& table, const Decl& decl,
               std::string_view kind) {
    const std::uint32_t scope = rules_.scope_of.at(decl.range.file);
    const auto [begin, end] = table.equal_range(decl.name.text);
    for (auto it = begin; it != end; ++it) {
      if (rules_.scope_of.at(it->second->range.file) == scope) {
        clash("duplicate-" + std::string(kind), decl.name.range, {decl.name.text},
              it->second->name.range);
        if constexpr (std::is_same_v<Decl, ast::Policy>) {
          broken_policies_.insert(&decl);
        }
        return;
      }
    }
    table.emplace(decl.name.text, &decl);
  }

  // What a policy name written in `from` means; reports it when unknown or
  // ambiguous.
  const ast::Policy* policy_named(const ast::Name& name, FileId from, const std::string& code) {
    const auto found = rules_.find_policy(name.text, from);
    if (found.ambiguous[0]) {
      ambiguous("ambiguous-policy", name, found.ambiguous[0]->name.range,
                found.ambiguous[1]->name.range);
    } else if (!found.found) {
      unknown(code, name, keys(rules_.policies));
    }
    return found.found;
  }

  template <typename AnyName>
  void ambiguous(const std::string& code, const AnyName& name, SourceRange first,
                 SourceRange second) {
    const auto folder = [&](SourceRange r) {
      for (const auto& file : rules_.files)
        if (file.file == r.file)
          return file.folder;
      return std::string();
    };
    clash(code, name.range, {std::string(name.text), folder(first), folder(second)}, first);
  }

  void declare_all() {
    for (const auto& file : rules_.files) {
      for (const auto& policy : file.policies) {
        declare(rules_.policies, policy, "policy");
      }
      for (const auto& method : file.methods) {
        declare(rules_.methods, method, "method");
      }
      for (const auto& project : file.projects) {
        declare(rules_.projects, project, "project");
      }
    }
  }

  void clash(std::string code, SourceRange where, std::vector<std::string> args,
             SourceRange first) {
    Diagnostic d{Severity::error, std::move(code), where, {}, std::move(args), {}};
    d.related = first;
    sink_.report(std::move(d));
  }

  void check_policy(const ast::Policy& policy) {
    bool ok = true;
    if (policy.score_digits && (*policy.score_digits < 0 || *policy.score_digits > 18)) {
      sink_.error("digits-out-of-range", policy.range, {std::to_string(*policy.score_digits)});
      ok = false;
    }
    if (policy.rate_digits && (*policy.rate_digits < 0 || *policy.rate_digits > 16)) {
      sink_.error("digits-out-of-range", policy.range, {std::to_string(*policy.rate_digits)});
      ok = false;
    }
    if (policy.explain_when) {
      ok &= check_expr(*policy.explain_when, FormulaKind::method_explain);
    }
    if (policy.total_formula) {
      ok &= check_expr(*policy.total_formula, FormulaKind::policy_total);
    }
    if (policy.base) {
      ok &= check_base(policy);
    }
    if (policy.funds) {
      ok &= check_funds(*policy.funds, policy.name.text);
    } else if (!inherited(&policy, &ast::Policy::funds)) {
      sink_.error("policy-without-funds", policy.name.range, {policy.name.text});
      ok = false;
    }
    ok &= check_grades(policy.grades);
    ok &= no_duplicate_categories(policy.categories);
    std::map<std::string, const ast::Method*, std::less<>> own;
    for (const auto& method : policy.methods) {
      const auto [it, inserted] = own.emplace(method.name.text, &method);
      if (!inserted) {
        clash("duplicate-method", method.name.range, {method.name.text}, it->second->name.range);
        ok = false;
      }
      // A broken method of the policy's own breaks the policy: which projects
      // use it is not known here.
      ok &= check_method(method);
    }
    if (!ok) {
      broken_policies_.insert(&policy);
    }
  }

  bool check_base(const ast::Policy& policy) {
    const ast::Policy* base = policy_named(*policy.base, policy.range.file, "unknown-base-policy");
    if (!base) {
      return false;
    }
    const auto links = chain(&policy);
    const ast::Policy* last = links.back();
    if (last->base && base_of(*last)) {
      // The chain stopped on a policy already in it: a cycle.
      std::string path;
      for (const ast::Policy* p : links) {
        path += (path.empty() ? "" : " → ") + p->name.text;
      }
      sink_.error("policy-extends-itself", policy.base->range,
                  {policy.name.text, path + " → " + last->base->text});
      return false;
    }
    return !broken_policies_.contains(base);
  }

  bool check_funds(const ast::FundsRule& funds, const std::string& policy) {
    bool ok = true;
    if (funds.weight.sign() < 0) {
      sink_.error("negative-weight", funds.range, {funds.weight.to_string()});
      ok = false;
    }
    if (!funds.rate) {
      sink_.error("funds-without-rate", funds.range, {policy});
      ok = false;
    } else {
      ok &= check_expr(*funds.rate, FormulaKind::funds_rate);
    }
    if (!funds.score) {
      sink_.error("funds-without-score", funds.range, {policy});
      ok = false;
    } else {
      ok &= check_expr(*funds.score, FormulaKind::funds_score);
    }
    if (funds.explain_when) {
      ok &= check_expr(*funds.explain_when, FormulaKind::funds_explain);
    }
    return ok;
  }

  bool check_grades(const std::vector<ast::GradeDef>& grades) {
    bool ok = true;
    std::map<std::string, const ast::GradeDef*, std::less<>> seen;
    for (const auto& grade : grades) {
      const auto [it, inserted] = seen.emplace(grade.word.text, &grade);
      if (!inserted) {
        clash("duplicate-grade", grade.word.range, {grade.word.text}, it->second->word.range);
        ok = false;
      }
      // A grade's share (and a band's lower end) is a constant: it may not
      // read any variable.
      ok &= check_expr(grade.share, std::nullopt);
      if (grade.low) {
        ok &= check_expr(*grade.low, std::nullopt);
      }
    }
    return ok;
  }

  bool check_method(const ast::Method& method) {
    bool ok = check_grades(method.grades);
    if (method.met) {
      ok &= check_expr(*method.met, FormulaKind::method_met);
    }
    if (!method.rate) {
      sink_.error("method-without-rate", method.name.range, {method.name.text});
      ok = false;
    } else {
      ok &= check_expr(*method.rate, FormulaKind::method_rate);
    }
    if (!method.score) {
      sink_.error("method-without-score", method.name.range, {method.name.text});
      ok = false;
    } else {
      ok &= check_expr(*method.score, FormulaKind::method_score);
    }
    if (method.explain_when) {
      ok &= check_expr(*method.explain_when, FormulaKind::method_explain);
    }
    for (const auto& requirement : method.requirements) {
      ok &= check_expr(requirement, FormulaKind::method_require);
    }
    return ok;
  }

  template <typename Map>
  std::vector<std::string> keys(const Map& map) {
    std::vector<std::string> out;
    for (const auto& [k, v] : map) {
      if (out.empty() || out.back() != k) {
        out.push_back(k);
      }
    }
    return out;
  }

  void check_project(const ast::Project& project) {
    bool ok = true;
    const ast::Policy* policy = policy_named(project.policy, project.range.file, "unknown-policy");
    if (!policy) {
      ok = false;
    } else {
      ok &= !broken_policies_.contains(policy);
    }

    const std::vector<ast::Indicator>& indicators = ast::indicators_of(project, unpacked_);
    std::map<std::string_view, const ast::Indicator*> seen;  // only for many indicators
    Rational weights;
    for (std::size_t k = 0; k < indicators.size(); ++k) {
      const ast::Indicator& indicator = indicators[k];
      if (const ast::Indicator* first = earlier_named(indicators, k, seen)) {
        clash("duplicate-indicator", indicator.name.range, {std::string(indicator.name.text)},
              first->name.range);
        ok = false;
      }
      if (indicator.weight.sign() < 0) {
        sink_.error("negative-weight", indicator.weight_range, {indicator.weight.to_string()});
        ok = false;
      }
      weights += indicator.weight;
      if (options_.warn_unused) {
        if (const ast::Method* method =
                resolve_method(indicator.method.text, policy, project.range.file)) {
          used_methods_.insert(method);
        }
      }
      // Which methods an ambiguous policy means is not known.
      if (policy || !rules_.find_policy(project.policy.text, project.range.file).ambiguous[0]) {
        ok &= check_indicator_method(indicator, policy, project.range.file);
      }
    }

    const Rational* total = inherited(policy, &ast::Policy::total);
    const ast::FundsRule* funds = inherited(policy, &ast::Policy::funds);
    if (total && funds) {
      const Rational sum = weights + funds->weight;
      if (sum != *total) {
        sink_.error("weights-do-not-add-up", project.name.range,
                    {project.name.text, weights.to_string(), funds->weight.to_string(),
                     sum.to_string(), total->to_string(), policy->name.text});
        ok = false;
      }
    }
    ok &= no_duplicate_categories(project.categories);
    ok &= check_categories(project, indicators, category_weights(project, policy));
    if (!ok) {
      rules_.broken_projects.insert(project.name.text);
    }
  }

  // The first indicator before indicators[k] of the same name, if any.
  static const ast::Indicator* earlier_named(
      const std::vector<ast::Indicator>& indicators, std::size_t k,
      std::map<std::string_view, const ast::Indicator*>& seen) {
    // A project has about ten: comparing each with those before it is
    // quicker than building a map of them, a hundred thousand times over.
    constexpr std::size_t kFew = 64;
    const std::string_view name = indicators[k].name.text;
    if (indicators.size() <= kFew) {
      for (std::size_t j = 0; j < k; ++j) {
        if (indicators[j].name.text == name)
          return &indicators[j];
      }
      return nullptr;
    }
    const auto [it, inserted] = seen.emplace(name, &indicators[k]);
    return inserted ? nullptr : it->second;
  }

  // ---- category weights

  static std::string category_path(const ast::CategoryWeight& c) {
    return c.category2 ? c.category1.text + " / " + c.category2->text : c.category1.text;
  }

  static bool same_path(const ast::CategoryWeight& a, const ast::CategoryWeight& b) {
    return a.category1.text == b.category1.text &&
           a.category2.has_value() == b.category2.has_value() &&
           (!a.category2 || a.category2->text == b.category2->text);
  }

  // Whether `indicator` stands under the category `c`.
  static bool under(const ast::Indicator& indicator, const ast::CategoryWeight& c) {
    return indicator.category1.text == c.category1.text &&
           (!c.category2 || indicator.category2.text == c.category2->text);
  }

  bool no_duplicate_categories(const std::vector<ast::CategoryWeight>& categories) {
    bool ok = true;
    for (std::size_t i = 0; i < categories.size(); ++i) {
      for (std::size_t k = 0; k < i; ++k) {
        if (same_path(categories[i], categories[k])) {
          clash("duplicate-category", categories[i].range, {category_path(categories[i])},
                categories[k].range);
          ok = false;
          break;
        }
      }
    }
    return ok;
  }

  // The category weights that apply to `project`: those of its policy and
  // the policies it extends, then its own; a nearer one replaces one of the
  // same path.
  std::vector<const ast::CategoryWeight*> category_weights(const ast::Project& project,
                                                           const ast::Policy* policy) const {
    std::vector<const ast::CategoryWeight*> out;
    const auto add = [&](const std::vector<ast::CategoryWeight>& categories) {
      for (const auto& c : categories) {
        const auto same = std::find_if(out.begin(), out.end(),
                                       [&](const auto* seen) { return same_path(*seen, c); });
        if (same != out.end()) {
          *same = &c;
        } else {
          out.push_back(&c);
        }
      }
    };
    const auto links = chain(policy);
    for (auto it = links.rbegin(); it != links.rend(); ++it) {
      add((*it)->categories);
    }
    add(project.categories);
    return out;
  }

  // Each declared category's indicators add up to its weight, and the 二级
  // categories declared under a declared 一级 one add up to the 一级's.
  // Problems are reported at the declaration, naming the project.
  bool check_categories(const ast::Project& project, const std::vector<ast::Indicator>& indicators,
                        const std::vector<const ast::CategoryWeight*>& declared) {
    bool ok = true;
    for (const ast::CategoryWeight* c : declared) {
      Rational sum;
      bool any = false;
      for (const auto& indicator : indicators) {
        if (under(indicator, *c)) {
          sum += indicator.weight;
          any = true;
        }
      }
      if (!any) {
        sink_.error("category-without-indicators", c->range,
                    {project.name.text, category_path(*c), c->weight.to_string()});
        ok = false;
      } else if (sum != c->weight) {
        sink_.error("category-weights-do-not-add-up", c->range,
                    {project.name.text, category_path(*c), c->weight.to_string(), sum.to_string()});
        ok = false;
      }
    }
    for (const ast::CategoryWeight* top : declared) {
      if (top->category2) {
        continue;
      }
      Rational sum;
      std::vector<std::string> parts;
      for (const ast::CategoryWeight* part : declared) {
        if (part->category2 && part->category1.text == top->category1.text) {
          sum += part->weight;
          parts.push_back(part->category2->text + " " + part->weight.to_string());
        }
      }
      if (!parts.empty() && sum != top->weight) {
        sink_.error("category-parts-do-not-add-up", top->range,
                    {project.name.text, top->category1.text, top->weight.to_string(),
                     sum.to_string(), join(parts, ", "), join(parts, "、")});
        ok = false;
      }
    }
    return ok;
  }

  bool check_indicator_method(const ast::Indicator& indicator, const ast::Policy* policy,
                              FileId from) {
    const ast::Method* found = resolve_method(indicator.method.text, policy, from);
    if (!found) {
      const auto outside = rules_.find_method(indicator.method.text, from);
      if (outside.ambiguous[0]) {
        ambiguous("ambiguous-method", indicator.method, outside.ambiguous[0]->name.range,
                  outside.ambiguous[1]->name.range);
        return false;
      }
      std::vector<std::string> candidates = keys(rules_.methods);
      if (policy) {
        for (const auto& m : policy->methods) {
          candidates.push_back(m.name.text);
        }
      }
      unknown("unknown-method", indicator.method, candidates);
      return false;
    }
    const ast::Method& method = *found;
    if (std::holds_alternative<Word>(indicator.target.value)) {
      const auto links = chain(policy);
      const bool has_grades =
          !method.grades.empty() ||
          std::any_of(links.begin(), links.end(), [](const auto* p) { return !p->grades.empty(); });
      if (!has_grades) {
        sink_.error("qualitative-target-without-grades", indicator.target.range,
                    {std::string(indicator.name.text), std::string(indicator.target.text),
                     method.name.text});
        return false;
      }
    }
    return !broken_methods_.contains(&method);
  }

  // `name` is an ast::Name or an indicator's ast::NameView.
  template <typename AnyName>
  void unknown(const std::string& code, const AnyName& name,
               const std::vector<std::string>& candidates) {
    if (auto suggestion = closest_name(name.text, candidates)) {
      sink_.error(code + "-suggest", name.range, {std::string(name.text), *suggestion});
    } else {
      sink_.error(code, name.range, {std::string(name.text), join(candidates, ", ")});
    }
  }

  // Checks names and calls in a formula; `kind` is nullopt for constants.
  bool check_expr(const ast::Expr& expr, std::optional<FormulaKind> kind) {
    return std::visit([&](const auto& node) { return check_node(node, expr.range, kind); },
                      expr.node);
  }

  bool check_node(const ast::NumberLit&, SourceRange, std::optional<FormulaKind>) { return true; }
  bool check_node(const ast::BoolLit&, SourceRange, std::optional<FormulaKind>) { return true; }

  bool check_node(const ast::VarRef& ref, SourceRange range, std::optional<FormulaKind> kind) {
    const auto variable = find_variable(ref.name);
    if (!kind) {
      sink_.error("grade-share-not-constant", range, {ref.name});
      return false;
    }
    if (!variable || !variable_defined_in(*variable, *kind)) {
      const auto names = variables_in(*kind);
      if (auto suggestion = closest_name(ref.name, names); suggestion && !variable) {
        sink_.error("unknown-variable-suggest", range,
                    {ref.name, std::string(formula_label(*kind)), *suggestion});
      } else {
        sink_.error("unknown-variable", range,
                    {ref.name, std::string(formula_label(*kind)), join(names, ", ")});
      }
      return false;
    }
    return !ref.row || check_row(ref, *variable, range);
  }

  // `executed[本级资金]`: only the three amounts have rows, and the total row
  // is the amount itself. Row names are not checked against a list: 本级资金,
  // 上级资金, 市级资金 and 县级资金 are one character apart and all real rows,
  // so a near miss is no sign of a slip; the table says which rows it has.
  bool check_row(const ast::VarRef& ref, Variable variable, SourceRange range) {
    if (variable != Variable::planned && variable != Variable::budget &&
        variable != Variable::executed) {
      sink_.error("row-index-not-amount", range, {ref.name, ref.row->text});
      return false;
    }
    const std::string key = row_label_key(ref.row->text);
    if (key.empty()) {
      sink_.error("empty-name", ref.row->range);
      return false;
    }
    if (is_total_row_key(key)) {
      sink_.error("row-index-total", ref.row->range, {ref.row->text, ref.name});
      return false;
    }
    return true;
  }

  bool check_node(const ast::Unary& unary, SourceRange, std::optional<FormulaKind> kind) {
    return check_expr(*unary.operand, kind);
  }

  bool check_node(const ast::Binary& binary, SourceRange, std::optional<FormulaKind> kind) {
    const bool lhs = check_expr(*binary.lhs, kind);
    const bool rhs = check_expr(*binary.rhs, kind);
    return lhs && rhs;
  }

  bool check_node(const ast::Conditional& c, SourceRange, std::optional<FormulaKind> kind) {
    const bool a = check_expr(*c.condition, kind);
    const bool b = check_expr(*c.then_branch, kind);
    const bool d = check_expr(*c.else_branch, kind);
    return a && b && d;
  }

  bool check_node(const ast::Call& call, SourceRange range, std::optional<FormulaKind> kind) {
    bool ok = true;
    for (const auto& arg : call.args) {
      ok &= check_expr(arg, kind);
    }
    const auto function = find_function(call.function.text);
    if (!function) {
      if (auto suggestion = closest_name(call.function.text, {"min", "max", "abs", "round"})) {
        sink_.error("unknown-function-suggest", call.function.range,
                    {call.function.text, *suggestion});
      } else {
        sink_.error("unknown-function", call.function.range, {call.function.text});
      }
      return false;
    }
    const std::size_t n = call.args.size();
    switch (*function) {
      case Function::min:
      case Function::max:
        if (n < 1) {
          sink_.error("wrong-argument-count", range, {call.function.text, "1+", std::to_string(n)});
          return false;
        }
        break;
      case Function::abs:
        if (n != 1) {
          sink_.error("wrong-argument-count", range, {call.function.text, "1", std::to_string(n)});
          return false;
        }
        break;
      case Function::round: {
        if (n != 2) {
          sink_.error("wrong-argument-count", range, {call.function.text, "2", std::to_string(n)});
          return false;
        }
        const auto* digits = std::get_if<ast::NumberLit>(&call.args[1].node);
        if (!digits || digits->percent || !digits->value.is_integer() || digits->value.sign() < 0 ||
            digits->value > Rational(18)) {
          sink_.error("round-digits", call.args[1].range);
          return false;
        }
        break;
      }
    }
    return ok;
  }

  // The policy and the ones it extends, nearest first; stops at an unknown
  // base or a cycle (both reported by check_policy).
  std::vector<const ast::Policy*> chain(const ast::Policy* policy) const {
    std::vector<const ast::Policy*> out;
    while (policy && std::find(out.begin(), out.end(), policy) == out.end()) {
      out.push_back(policy);
      policy = base_of(*policy);
    }
    return out;
  }

  // The policy `policy` extends, if it names one that can be found.
  const ast::Policy* base_of(const ast::Policy& policy) const {
    return policy.base ? rules_.find_policy(policy.base->text, policy.range.file).found : nullptr;
  }

  // The nearest policy of the chain that says `field`, if any.
  template <typename Field>
  const Field* inherited(const ast::Policy* policy,
                         std::optional<Field> ast::Policy::*field) const {
    for (const ast::Policy* p : chain(policy)) {
      if (p->*field) {
        return &*(p->*field);
      }
    }
    return nullptr;
  }

  // The policy's own method of that name (or a policy it extends), else the
  // one declared outside.
  const ast::Method* resolve_method(std::string_view name, const ast::Policy* policy,
                                    FileId from) const {
    // Asked for every indicator, twice, with a handful of different names:
    // the answer is remembered.
    const ResolveKey key{name, policy, from};
    if (const auto known = resolved_.find(key); known != resolved_.end()) {
      return known->second;
    }
    const ast::Method* found = nullptr;
    for (const ast::Policy* p : chain(policy)) {
      for (const auto& m : p->methods) {
        if (!found && m.name.text == name) {
          found = &m;
        }
      }
    }
    if (!found) {
      found = rules_.find_method(name, from).found;
    }
    resolved_.emplace(key, found);
    return found;
  }

  struct ResolveKey {
    std::string_view name;  // into the AST, which does not move while it is checked
    const ast::Policy* policy;
    FileId from;
    bool operator==(const ResolveKey&) const = default;
  };
  struct ResolveKeyHash {
    std::size_t operator()(const ResolveKey& k) const {
      return std::hash<std::string_view>{}(k.name) ^ (std::hash<const void*>{}(k.policy) << 1) ^
             (std::size_t{k.from} << 2);
    }
  };

  // Methods used by the indicators are collected as projects are checked.
  void warn_unused() {
    // Unused policies are not reported: a rules folder normally carries a
    // library of conventions that its projects may switch to.
    for (const auto& [name, method] : rules_.methods) {
      if (!used_methods_.contains(method)) {
        sink_.warning("unused-method", method->name.range, {name});
      }
    }
  }

  CheckedRules& rules_;
  DiagnosticSink& sink_;
  const CheckOptions& options_;
  std::set<const ast::Policy*> broken_policies_;
  std::set<const ast::Method*> broken_methods_;
  std::set<const ast::Method*> used_methods_;  // for warn_unused
  std::vector<ast::Indicator> unpacked_;       // the indicators of the project being checked
  mutable std::unordered_map<ResolveKey, const ast::Method*, ResolveKeyHash> resolved_;
};

}  // namespace

std::optional<Variable> find_variable(std::string_view name) {
  for (const auto& v : kVariables) {
    if (v.english == name || v.chinese == name) {
      return v.variable;
    }
  }
  return std::nullopt;
}

std::string_view variable_name(Variable variable) {
  for (const auto& v : kVariables) {
    if (v.variable == variable) {
      return v.english;
    }
  }
  return "?";
}

bool variable_defined_in(Variable v, FormulaKind kind) {
  using V = Variable;
  const bool indicator_inputs = v == V::weight || v == V::target || v == V::actual ||
                                v == V::graded || v == V::grade || v == V::lower_is_better ||
                                v == V::grade_low || v == V::grade_high || v == V::entered;
  const bool funds_inputs = v == V::weight || v == V::planned || v == V::budget || v == V::executed;
  switch (kind) {
    case FormulaKind::method_met:
    case FormulaKind::method_require:  // checked before met, rate and score are made
      return indicator_inputs;
    case FormulaKind::method_rate:
      return indicator_inputs || v == V::met;
    case FormulaKind::method_score:
      return indicator_inputs || v == V::met || v == V::rate;
    case FormulaKind::method_explain:
      return indicator_inputs || v == V::met || v == V::rate || v == V::score;
    case FormulaKind::funds_rate:
      return funds_inputs;
    case FormulaKind::funds_score:
      return funds_inputs || v == V::rate;
    case FormulaKind::funds_explain:
      return funds_inputs || v == V::rate || v == V::score;
    case FormulaKind::policy_total:
      return v == V::indicators || v == V::funds_score || v == V::funds_rate ||
             v == V::full_marks || v == V::applicable;
  }
  return false;
}

std::optional<Function> find_function(std::string_view name) {
  if (name == "min" || name == "最小") {
    return Function::min;
  }
  if (name == "max" || name == "最大") {
    return Function::max;
  }
  if (name == "abs" || name == "绝对值") {
    return Function::abs;
  }
  if (name == "round" || name == "舍入") {
    return Function::round;
  }
  return std::nullopt;
}

namespace {

// The closest of `candidates` (strings or views) to `name`. A rules folder
// may declare a hundred thousand project types, and every table that names
// none of them asks: candidates whose lengths alone rule them out are
// passed over, the rest are measured in buffers kept from one to the next,
// and a measurement stops once it cannot beat the best so far.
template <typename Candidates>
std::optional<std::string> closest_of(std::string_view name, const Candidates& candidates) {
  std::vector<char32_t> target;
  code_points(name, target);
  std::vector<char32_t> cp;
  std::vector<std::size_t> row;
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    code_points(candidate, cp);
    // Close enough to be a slip of the keyboard: at most a third of the
    // longer name differs, and never everything.
    const std::size_t longest = std::max(target.size(), cp.size());
    std::size_t limit = longest / 3;
    if (best) {
      limit = std::min(limit, best_distance - 1);
    }
    const std::size_t length_gap =
        target.size() > cp.size() ? target.size() - cp.size() : cp.size() - target.size();
    if (limit == 0 || length_gap > limit) {
      continue;
    }
    // Levenshtein distance, row by row; a row all above `limit` ends it.
    row.resize(cp.size() + 1);
    for (std::size_t j = 0; j <= cp.size(); ++j) {
      row[j] = j;
    }
    bool over = false;
    for (std::size_t i = 1; i <= target.size() && !over; ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      std::size_t smallest = row[0];
      for (std::size_t j = 1; j <= cp.size(); ++j) {
        const std::size_t above = row[j];
        row[j] =
            std::min({row[j] + 1, row[j - 1] + 1, diagonal + (target[i - 1] == cp[j - 1] ? 0 : 1)});
        diagonal = above;
        smallest = std::min(smallest, row[j]);
      }
      over = smallest > limit;
    }
    const std::size_t d = row[cp.size()];
    if (over || d == 0 || d > limit) {
      continue;
    }
    best = std::string(candidate);
    best_distance = d;
  }
  return best;
}

}  // namespace

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  return closest_of(name, candidates);
}

std::optional<std::string> closest_name(std::string_view name,
                                        std::span<const std::string_view> candidates) {
  return closest_of(name, candidates);
}

Lookup<ast::Policy> CheckedRules::find_policy(std::string_view name, FileId from) const {
  return look_up(*this, policies, name, from);
}

Lookup<ast::Method> CheckedRules::find_method(std::string_view name, FileId from) const {
  return look_up(*this, methods, name, from);
}

CheckedRules check_rules(std::vector<ast::RuleFile> files, DiagnosticSink& sink,
                         const CheckOptions& options) {
  CheckedRules rules;
  rules.files = std::move(files);
  // Which files each folder reaches through `use`, and through the uses of
  // the files it reaches.
  std::map<FileId, const ast::RuleFile*> by_id;
  for (const auto& file : rules.files) {
    rules.scope_of[file.file] = file.scope;
    by_id[file.file] = &file;
  }
  for (const auto& file : rules.files) {
    if (file.used_files.empty()) {
      continue;
    }
    std::set<FileId>& reached = rules.reach[file.scope];
    std::vector<FileId> todo = file.used_files;
    while (!todo.empty()) {
      const FileId next = todo.back();
      todo.pop_back();
      if (!reached.insert(next).second) {
        continue;
      }
      if (const auto it = by_id.find(next); it != by_id.end()) {
        todo.insert(todo.end(), it->second->used_files.begin(), it->second->used_files.end());
      }
    }
  }
  Checker(rules, sink, options).run();
  return rules;
}

}  // namespace perfeval
