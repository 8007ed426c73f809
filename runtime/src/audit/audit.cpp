// Printed figures against computed ones: the differences a table's reader
// is shown, and whether the printed scores add up to the printed total.

#include "perfeval/runtime/internal/audit.hpp"

#include <algorithm>
#include <array>

#include "perfeval/values/internal/rational_units.hpp"

namespace perfeval {
namespace {

// A printed figure, already read, against the computed one as the policy
// rounds it: the difference, if there is one.
std::optional<Difference> compare(const std::optional<std::string>& text,
                                  const PrintedFigure& printed, const Rational& computed,
                                  std::string_view field, const FigurePlace& place,
                                  const ProjectData& data, DiagnosticSink& sink) {
  if (printed.reading != PrintedFigure::Reading::number) {
    if (text) {
      report_unreadable(printed, *text, place, data, sink);
    }
    return std::nullopt;
  }
  if (printed.value == computed) {
    return std::nullopt;
  }
  return Difference{std::string(field), *text, computed, printed.value - computed};
}

// A printed rate against the computed one as the policy shows rates
// (`rate_digits` decimals of a percentage), rounded only when there is a
// printed rate to compare it with.
std::optional<Difference> compare_rate(const std::optional<std::string>& text, const Rational& rate,
                                       int rate_digits, const FigurePlace& place,
                                       const ProjectData& data, DiagnosticSink& sink) {
  if (!text) {
    return std::nullopt;
  }
  // Most printed rates are written as the policy rounds them ("106.15%"):
  // compared as whole numbers of the last decimal, they need no fraction.
  const int digits = rate_digits + 2;
  if (std::string_view printed = *text; printed.ends_with('%')) {
    printed.remove_suffix(1);
    const auto units = parse_units(printed, digits, 2);
    if (units && units == rounded_units(rate, digits)) {
      return std::nullopt;
    }
  }
  return compare(text, read_printed_rate(text), rate.round_half_up(digits), "rate", place, data,
                 sink);
}

void add(std::vector<Difference>& out, std::optional<Difference> difference) {
  if (difference) {
    out.push_back(std::move(*difference));
  }
}

// The printed scores added up into result.reported_sum when every row that
// scores printed one; otherwise what can still be checked: the scores there
// are (reported_partial_sum) and the most the rows without one could add,
// their weights (unprinted_weight). A row that is not applicable scores
// nothing and needs no printed score.
void sum_printed_scores(ProjectResult& result) {
  result.reported_sum.reset();
  result.reported_partial_sum.reset();
  result.unprinted_weight = Rational();
  RationalSum sum;
  RationalSum unprinted;
  bool every_row = true;
  if (result.funds.reported_score_value) {
    sum += *result.funds.reported_score_value;
  } else {
    every_row = false;
    unprinted += result.funds.weight;
  }
  for (const auto& i : result.indicators) {
    if (i.entered) {
      sum += *i.entered;
    } else if (i.applicable) {
      every_row = false;
      unprinted += i.weight;
    }
  }
  (every_row ? result.reported_sum : result.reported_partial_sum) = sum.value();
  if (!every_row) {
    result.unprinted_weight = unprinted.value();
  }
}

}  // namespace

void audit_indicator(const Reported& printed, const PrintedFigure& printed_score, int rate_digits,
                     const ProjectData& data, IndicatorResult& result, DiagnosticSink& sink) {
  const FigurePlace place{FigurePlace::Row::indicator, result.name};
  add(result.differences, compare_rate(printed.rate, result.rate, rate_digits, place, data, sink));
  add(result.differences,
      compare(printed.score, printed_score, result.score_rounded, "score", place, data, sink));
}

void audit_funds(int rate_digits, const ProjectData& data, FundsResult& result,
                 DiagnosticSink& sink) {
  // Read whether or not the funds were scored: the printed scores' sum needs it.
  const PrintedFigure printed_score = read_printed_number(result.reported.score);
  result.reported_score_value = printed_score.number();
  if (!result.scored) {
    return;
  }
  const FigurePlace place{FigurePlace::Row::funds, {}};
  add(result.differences,
      compare_rate(result.reported.rate, result.rate, rate_digits, place, data, sink));
  add(result.differences,
      compare(result.reported.score, printed_score, result.score, "score", place, data, sink));
}

void audit_total(const ProjectData& data, ProjectResult& result, DiagnosticSink& sink) {
  const PrintedFigure printed_total = read_printed_number(result.reported_total);
  result.reported_total_value = printed_total.number();
  sum_printed_scores(result);
  result.total_difference.reset();
  if (result.complete && result.total) {
    result.total_difference = compare(result.reported_total, printed_total, *result.total, "total",
                                      {FigurePlace::Row::total, {}}, data, sink);
  }
}

void audit_funds_rows(const ProjectData& data, FundsResult& result, DiagnosticSink& sink) {
  // A row with no amount in any column (a printed 其他资金 of — — —, the
  // template's 其他资金 left blank) is a source the project does not have:
  // the other rows are the breakdown, and none of the sums goes unchecked
  // for it. Counted in place: scoring again allocates nothing.
  const auto given = [](const FundsSource& row) {
    return funds_cell_given(row.planned) || funds_cell_given(row.budget) ||
           funds_cell_given(row.executed);
  };
  const auto& rows = data.funds.sources;
  const auto given_rows = std::count_if(rows.begin(), rows.end(), given);
  if (given_rows == 0) {
    return;
  }
  struct Column {
    const char* name;
    std::string FundsSource::*cell;
    Rational total;
  };
  const std::array<Column, 3> columns{{{"planned", &FundsSource::planned, data.funds.planned},
                                       {"budget", &FundsSource::budget, data.funds.budget},
                                       {"executed", &FundsSource::executed, data.funds.executed}}};
  for (const Column& column : columns) {
    RationalSum sum;
    bool complete = true;
    for (const FundsSource& row : rows) {
      if (!given(row)) {
        continue;
      }
      const std::string& text = row.*column.cell;
      const FundsCell amount = read_funds_cell(text);
      if (!amount.given || !amount.value) {
        if (amount.given) {
          sink.report(Diagnostic{Severity::error,
                                 "data-bad-funds-row",
                                 std::nullopt,
                                 data.file,
                                 {data.project, row.name, text},
                                 {}});
        }
        complete = false;
        continue;
      }
      sum += *amount.value;
      // A part is never more than the whole, whatever else the block lists.
      if (*amount.value > column.total) {
        result.rows_findings.push_back({column.name, row.name, column.total, *amount.value});
      }
    }
    if (!complete) {
      result.rows_not_checked.emplace_back(column.name);
    } else if (given_rows > 1 && sum.value() != column.total) {
      // Two rows or more are the whole breakdown of the total.
      result.rows_findings.push_back({column.name, {}, column.total, sum.value()});
    }
  }
}

}  // namespace perfeval
