#include "perfeval/runtime/program.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <mutex>
#include <set>

namespace perfeval {
namespace {

std::optional<Formula> compile_optional(const std::optional<ast::Expr>& expr) {
  if (!expr) {
    return std::nullopt;
  }
  return Formula::compile(*expr);
}

// Grade shares (and the ends of bands) are constants; evaluate them once here.
bool compile_grades(const std::vector<ast::GradeDef>& defs, std::vector<Grade>& out,
                    DiagnosticSink& sink) {
  bool ok = true;
  for (const auto& def : defs) {
    try {
      const Number share = Formula::compile(def.share).evaluate_number(Bindings{});
      const Number low = def.low ? Formula::compile(*def.low).evaluate_number(Bindings{}) : share;
      if (low.value > share.value) {
        sink.error("grade-range-reversed",
                   {def.share.range.file, def.low->range.begin, def.share.range.end},
                   {def.word.text, show(low, true, Lang::en), show(share, true, Lang::en)});
        ok = false;
        continue;
      }
      out.push_back({def.word.text, share.value, low.value});
    } catch (const EvalError& e) {
      sink.error(e.code, e.range, e.args);
      ok = false;
    }
  }
  return ok;
}

}  // namespace

Rational CompiledPolicy::round_score(const Rational& score) const {
  switch (score_rounding) {
    case ast::Rounding::up:
      return score.round_ceiling(score_digits);
    case ast::Rounding::down:
      return score.round_floor(score_digits);
    case ast::Rounding::half_up:
      break;
  }
  return score.round_half_up(score_digits);
}

bool CompiledPolicy::explains(std::string_view explanation) const {
  if (explanation.empty()) {
    return false;
  }
  // ASCII spaces and the ideographic space U+3000 around the words.
  constexpr std::string_view kIdeographicSpace = "\u3000";
  // The usual explanation, words longer than any placeholder with nothing
  // to trim, needs no trimming and no search.
  if (explanation.size() > longest_placeholder &&
      !std::isspace(static_cast<unsigned char>(explanation.front())) &&
      !std::isspace(static_cast<unsigned char>(explanation.back())) &&
      !explanation.starts_with(kIdeographicSpace) && !explanation.ends_with(kIdeographicSpace)) {
    return true;
  }
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    while (!explanation.empty() && std::isspace(static_cast<unsigned char>(explanation.front()))) {
      explanation.remove_prefix(1);
      trimmed = true;
    }
    while (!explanation.empty() && std::isspace(static_cast<unsigned char>(explanation.back()))) {
      explanation.remove_suffix(1);
      trimmed = true;
    }
    if (explanation.starts_with(kIdeographicSpace)) {
      explanation.remove_prefix(kIdeographicSpace.size());
      trimmed = true;
    }
    if (explanation.ends_with(kIdeographicSpace)) {
      explanation.remove_suffix(kIdeographicSpace.size());
      trimmed = true;
    }
  }
  return !explanation.empty() &&
         std::find(placeholders.begin(), placeholders.end(), explanation) == placeholders.end();
}

struct Program::Opened {
  std::mutex mutex;
  // Null for a project type that turned out broken when compiled.
  std::unordered_map<const ast::Project*, std::unique_ptr<OpenedProject>> projects;
  std::size_t indicators = 0;  // of the project types kept
};

Program::Program() : opened_(std::make_unique<Opened>()) {}
Program::~Program() = default;
Program::Program(Program&&) noexcept = default;
Program& Program::operator=(Program&&) noexcept = default;

