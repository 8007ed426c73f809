#include "perfeval/runtime/program.hpp"

#include <algorithm>

namespace perfeval {
namespace {

std::optional<Formula> compile_optional(const std::optional<ast::Expr>& expr) {
  if (!expr) {
    return std::nullopt;
  }
  return Formula::compile(*expr);
}

// Grade shares are constants; evaluate them once here.
bool compile_grades(const std::vector<ast::GradeDef>& defs, std::vector<Grade>& out,
                    DiagnosticSink& sink) {
  bool ok = true;
  for (const auto& def : defs) {
    try {
      const Number share = Formula::compile(def.share).evaluate_number(Bindings{});
      out.push_back({def.word.text, share.value});
    } catch (const EvalError& e) {
      sink.error(e.code, e.range, e.args);
      ok = false;
    }
  }
  return ok;
}

}  // namespace

Program Program::compile(const CheckedRules& rules, DiagnosticSink& sink) {
  Program program;
  program.broken_ = rules.broken_projects;

  std::map<std::string, const CompiledPolicy*, std::less<>> policies;
  for (const auto& [name, decl] : rules.policies) {
    if (!decl->funds || !decl->funds->rate || !decl->funds->score) {
      continue;  // the checker has reported it
    }
    CompiledPolicy policy{
        .name = name,
        .total = decl->total,
        .score_digits = decl->score_digits.value_or(2),
        .rate_digits = decl->rate_digits.value_or(2),
        .explain_when = compile_optional(decl->explain_when),
        .funds = {decl->funds->weight, Formula::compile(*decl->funds->rate),
                  Formula::compile(*decl->funds->score),
                  compile_optional(decl->funds->explain_when)},
        .grades = {},
        .bands = {},
        .range = decl->range,
    };
    compile_grades(decl->grades, policy.grades, sink);
    for (const auto& band : decl->bands) {
      policy.bands.push_back({band.label.text, band.threshold});
    }
    policies[name] = &program.policies_.emplace_back(std::move(policy));
  }

  std::map<std::string, const CompiledMethod*, std::less<>> methods;
  for (const auto& [name, decl] : rules.methods) {
    if (!decl->rate || !decl->score) {
      continue;
    }
    CompiledMethod method{
        .name = name,
        .met = compile_optional(decl->met),
        .rate = Formula::compile(*decl->rate),
        .score = Formula::compile(*decl->score),
        .explain_when = compile_optional(decl->explain_when),
        .grades = {},
        .range = decl->range,
    };
    compile_grades(decl->grades, method.grades, sink);
    methods[name] = &program.methods_.emplace_back(std::move(method));
  }

  for (const auto& [name, decl] : rules.projects) {
    if (rules.broken_projects.contains(name)) {
      continue;
    }
    const auto policy = policies.find(decl->policy.text);
    if (policy == policies.end()) {
      program.broken_.insert(name);
      continue;
    }
    CompiledProject project{decl, policy->second, {}, {}};
    bool ok = true;
    for (const auto& indicator : decl->indicators) {
      const auto method = methods.find(indicator.method.text);
      if (method == methods.end()) {
        ok = false;
        break;
      }
      CompiledIndicator compiled{&indicator, method->second, method->second->grades, nullptr};
      for (const auto& grade : policy->second->grades) {
        const bool overridden = std::any_of(compiled.grades.begin(), compiled.grades.end(),
                                            [&](const Grade& g) { return g.word == grade.word; });
        if (!overridden) {
          compiled.grades.push_back(grade);
        }
      }
      compiled.explain_when = method->second->explain_when   ? &*method->second->explain_when
                              : policy->second->explain_when ? &*policy->second->explain_when
                                                             : nullptr;
      project.index_by_name.emplace(indicator.name.text, project.indicators.size());
      project.indicators.push_back(std::move(compiled));
    }
    if (ok) {
      program.projects_.emplace(name, std::move(project));
    } else {
      program.broken_.insert(name);
    }
  }
  return program;
}

const CompiledProject* Program::find_project(std::string_view name) const {
  const auto it = projects_.find(name);
  return it == projects_.end() ? nullptr : &it->second;
}

std::vector<std::string> Program::project_names() const {
  std::vector<std::string> names;
  for (const auto& [name, project] : projects_) {
    names.push_back(name);
  }
  for (const auto& name : broken_) {
    names.push_back(name);
  }
  return names;
}

}  // namespace perfeval
