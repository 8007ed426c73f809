#pragma once

// Helpers for tests that compile rule text and score data held in memory,
// the way a program linking perfeval would.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "perfeval/lang/checker.hpp"
#include "perfeval/lang/parser.hpp"
#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/program.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace perfeval::test {

struct Compiled {
  SourceManager sources;
  DiagnosticSink sink;
  CheckedRules rules;
  Program program;

  // Every diagnostic rendered in English, one per line.
  std::string messages() const {
    std::string out;
    for (const auto& d : sink.all()) {
      out += render(d, sources, Lang::en) + "\n";
    }
    return out;
  }
};

inline std::unique_ptr<Compiled> compile(const std::string& text,
                                         const std::string& name = "test.perf") {
  auto c = std::make_unique<Compiled>();
  RuleSet set = compile_rule_sources({c->sources.add(name, text)}, c->sources, c->sink);
  c->rules = std::move(set.rules);
  c->program = std::move(set.program);
  return c;
}

// A project's data with funds 10/10/10 and the given actual values.
inline ProjectData project_data(const std::string& project,
                                const std::vector<std::pair<std::string, std::string>>& actuals) {
  ProjectData data;
  data.file = "memory.json";
  data.project = project;
  data.funds.planned = Rational(10);
  data.funds.budget = Rational(10);
  data.funds.executed = Rational(10);
  for (const auto& [name, text] : actuals) {
    IndicatorData row;
    row.name = name;
    row.actual_text = text;
    row.actual = std::get<ParsedValue>(parse_value(text));
    data.indicators.push_back(std::move(row));
  }
  return data;
}

}  // namespace perfeval::test
