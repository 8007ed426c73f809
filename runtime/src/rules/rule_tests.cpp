#include "perfeval/runtime/rule_tests.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/rule_set.hpp"
#include "perfeval/runtime/workbook_data.hpp"

namespace perfeval {
namespace {

using nlohmann::json;

std::string text_of(const json& j) {
  if (j.is_string()) {
    return j.get<std::string>();
  }
  if (j.is_boolean()) {
    return j.get<bool>() ? "true" : "false";
  }
  return j.dump();
}

// A percentage or a plain number, compared as exact values: "102%" equals
// "102.00%", "9.8" equals "9.80".
bool same_number(const std::string& expected, const Rational& actual, bool is_rate) {
  if (is_rate) {
    const auto parsed = parse_value(expected);
    const auto* v = std::get_if<ParsedValue>(&parsed);
    const auto* q = v ? std::get_if<Quantity>(&v->value) : nullptr;
    return q && q->unit == "%" && q->amount == actual;
  }
  try {
    const auto value = Rational::parse(expected);
    return value && *value == actual;
  } catch (const ArithmeticError&) {
    return false;
  }
}

class CaseRunner {
 public:
  CaseRunner(const Program& program, const std::filesystem::path& file, SourceManager& sources,
             RuleTestReport& report)
      : program_(program), file_(file), sources_(sources), report_(report) {}

  void run(const json& c, std::size_t index, const std::string& default_policy) {
    index_ = index;
    name_ = c.value("name", "");
    failures_before_ = report_.failures.size();
    if (c.contains("project")) {
      run_project(c);
    } else {
      run_indicator(c, c.value("policy", default_policy));
    }
    (report_.failures.size() == failures_before_ ? report_.passed : report_.failed) += 1;
  }

 private:
  void fail(std::string field, std::string expected, std::string actual) {
    report_.failures.push_back(
        {file_.string(), index_, name_, std::move(field), std::move(expected), std::move(actual)});
  }

  void fail_with(const DiagnosticSink& sink) {
    for (const auto& d : sink.all()) {
      fail("error", "", message_text(d, Lang::en));
    }
  }

  void run_indicator(const json& c, const std::string& policy_name) {
    const CompiledPolicy* policy = program_.find_policy(policy_name);
    const CompiledMethod* method = program_.find_method(c.value("method", ""), policy);
    if (!policy || !method) {
      fail("error", "",
           !policy ? "no policy '" + policy_name + "' in the rules"
                   : "no method '" + c.value("method", "") + "' in the rules");
      return;
    }
    const auto target = parse_value(text_of(c.value("target", json(""))));
    const auto actual = parse_value(text_of(c.value("actual", json(""))));
    const auto weight = Rational::parse(text_of(c.value("weight", json("10"))));
    if (std::holds_alternative<ValueError>(target) || std::holds_alternative<ValueError>(actual) ||
        !weight) {
      fail("error", "", "the case's weight, target or actual value cannot be read");
      return;
    }
    // A one-indicator project type made up for this case.
    // Its texts are kept here, as the indicator only views them.
    const std::string indicator_name = name_.empty() ? "case" : name_;
    const std::string target_text = text_of(c.value("target", json("")));
    ast::Indicator decl;
    decl.name.text = indicator_name;
    decl.method.text = method->name;
    decl.weight = *weight;
    decl.target.op = std::get<ParsedValue>(target).op;
    decl.target.value = std::get<ParsedValue>(target).value;
    decl.target.text = target_text;
    ast::Project project_decl;
    project_decl.name.text = "test";
    CompiledProject project{&project_decl, policy, {}, {}, Rational()};  // full marks unused here
    const CompiledIndicator indicator = Program::compile_indicator(decl, *method, *policy);

    ProjectData data;
    data.file = file_.string();
    data.project = "test";
    IndicatorData input;
    input.name = decl.name.text;
    input.actual_text = text_of(c.value("actual", json("")));
    input.actual = std::get<ParsedValue>(actual);
    input.explanation = c.value("explanation", "");
    if (c.contains("entered")) {
      input.reported.score = text_of(c["entered"]);
    }
    IndicatorResult result;
    result.explanation_present = policy->explains(input.explanation);
    DiagnosticSink sink;
    score_indicator(project, indicator, input, data, result, sink, {});
    const json expect = c.value("expect", json::object());
    if (expect.contains("error")) {
      expect_error(text_of(expect["error"]), sink,
                   result.scored ? "no error; the indicator scored " +
                                       result.score_rounded.to_fixed(policy->score_digits)
                                 : "");
      return;
    }
    if (!result.scored) {
      fail_with(sink);
      return;
    }
    if (expect.contains("rate") &&
        !same_number(text_of(expect["rate"]), result.rate.round_half_up(policy->rate_digits + 2),
                     true)) {
      fail("rate", text_of(expect["rate"]), percent(result.rate, policy->rate_digits));
    }
    if (expect.contains("score") &&
        !same_number(text_of(expect["score"]), result.score_rounded, false)) {
      fail("score", text_of(expect["score"]), result.score_rounded.to_fixed(policy->score_digits));
    }
    check_bool(expect, "met", result.met);
    check_bool(expect, "explain", result.explanation_required);
    check_bool(expect, "explained", result.explanation_present);
  }

