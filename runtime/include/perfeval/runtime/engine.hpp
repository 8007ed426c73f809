#pragma once

// Scoring: one project's data against its compiled project type.

#include <optional>
#include <string>
#include <vector>

#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/program.hpp"

namespace perfeval {

// A figure printed in the table that the rules do not give.
struct Difference {
  std::string field;     // "rate", "score", "total"
  std::string reported;  // as printed: "3.9"
  Rational computed;     // rounded as the policy shows it
  Rational difference;   // reported - computed
};

struct IndicatorResult {
  std::string category1;
  std::string category2;
  std::string name;
  Rational weight;
  std::string target;  // as written in the rule file
  std::string method;
  std::string actual;   // as written in the data file
  bool scored = false;  // false when an error stopped this indicator
  bool met = false;
  bool graded = false;
  Rational rate;           // unrounded
  Rational score;          // unrounded
  Rational score_rounded;  // as the policy rounds it; this is what adds up
  bool explanation_required = false;
  bool explanation_present = false;
  std::string explanation;
  Reported reported;
  std::vector<Difference> differences;
};

struct FundsResult {
  Rational weight;
  Rational planned;
  Rational budget;
  Rational executed;
  bool scored = false;
  Rational rate;
  Rational score;  // rounded as the policy rounds scores
  bool explanation_required = false;
  Reported reported;
  std::vector<Difference> differences;
};

struct ProjectResult {
  std::string file;
  std::string project;
  std::string kind;
  std::string policy;
  std::optional<int> year;
  std::string department;
  std::string implementer;
  int score_digits = 2;
  int rate_digits = 2;
  FundsResult funds;
  std::vector<IndicatorResult> indicators;
  Rational full_marks;    // the weights of the indicators and the funds added up
  bool complete = false;  // every figure was computed; otherwise total is absent
  std::optional<Rational> total;
  std::optional<std::string> band;
  std::optional<std::string> reported_total;
  std::optional<Difference> total_difference;

  std::size_t explanations_missing() const;
  std::size_t explanations_unneeded() const;  // given where no deviation exists
  std::size_t differences() const;
};

// Scores `data`. Problems (an unknown project type, a missing indicator, a
// unit that does not match, a formula that fails on these values) are
// reported to `sink` with the data file, project and indicator, and leave
// the result incomplete; nullopt when the project type is unknown.
std::optional<ProjectResult> score_project(const Program& program, const ProjectData& data,
                                           DiagnosticSink& sink);

}  // namespace perfeval
