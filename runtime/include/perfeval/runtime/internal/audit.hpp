#pragma once

// The audit stage: the figures a table printed (rates, scores, the total)
// set against the ones the rules give. The engine scores; this stage reads
// each printed figure once and records where the two differ, and whether
// the printed scores add up to the printed total.
//
// score_project() calls it after scoring, so a ProjectResult carries its
// differences as before; nothing here throws on what a table prints.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "perfeval/runtime/engine.hpp"

namespace perfeval {

// A figure printed in the table, as read.
struct PrintedFigure {
  enum class Reading : std::uint8_t {
    absent,        // nothing printed: no cell, an empty one, or "/", "-", "—"
    number,        // read: `value` holds it
    not_a_number,  // "七十二", "9.8.1"
    too_large,     // more digits than an exact number can hold
  };
  Reading reading = Reading::absent;
  Rational value;

  std::optional<Rational> number() const {
    return reading == Reading::number ? std::optional<Rational>(value) : std::nullopt;
  }
};

// A printed score or total ("99.80分", "9.8"); never throws.
PrintedFigure read_printed_number(const std::optional<std::string>& text);
// A printed rate ("102.00%", "=102%", or "102" that lost its %) as a
// fraction: 1.02; never throws.
PrintedFigure read_printed_rate(const std::optional<std::string>& text);

// Where in the table a printed figure stands, for the message that says it
// cannot be read: the renderer words it in the reader's language.
struct FigurePlace {
  enum class Row : std::uint8_t { indicator, funds, total };
  Row row;
  std::string_view indicator;  // the indicator's name, for Row::indicator
};

// Reports a printed figure that is there but cannot be read, with a code
// that says why (data-bad-reported*, data-reported-too-large*).
void report_unreadable(const PrintedFigure& figure, const std::string& text,
                       const FigurePlace& place, const ProjectData& data, DiagnosticSink& sink);

// A scored indicator's printed rate and score (the score already read, as
// `printed_score`) against the computed ones, into result.differences.
void audit_indicator(const Reported& printed, const PrintedFigure& printed_score, int rate_digits,
                     const ProjectData& data, IndicatorResult& result, DiagnosticSink& sink);

// The funds' printed rate and score against the computed ones; reads the
// printed score into result.reported_score_value.
void audit_funds(int rate_digits, const ProjectData& data, FundsResult& result,
                 DiagnosticSink& sink);

// The funds rows under the total against it, column by column: every row
// at most the total, and, when there are two rows or more (the whole
// breakdown: 上级资金/本级资金/其他资金, or 其中：当年财政拨款/上年结转资金/其他
// 资金), their sum equal to it. A cell left blank or marked "/", "-" or "—"
// leaves its column unchecked (result.rows_not_checked); text that is not an
// amount is an error (data-bad-funds-row).
void audit_funds_rows(const ProjectData& data, FundsResult& result, DiagnosticSink& sink);

// The printed total, read once: the printed scores' sum, whether they add
// up to it, and, when the total was computed, its difference from it.
void audit_total(const ProjectData& data, ProjectResult& result, DiagnosticSink& sink);

}  // namespace perfeval