Program Program::compile(const CheckedRules& rules, DiagnosticSink& sink) {
  Program program;
  program.broken_ = rules.broken_projects;

  const auto compile_method = [&](const ast::Method& decl) -> const CompiledMethod* {
    if (!decl.rate || !decl.score) {
      return nullptr;  // the checker has reported it
    }
    CompiledMethod method{
        .name = decl.name.text,
        .met = compile_optional(decl.met),
        .rate = Formula::compile(*decl.rate),
        .score = Formula::compile(*decl.score),
        .explain_when = compile_optional(decl.explain_when),
        .requirements = {},
        .grades = {},
        .range = decl.range,
    };
    for (const auto& requirement : decl.requirements) {
      method.requirements.push_back(Formula::compile(requirement));
    }
    compile_grades(decl.grades, method.grades, sink);
    return &program.methods_.emplace_back(std::move(method));
  };

  // A policy that extends another starts as a copy of it; compiled on
  // demand so a base is ready before the policies that extend it.
  std::map<const ast::Policy*, const CompiledPolicy*> policies;
  std::set<const ast::Policy*> in_progress;
  std::function<const CompiledPolicy*(const ast::Policy&)> compile_policy =
      [&](const ast::Policy& decl) -> const CompiledPolicy* {
    if (const auto done = policies.find(&decl); done != policies.end()) {
      return done->second;
    }
    if (!in_progress.insert(&decl).second) {
      return nullptr;  // a cycle: the checker has reported it
    }
    CompiledPolicy policy;
    if (decl.base) {
      const ast::Policy* base = rules.find_policy(decl.base->text, decl.range.file).found;
      const CompiledPolicy* compiled = base ? compile_policy(*base) : nullptr;
      if (!compiled) {
        return policies[&decl] = nullptr;
      }
      policy = *compiled;
    } else if (!decl.funds) {
      return policies[&decl] = nullptr;  // the checker has reported it
    }
    policy.name = decl.name.text;
    policy.range = decl.range;
    if (decl.total) {
      policy.total = decl.total;
    }
    if (decl.score_digits) {
      policy.score_digits = *decl.score_digits;
      policy.score_rounding = decl.score_rounding;
    }
    policy.rate_digits = decl.rate_digits.value_or(policy.rate_digits);
    if (decl.explain_when) {
      policy.explain_when = Formula::compile(*decl.explain_when);
    }
    if (decl.total_formula) {
      policy.total_formula = Formula::compile(*decl.total_formula);
    }
    for (const auto& word : decl.skip_words) {
      policy.skip_words.push_back(word.text);
    }
    for (const auto& words : decl.placeholders) {
      for (const auto& word : words) {
        policy.placeholders.push_back(word.text);
        policy.longest_placeholder = std::max(policy.longest_placeholder, word.text.size());
      }
    }
    if (decl.funds) {
      if (!decl.funds->rate || !decl.funds->score) {
        return policies[&decl] = nullptr;
      }
      policy.funds = {decl.funds->weight, Formula::compile(*decl.funds->rate),
                      Formula::compile(*decl.funds->score),
                      compile_optional(decl.funds->explain_when)};
    }
    std::vector<Grade> own;
    compile_grades(decl.grades, own, sink);
    for (auto& grade : own) {
      const auto same = std::find_if(policy.grades.begin(), policy.grades.end(),
                                     [&](const Grade& g) { return g.word == grade.word; });
      if (same != policy.grades.end()) {
        *same = std::move(grade);
      } else {
        policy.grades.push_back(std::move(grade));
      }
    }
    for (const auto& category : decl.categories) {
      CategoryRule rule{category.category1.text,
                        category.category2 ? std::optional(category.category2->text) : std::nullopt,
                        category.weight, category.range};
      const auto same = std::find_if(
          policy.categories.begin(), policy.categories.end(), [&](const CategoryRule& c) {
            return c.category1 == rule.category1 && c.category2 == rule.category2;
          });
      if (same != policy.categories.end()) {
        *same = std::move(rule);
      } else {
        policy.categories.push_back(std::move(rule));
      }
    }
    if (!decl.bands.empty()) {
      policy.bands.clear();
      for (const auto& band : decl.bands) {
        policy.bands.push_back({band.label.text, band.threshold});
      }
    }
    for (const auto& method : decl.methods) {
      if (const CompiledMethod* compiled = compile_method(method)) {
        policy.methods[method.name.text] = compiled;
      }
    }
    return policies[&decl] = &program.policies_.emplace_back(std::move(policy));
  };
  for (const auto& [name, decl] : rules.policies) {
    compile_policy(*decl);
  }

  // Methods declared outside a policy; by name, the first of each (a name
  // declared in several folders means the one a project's folder finds).
  std::map<const ast::Method*, const CompiledMethod*> global_methods;
  for (const auto& [name, decl] : rules.methods) {
    if (const CompiledMethod* compiled = compile_method(*decl)) {
      global_methods.emplace(decl, compiled);
      program.global_methods_.emplace(name, compiled);
    }
  }
  // What a method name means in each folder: a lookup depends only on the
  // folder of the file it is written in.
  for (const auto& [file, scope] : rules.scope_of) {
    program.scope_of_.emplace(file, scope);
    if (program.scope_methods_.contains(scope))
      continue;
    auto& methods = program.scope_methods_[scope];
    for (const auto& [name, decl] : rules.methods) {
      const ast::Method* found = rules.find_method(name, file).found;
      const auto it = found ? global_methods.find(found) : global_methods.end();
      methods.emplace(name, it == global_methods.end() ? nullptr : it->second);
    }
  }

  // A project type's indicators share their grade lists: there are only as
  // many as pairs of method and policy, made here so that compiling a
  // project type later only reads them.
  for (const CompiledPolicy& policy : program.policies_) {
    const auto share = [&](const CompiledMethod* method) {
      auto& grades = program.grades_[{method, &policy}];
      if (method && !grades)
        grades = shared_indicator_grades(*method, policy);
    };
    for (const auto& [name, method] : policy.methods) share(method);
    for (const auto& [scope, methods] : program.scope_methods_) {
      for (const auto& [name, method] : methods) share(method);
    }
  }

  for (const auto& [name, decl] : rules.projects) {
    if (rules.broken_projects.contains(name)) {
      continue;
    }
    const ast::Policy* policy_decl = rules.find_policy(decl->policy.text, decl->range.file).found;
    const auto policy = policies.find(policy_decl);
    if (policy == policies.end() || !policy->second) {
      program.broken_.insert(name);
      continue;
    }
    program.declared_.push_back({decl->name.text, decl, policy->second});
  }
  return program;
}