  // The case expects an error that contains `text` in English or Chinese
  // (the message, or the rule it points at, as `perfeval` prints it).
  // `scored` says what happened instead when nothing failed ("" if something did).
  void expect_error(const std::string& text, const DiagnosticSink& sink,
                    const std::string& scored) {
    if (!scored.empty()) {
      fail("error", text, scored);
      return;
    }
    for (const auto& d : sink.all()) {
      for (const Lang lang : {Lang::en, Lang::zh}) {
        const std::string shown = d.range ? render(d, sources_, lang) : message_text(d, lang);
        if (shown.find(text) != std::string::npos) {
          return;
        }
      }
    }
    fail("error", text,
         sink.all().empty() ? "no error" : message_text(sink.all().front(), Lang::en));
  }

  void check_bool(const json& expect, const char* field, bool actual) {
    if (expect.contains(field) && expect[field] != json(actual)) {
      fail(field, text_of(expect[field]), actual ? "true" : "false");
    }
  }

  // The tables of a data file as scoring reads them: a .json file is one,
  // a .jsonl file one a non-blank line, an .xlsx workbook one a sheet.
  std::vector<std::optional<ProjectData>> read_tables(const std::filesystem::path& path,
                                                      DiagnosticSink& sink) {
    std::vector<std::optional<ProjectData>> tables;
    if (is_workbook(path)) {
      const auto bytes = read_file_text(path, sink, 64 << 20);
      if (!bytes) {
        return tables;
      }
      for (SheetTable& sheet : load_workbook_tables(*bytes, path.string())) {
        for (Diagnostic& d : sheet.diagnostics) {
          sink.report(std::move(d));
        }
        tables.push_back(std::move(sheet.data));
      }
      return tables;
    }
    const auto id = read_source(path, sources_, sink, 64 << 20);
    if (!id) {
      return tables;
    }
    if (path.extension() != ".jsonl") {
      tables.push_back(load_project_data(*id, sources_, sink));
      return tables;
    }
    const std::string text(sources_.get(*id).text());
    std::size_t start = 0;
    for (std::uint32_t line = 1; start < text.size(); ++line) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view row = std::string_view(text).substr(start, end - start);
      if (row.find_first_not_of(" \t\r") != std::string_view::npos) {
        const std::string label = path.string() + ":" + std::to_string(line);
        tables.push_back(
            load_project_data(sources_.add(label, std::string(row)), sources_, sink, label));
      }
      start = end + 1;
    }
    return tables;
  }

  void run_project(const json& c) {
    const std::filesystem::path data_path = file_.parent_path() / c.value("data", "");
    DiagnosticSink sink;
    std::vector<std::optional<ProjectData>> tables = read_tables(data_path, sink);
    // A file of several tables: the case's "project" says which.
    if (tables.size() > 1 && c.contains("project")) {
      const std::string project = text_of(c["project"]);
      std::erase_if(tables, [&](const auto& t) { return t && t->project != project; });
    }
    if (tables.size() > 1) {
      fail("data", "one table (name it with \"project\")",
           std::to_string(tables.size()) + " tables in " + data_path.string());
      return;
    }
    const std::optional<ProjectData> data =
        tables.empty() ? std::nullopt : std::move(tables.front());
    const auto result = data ? score_project(program_, *data, sink) : std::nullopt;
    const json expect = c.value("expect", json::object());
    if (expect.contains("error")) {
      expect_error(text_of(expect["error"]), sink,
                   result && result->total ? "no error; the project totals " +
                                                 result->total->to_fixed(result->score_digits)
                                           : "");
      return;
    }
    if (!result || !result->total) {
      fail_with(sink);
      if (sink.all().empty()) {
        fail("error", "", "the project was not scored");
      }
      return;
    }
    if (expect.contains("total") && !same_number(text_of(expect["total"]), *result->total, false)) {
      fail("total", text_of(expect["total"]), result->total->to_fixed(result->score_digits));
    }
    if (expect.contains("band") && text_of(expect["band"]) != result->band.value_or("")) {
      fail("band", text_of(expect["band"]), result->band.value_or(""));
    }
  }

  const Program& program_;
  const std::filesystem::path& file_;
  SourceManager& sources_;
  RuleTestReport& report_;
  std::size_t index_ = 0;
  std::string name_;
  std::size_t failures_before_ = 0;
};

}  // namespace

RuleTestReport run_rule_tests(const Program& program, const std::filesystem::path& path,
                              SourceManager& sources, DiagnosticSink& sink) {
  RuleTestReport report;
  for (const auto& file : find_files(path, ".json", sink)) {
    // In a folder only *.test.json are tests; the rest is their data.
    if (file != path && !file.filename().string().ends_with(".test.json")) {
      continue;
    }
    const auto id = read_source(file, sources, sink, 16 << 20);
    if (!id) {
      ++report.failed;
      continue;
    }
    json doc;
    try {
      doc = json::parse(sources.get(*id).text());
    } catch (const json::exception& e) {
      sink.report({Severity::error, "data-bad-json", std::nullopt, file.string(), {e.what()}, {}});
      ++report.failed;
      continue;
    }
    if (!doc.is_object() || !doc.contains("cases") || !doc["cases"].is_array()) {
      sink.report({Severity::error,
                   "data-missing-field",
                   std::nullopt,
                   file.string(),
                   {"(test file)", "cases"},
                   {}});
      ++report.failed;
      continue;
    }
    CaseRunner runner(program, file, sources, report);
    const std::string policy = doc.value("policy", "");
    std::size_t index = 0;
    for (const auto& c : doc["cases"]) {
      runner.run(c, ++index, policy);
    }
  }
  return report;
}

}  // namespace perfeval
