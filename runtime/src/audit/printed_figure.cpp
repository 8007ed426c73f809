// Reading the figures a table printed: the one place that turns their text
// into numbers, so every use of a printed figure reads it the same way.

#include "perfeval/runtime/internal/audit.hpp"

namespace perfeval {
namespace {

PrintedFigure read(std::optional<Rational> value) {
  return value ? PrintedFigure{PrintedFigure::Reading::number, std::move(*value)}
               : PrintedFigure{PrintedFigure::Reading::not_a_number, {}};
}

PrintedFigure too_large() {
  return {PrintedFigure::Reading::too_large, {}};
}

// "/", "-" or "—" in a figure's cell: the table prints nothing there (a row
// not applicable, or a figure the form leaves out).
bool printed_nothing(const std::optional<std::string>& text) {
  if (!text) {
    return true;
  }
  // Most cells hold a figure: no trimming for those.
  if (!text->empty() && text->front() >= '0' && text->front() <= '9') {
    return false;
  }
  std::string_view cell = *text;
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) {
    cell.remove_prefix(1);
  }
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) {
    cell.remove_suffix(1);
  }
  return cell.empty() || cell == "/" || cell == "-" || cell == "—" || cell == "／" || cell == "－";
}

}  // namespace

PrintedFigure read_printed_number(const std::optional<std::string>& text) {
  if (printed_nothing(text)) {
    return {};
  }
  // Tables print totals as "99.80分".
  std::string_view number = *text;
  constexpr std::string_view kFen = "分";
  if (number.ends_with(kFen)) {
    number.remove_suffix(kFen.size());
  }
  try {
    return read(Rational::parse(number));
  } catch (const ArithmeticError&) {
    return too_large();
  }
}

PrintedFigure read_printed_rate(const std::optional<std::string>& text) {
  if (printed_nothing(text)) {
    return {};
  }
  try {
    // The usual "102.00%" is read directly; anything else goes through the
    // value reader, which also understands "=102%".
    const std::string_view rate = *text;
    if (rate.ends_with('%')) {
      if (auto value = Rational::parse_percent(rate.substr(0, rate.size() - 1))) {
        return read(std::move(value));
      }
    }
    // The rate column holds percentages: "99.84" without its % is 99.84%
    // (a cell whose % sign was lost), never 9984%.
    if (auto value = Rational::parse_percent(rate)) {
      return read(std::move(value));
    }
    const auto parsed = parse_value(rate);
    if (const auto* v = std::get_if<ParsedValue>(&parsed)) {
      if (const auto* q = std::get_if<Quantity>(&v->value); q && q->unit == "%") {
        return read(q->amount);
      }
    }
    return read(std::nullopt);
  } catch (const ArithmeticError&) {
    return too_large();
  }
}

void report_unreadable(const PrintedFigure& figure, const std::string& text,
                       const FigurePlace& place, const ProjectData& data, DiagnosticSink& sink) {
  using Reading = PrintedFigure::Reading;
  if (figure.reading != Reading::not_a_number && figure.reading != Reading::too_large) {
    return;
  }
  std::string code =
      figure.reading == Reading::too_large ? "data-reported-too-large" : "data-bad-reported";
  std::vector<std::string> args{data.project};
  switch (place.row) {
    case FigurePlace::Row::indicator:
      args.emplace_back(place.indicator);
      break;
    case FigurePlace::Row::funds:
      code += "-funds";
      break;
    case FigurePlace::Row::total:
      code += "-total";
      break;
  }
  args.push_back(text);
  sink.report(
      Diagnostic{Severity::error, std::move(code), std::nullopt, data.file, std::move(args), {}});
}

}  // namespace perfeval