CompiledIndicator Program::compile_indicator(const ast::Indicator& decl,
                                             const CompiledMethod& method,
                                             const CompiledPolicy& policy) {
  CompiledIndicator compiled{&decl, &method, nullptr, nullptr};
  compile_indicator(decl, method, policy, shared_indicator_grades(method, policy), compiled);
  return compiled;
}

std::shared_ptr<const std::vector<Grade>> Program::shared_indicator_grades(
    const CompiledMethod& method, const CompiledPolicy& policy) {
  return std::make_shared<const std::vector<Grade>>(indicator_grades(method, policy));
}

void Program::compile_indicator(const ast::Indicator& decl, const CompiledMethod& method,
                                const CompiledPolicy& policy,
                                std::shared_ptr<const std::vector<Grade>> grades,
                                CompiledIndicator& out) {
  out.decl = &decl;
  out.method = &method;
  out.grades = std::move(grades);
  out.explain_when = method.explain_when   ? &*method.explain_when
                     : policy.explain_when ? &*policy.explain_when
                                           : nullptr;
}

std::vector<std::string> Program::method_names(const CompiledPolicy& policy) const {
  std::vector<std::string> names;
  for (const auto& [name, method] : policy.methods) {
    names.push_back(name);
  }
  for (const auto& [name, method] : global_methods_) {
    if (!policy.methods.contains(name)) {
      names.push_back(name);
    }
  }
  return names;
}

std::vector<Grade> Program::indicator_grades(const CompiledMethod& method,
                                             const CompiledPolicy& policy) {
  std::vector<Grade> grades = method.grades;
  for (const auto& grade : policy.grades) {
    const bool overridden = std::any_of(grades.begin(), grades.end(),
                                        [&](const Grade& g) { return g.word == grade.word; });
    if (!overridden) {
      grades.push_back(grade);
    }
  }
  return grades;
}

CompiledIndicator Program::compile_indicator(const ast::Indicator& decl,
                                             const CompiledMethod& method,
                                             const CompiledPolicy& policy,
                                             std::shared_ptr<const std::vector<Grade>> grades) {
  CompiledIndicator compiled{&decl, &method, nullptr, nullptr};
  compile_indicator(decl, method, policy, std::move(grades), compiled);
  return compiled;
}

std::optional<std::size_t> CompiledProject::find_indicator(std::string_view name) const {
  const auto it = std::lower_bound(
      by_name.begin(), by_name.end(), name,
      [&](std::uint32_t i, std::string_view n) { return indicators[i].decl->name.text < n; });
  if (it == by_name.end() || indicators[*it].decl->name.text != name) {
    return std::nullopt;
  }
  return *it;
}

const CompiledPolicy* Program::find_policy(std::string_view name) const {
  const auto it = std::find_if(policies_.begin(), policies_.end(),
                               [&](const CompiledPolicy& p) { return p.name == name; });
  return it == policies_.end() ? nullptr : &*it;
}

const CompiledMethod* Program::find_method(std::string_view name,
                                           const CompiledPolicy* policy) const {
  if (policy) {
    if (const auto it = policy->methods.find(name); it != policy->methods.end()) {
      return it->second;
    }
  }
  const auto it = global_methods_.find(name);
  return it == global_methods_.end() ? nullptr : it->second;
}

const Program::Declared* Program::find_declared(std::string_view name) const {
  const auto it =
      std::lower_bound(declared_.begin(), declared_.end(), name,
                       [](const Declared& d, std::string_view n) { return d.name < n; });
  return it == declared_.end() || it->name != name ? nullptr : &*it;
}

