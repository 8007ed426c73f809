// A table's own indicator rows compiled against its policy, with the checks
// the checker makes of a declared project type where they apply.

#include "perfeval/runtime/carried_table.hpp"

#include <algorithm>

#include "perfeval/lang/checker.hpp"
#include "perfeval/values/row_label.hpp"

namespace perfeval {
namespace {

// Words for a table's fields, shown by {n:word} in the reader's language.
constexpr const char* kWeightField = "table-field-weight";
constexpr const char* kTargetField = "table-field-target";
constexpr const char* kMethodField = "table-field-method";
constexpr const char* kCategory1Field = "table-field-category1";
constexpr const char* kCategory2Field = "table-field-category2";

void report(DiagnosticSink& sink, Severity severity, std::string place, std::string code,
            std::vector<std::string> args, std::optional<Cause> cause = std::nullopt) {
  sink.report({severity,
               std::move(code),
               std::nullopt,
               std::move(place),
               std::move(args),
               {},
               std::move(cause)});
}

void error(DiagnosticSink& sink, std::string place, std::string code, std::vector<std::string> args,
           std::optional<Cause> cause = std::nullopt) {
  report(sink, Severity::error, std::move(place), std::move(code), std::move(args),
         std::move(cause));
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

bool under(const ast::Indicator& indicator, const CategoryRule& c) {
  return indicator.category1.text == c.category1 &&
         (!c.category2 || indicator.category2.text == *c.category2);
}

std::string category_path(const CategoryRule& c) {
  return c.category2 ? c.category1 + " / " + *c.category2 : c.category1;
}

}  // namespace

std::optional<Rational> read_table_weight(std::string_view text) {
  text = trim(text);
  if (text.ends_with("分")) {
    text = trim(text.substr(0, text.size() - std::string_view("分").size()));
  }
  try {
    return Rational::parse(text);
  } catch (const ArithmeticError&) {
    return std::nullopt;  // too many digits to hold exactly
  }
}

const CompiledProject* CarriedTable::compile(const Program& program, const ProjectData& data,
                                             std::string_view policy_name, DiagnosticSink& sink) {
  if (policy_name.empty()) {
    error(sink, data.file, "data-table-no-policy", {data.project});
    return nullptr;
  }
  const CompiledPolicy* policy = program.find_policy(policy_name);
  if (!policy) {
    const std::vector<std::string> names = program.policy_names();
    if (auto suggestion = closest_name(policy_name, names)) {
      error(sink, data.file, "data-table-unknown-policy-suggest",
            {data.project, std::string(policy_name), *suggestion});
    } else {
      std::string known;
      for (const auto& name : names) {
        known += (known.empty() ? "" : ", ") + name;
      }
      error(sink, data.file, "data-table-unknown-policy",
            {data.project, std::string(policy_name), known});
    }
    return nullptr;
  }

  // Rows beyond this table's are set aside, not destroyed, so that their
  // grade lists keep their storage for a longer table later.
  const std::size_t count = data.indicators.size();
  if (indicators_.size() < count) {
    indicators_.resize(count);
    texts_.resize(count);
  }
  std::vector<CompiledIndicator>& compiled = project_.indicators;
  while (compiled.size() > count) {
    spare_.push_back(std::move(compiled.back()));
    compiled.pop_back();
  }
  while (compiled.size() < count) {
    if (spare_.empty()) {
      compiled.emplace_back();
    } else {
      compiled.push_back(std::move(spare_.back()));
      spare_.pop_back();
    }
  }

  bool ok = true;
  for (std::size_t k = 0; k < count; ++k) {
    ok &= compile_row(program, *policy, data, data.indicators[k], k, sink);
  }
  ok &= unique_names(data, sink);
  if (!ok || !check_weights(*policy, data, sink)) {
    return nullptr;
  }
  decl_.name.text.assign(data.project);
  decl_.policy.text.assign(policy->name);
  project_.decl = &decl_;
  project_.policy = policy;
  // The rows are the indicators, in their order; the index finds one by name.
  project_.by_name.resize(count);
  for (std::size_t k = 0; k < count; ++k) {
    project_.by_name[k] = static_cast<std::uint32_t>(k);
  }
  std::sort(
      project_.by_name.begin(), project_.by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
        return project_.indicators[a].decl->name.text < project_.indicators[b].decl->name.text;
      });
  return &project_;
}

bool CarriedTable::compile_row(const Program& program, const CompiledPolicy& policy,
                               const ProjectData& data, const IndicatorData& row, std::size_t k,
                               DiagnosticSink& sink) {
  ast::Indicator& decl = indicators_[k];
  RowText& text = texts_[k];
  decl.name.text = text.name.assign(row.name);
  decl.category1.text = text.category1.assign(row.category1);
  decl.category2.text = text.category2.assign(row.category2);
  bool ok = true;

  if (row.weight.empty()) {
    error(sink, cell_place(data, row, TableField::weight), "data-table-missing-field",
          {data.project, row.name, kWeightField});
    ok = false;
  } else if (const auto weight = read_table_weight(row.weight); !weight) {
    error(sink, cell_place(data, row, TableField::weight), "data-table-bad-weight",
          {data.project, row.name, row.weight});
    ok = false;
  } else if (weight->sign() < 0) {
    error(sink, cell_place(data, row, TableField::weight), "data-table-negative-weight",
          {data.project, row.name, row.weight});
    ok = false;
  } else {
    decl.weight = *weight;
  }

  if (row.target.empty()) {
    error(sink, cell_place(data, row, TableField::target), "data-table-missing-field",
          {data.project, row.name, kTargetField});
    ok = false;
  } else if (parse_value_into(row.target, target_)) {
    decl.target.op = target_.op;
    decl.target.value = target_.value;
    decl.target.text = text.target.assign(row.target);
  } else {
    const auto parsed = parse_value(row.target);
    const auto* problem = std::get_if<ValueError>(&parsed);
    error(sink, cell_place(data, row, TableField::target), "data-table-bad-target",
          {data.project, row.name, row.target},
          problem ? std::optional(cause_of(*problem)) : std::nullopt);
    ok = false;
  }

  const std::string& method_name = row_method(row);
  const CompiledMethod* method =
      method_name.empty() ? nullptr : program.find_method(method_name, &policy);
  if (method_name.empty()) {
    error(sink, cell_place(data, row, TableField::method), "data-table-missing-field",
          {data.project, row.name, kMethodField});
    ok = false;
  } else if (!method) {
    const std::vector<std::string> names = program.method_names(policy);
    if (auto suggestion = closest_name(method_name, names)) {
      error(sink, cell_place(data, row, TableField::method), "data-table-unknown-method-suggest",
            {data.project, row.name, method_name, policy.name, *suggestion});
    } else {
      std::string known;
      for (const auto& name : names) {
        known += (known.empty() ? "" : "、") + name;
      }
      error(sink, cell_place(data, row, TableField::method), "data-table-unknown-method",
            {data.project, row.name, method_name, policy.name, known});
    }
    ok = false;
  } else {
    decl.method.text = text.method.assign(method_name);
  }
  if (ok) {
    Program::compile_indicator(decl, *method, policy, grades_for(*method, policy),
                               project_.indicators[k]);
  }
  return ok;
}

std::shared_ptr<const std::vector<Grade>> CarriedTable::grades_for(const CompiledMethod& method,
                                                                   const CompiledPolicy& policy) {
  for (const auto& known : grades_) {
    if (known.method == &method && known.policy == &policy) {
      return known.grades;
    }
  }
  grades_.push_back({&method, &policy, Program::shared_indicator_grades(method, policy)});
  return grades_.back().grades;
}

bool CarriedTable::unique_names(const ProjectData& data, DiagnosticSink& sink) {
  names_.clear();
  for (const auto& row : data.indicators) {
    names_.push_back(row.name);
  }
  std::sort(names_.begin(), names_.end());
  bool ok = true;
  for (std::size_t k = 1; k < names_.size(); ++k) {
    if (names_[k] == names_[k - 1] && (k < 2 || names_[k - 2] != names_[k])) {
      error(sink, data.file, "data-duplicate-indicator", {data.project, std::string(names_[k])});
      ok = false;
    }
  }
  return ok;
}

// As the checker checks a project type: every weight and the funds' add up
// to the policy's total, and each category the policy declares to its weight.
bool CarriedTable::check_weights(const CompiledPolicy& policy, const ProjectData& data,
                                 DiagnosticSink& sink) {
  const std::size_t count = data.indicators.size();
  bool ok = true;
  try {
    Rational weights;
    for (std::size_t k = 0; k < count; ++k) {
      weights += indicators_[k].weight;
    }
    project_.full_marks = weights + policy.funds.weight;
    if (policy.total && project_.full_marks != *policy.total) {
      error(sink, data.file, "data-table-weights-do-not-add-up",
            {data.project, weights.to_string(), policy.funds.weight.to_string(),
             project_.full_marks.to_string(), policy.total->to_string(), policy.name});
      ok = false;
    }
    for (const CategoryRule& c : policy.categories) {
      Rational sum;
      bool any = false;
      for (std::size_t k = 0; k < count; ++k) {
        if (under(indicators_[k], c)) {
          sum += indicators_[k].weight;
          any = true;
        }
      }
      if (!any) {
        error(sink, data.file, "data-table-category-without-indicators",
              {data.project, category_path(c), c.weight.to_string(), policy.name});
        ok = false;
      } else if (sum != c.weight) {
        error(sink, data.file, "data-table-category-weights-do-not-add-up",
              {data.project, category_path(c), c.weight.to_string(), sum.to_string(), policy.name});
        ok = false;
      }
    }
  } catch (const ArithmeticError& e) {
    error(sink, data.file, "data-table-weights-too-large", {data.project});
    ok = false;
  }
  return ok;
}

void report_table_differences(const ast::Indicator& declared, const ProjectData& data,
                              const IndicatorData& row, DiagnosticSink& sink) {
  const auto differs = [&](TableField field, const char* word, const std::string& table,
                           std::string_view rules) {
    report(sink, Severity::warning, cell_place(data, row, field), "data-table-differs",
           {data.project, row.name, word, table, std::string(rules)});
  };
  if (!row.weight.empty()) {
    const auto weight = read_table_weight(row.weight);
    if (!weight || *weight != declared.weight) {
      differs(TableField::weight, kWeightField, row.weight, declared.weight.to_string());
    }
  }
  if (!row.target.empty()) {
    const auto parsed = parse_value(row.target);
    const auto* target = std::get_if<ParsedValue>(&parsed);
    if (!target || target->op != declared.target.op || target->value != declared.target.value) {
      differs(TableField::target, kTargetField, row.target, declared.target.text);
    }
  }
  if (const std::string& method = row_method(row);
      !method.empty() && method != declared.method.text) {
    differs(TableField::method, kMethodField, method, declared.method.text);
  }
  // Categories as printed may be spread with spaces (产 出 指 标): compared
  // without white space.
  if (!row.category1.empty() &&
      row_label_key(row.category1) != row_label_key(declared.category1.text)) {
    differs(TableField::category1, kCategory1Field, row.category1, declared.category1.text);
  }
  if (!row.category2.empty() &&
      row_label_key(row.category2) != row_label_key(declared.category2.text)) {
    differs(TableField::category2, kCategory2Field, row.category2, declared.category2.text);
  }
}

}  // namespace perfeval