bool Program::open(const Declared& declared, OpenedProject& into) const {
  const ast::Project& decl = *declared.decl;
  const CompiledPolicy& policy = *declared.policy;
  const std::vector<ast::Indicator>& indicators = ast::indicators_of(decl, into.indicators);
  CompiledProject& project = into.project;
  project.decl = &decl;
  project.policy = &policy;
  project.indicators.clear();
  project.by_name.clear();
  project.full_marks = policy.funds.weight;
  project.indicators.reserve(indicators.size());
  project.by_name.reserve(indicators.size());
  const auto scope = scope_of_.find(decl.range.file);
  const auto* outside = scope == scope_of_.end() ? nullptr : &scope_methods_.at(scope->second);
  for (const auto& indicator : indicators) {
    const CompiledMethod* method = nullptr;
    if (const auto own = policy.methods.find(indicator.method.text); own != policy.methods.end()) {
      method = own->second;
    } else if (outside) {
      const auto it = outside->find(indicator.method.text);
      method = it == outside->end() ? nullptr : it->second;
    }
    if (!method) {
      return false;
    }
    const auto shared = grades_.find({method, &policy});
    project.by_name.push_back(static_cast<std::uint32_t>(project.indicators.size()));
    compile_indicator(
        indicator, *method, policy,
        shared != grades_.end() ? shared->second : shared_indicator_grades(*method, policy),
        project.indicators.emplace_back());
    try {
      project.full_marks += indicator.weight;
    } catch (const ArithmeticError&) {
      return false;  // weights too large to add up cannot be scored
    }
  }
  // In the order written among equal names (the checker allows none), as a
  // stable sort would, without the buffer one takes.
  std::sort(project.by_name.begin(), project.by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
    const std::string_view x = project.indicators[a].decl->name.text;
    const std::string_view y = project.indicators[b].decl->name.text;
    return x < y || (x == y && a < b);
  });
  return true;
}

std::optional<const CompiledProject*> Program::keep(const Declared& declared, bool always) const {
  const std::lock_guard lock(opened_->mutex);
  if (const auto it = opened_->projects.find(declared.decl); it != opened_->projects.end()) {
    return it->second ? &it->second->project : nullptr;
  }
  const ast::Project& decl = *declared.decl;
  const std::size_t count = decl.packed.empty() ? decl.indicators.size() : decl.packed.size();
  if (!always && opened_->indicators + count > kKeptIndicators) {
    return std::nullopt;
  }
  auto project = std::make_unique<OpenedProject>();
  if (!open(declared, *project)) {
    project.reset();
  }
  opened_->indicators += count;
  auto& kept = opened_->projects[declared.decl];
  kept = std::move(project);
  return kept ? &kept->project : nullptr;
}

const CompiledProject* Program::find_project(std::string_view name) const {
  const Declared* declared = find_declared(name);
  return declared ? *keep(*declared, true) : nullptr;
}

const CompiledProject* Program::project_for_table(std::string_view name,
                                                  OpenedProject& scratch) const {
  const Declared* declared = find_declared(name);
  if (!declared) {
    return nullptr;
  }
  if (const auto kept = keep(*declared, false)) {
    return *kept;
  }
  return open(*declared, scratch) ? &scratch.project : nullptr;
}

const CompiledProject* Program::compile_project(std::string_view name, OpenedProject& into) const {
  const Declared* declared = find_declared(name);
  return declared && open(*declared, into) ? &into.project : nullptr;
}

bool Program::is_broken(std::string_view name) const {
  if (broken_.contains(name)) {
    return true;
  }
  const Declared* declared = find_declared(name);
  if (!declared) {
    return false;
  }
  {
    const std::lock_guard lock(opened_->mutex);
    if (const auto it = opened_->projects.find(declared->decl); it != opened_->projects.end()) {
      return !it->second;
    }
  }
  // Not kept: compiled again to tell (asked only when a table found none).
  OpenedProject trial;
  return !open(*declared, trial);
}

std::vector<std::string> Program::policy_names() const {
  std::vector<std::string> names;
  for (const auto& policy : policies_) {
    names.push_back(policy.name);
  }
  return names;
}

std::vector<std::string_view> Program::usable_project_names() const {
  std::vector<std::string_view> names;
  names.reserve(declared_.size());
  for (const auto& declared : declared_) {
    names.push_back(declared.name);
  }
  return names;
}

std::vector<std::string_view> Program::project_name_views() const {
  std::vector<std::string_view> names = usable_project_names();
  names.insert(names.end(), broken_.begin(), broken_.end());
  return names;
}

std::vector<std::string> Program::project_names() const {
  const std::vector<std::string_view> views = project_name_views();
  return {views.begin(), views.end()};
}

}  // namespace perfeval
