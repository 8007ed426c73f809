#include "report_common.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace perfeval::report_detail {
namespace {

// The name of the figure a Difference is about, as the table heads it.
std::string_view field_name(std::string_view field, Words words, bool funds) {
  if (field == "rate") {
    return words[funds ? Term::execution_rate_in_text : Term::rate_in_text];
  }
  return words[field == "total" ? Term::total_in_text : Term::score_in_text];
}

}  // namespace

bool is_unit(const ProjectResult& project) {
  return project.kind == "unit";
}

FormWords form_words(const ProjectResult& project, Lang lang) {
  const Words words(lang);
  if (is_unit(project)) {
    return {.title = words[Term::unit_title],
            .name = words[Term::unit_name],
            .funds = words[Term::unit_funds],
            .funds_row = words[Term::unit_funds_row],
            .funds_weight = words[Term::unit_weight],
            .weight = words[Term::unit_weight],
            .target = words[Term::unit_target],
            .actual = words[Term::unit_actual],
            .kind = words[Term::kind_unit]};
  }
  return {.title = words[Term::project_title],
          .name = words[Term::project_name],
          .funds = words[Term::project_funds],
          .funds_row = words[Term::project_funds_row],
          .funds_weight = words[Term::project_funds_weight],
          .weight = words[Term::weight],
          .target = words[Term::target],
          .actual = words[Term::actual],
          .kind = words[Term::kind_project]};
}

std::string year_line(const ProjectResult& project, Lang lang) {
  if (!project.year) {
    return "";
  }
  return fmt::format(fmt::runtime(term_text(Term::year, lang)), *project.year);
}

std::string score_text(const ProjectResult& project, const Rational& score) {
  return score.to_fixed(project.score_digits);
}

std::string rate_text(const ProjectResult& project, const Rational& rate) {
  return percent(rate, project.rate_digits);
}

std::string amount_text(const Rational& amount) {
  return amount.to_fixed(2);
}

std::string total_text(const ProjectResult& project) {
  return project.total ? score_text(project, *project.total) : "—";
}

bool shows_figures(const IndicatorResult& indicator) {
  return indicator.scored && indicator.applicable;
}

std::string indicator_rate_cell(const ProjectResult& project, const IndicatorResult& indicator) {
  return shows_figures(indicator) ? rate_text(project, indicator.rate) : "—";
}

std::string indicator_score_cell(const ProjectResult& project, const IndicatorResult& indicator,
                                 Lang lang) {
  if (indicator.scored && !indicator.applicable) {
    return std::string(term_text(Term::not_applicable, lang));
  }
  return shows_figures(indicator) ? score_text(project, indicator.score_rounded) : "—";
}

bool is_flagged(const IndicatorResult& indicator) {
  return !indicator.scored || !indicator.differences.empty() || indicator.explanation_missing();
}

std::string_view explanation_status(const IndicatorResult& indicator, Lang lang) {
  const Words words(lang);
  if (!indicator.scored) {
    return "";
  }
  if (indicator.explanation_required) {
    return indicator.explanation_present ? words[Term::given] : words[Term::missing];
  }
  return indicator.explanation_present ? words[Term::unneeded] : "";
}

std::vector<std::string> difference_notes(const ProjectResult& project,
                                          const std::vector<Difference>& differences, Lang lang,
                                          bool funds) {
  const Words words(lang);
  std::vector<std::string> notes;
  for (const auto& d : differences) {
    const std::string computed =
        d.field == "rate" ? rate_text(project, d.computed) : score_text(project, d.computed);
    notes.push_back(fmt::format(fmt::runtime(words[Term::difference_note]),
                                field_name(d.field, words, funds), d.reported, computed));
  }
  return notes;
}

std::vector<std::string> audit_notes(const ProjectResult& project, const IndicatorResult& indicator,
                                     Lang lang) {
  if (!indicator.scored) {
    return {std::string(term_text(Term::not_scored_note, lang))};
  }
  std::vector<std::string> notes = difference_notes(project, indicator.differences, lang);
  if (indicator.explanation_missing()) {
    notes.emplace_back(term_text(Term::explanation_missing_note, lang));
  }
  return notes;
}

std::string labelled(std::string_view label, std::string_view value, Lang lang) {
  std::string out(label);
  out += term_text(Term::label_separator, lang);
  out += value;
  return out;
}

std::string join_notes(const std::vector<std::string>& notes, Lang lang) {
  std::string out;
  for (const auto& note : notes) {
    if (!out.empty()) {
      out += term_text(Term::list_separator, lang);
    }
    out += note;
  }
  return out;
}

std::string run_counts(const RunResults& results, Lang lang) {
  // As the JSON summary counts: a table is scored when every figure was.
  const auto scored =
      static_cast<std::size_t>(std::count_if(results.projects.begin(), results.projects.end(),
                                             [](const ProjectResult& p) { return p.complete; }));
  const std::size_t failed = results.data_files - scored;
  return fmt::format(fmt::runtime(term_text(Term::run_counts, lang)), results.data_files, scored,
                     failed);
}

bool has_reported_figures(const ProjectResult& project) {
  for (const auto& i : project.indicators) {
    if (i.reported.rate || i.reported.score) {
      return true;
    }
  }
  return false;
}

CategorySpans category_spans(const std::vector<IndicatorResult>& indicators) {
  CategorySpans spans;
  spans.category1.assign(indicators.size(), 0);
  spans.category2.assign(indicators.size(), 0);
  std::size_t start1 = 0;
  std::size_t start2 = 0;
  for (std::size_t row = 0; row < indicators.size(); ++row) {
    const bool same1 = row > 0 && indicators[row].category1 == indicators[row - 1].category1;
    // A 二级 cell never runs across a 一级 border, even when the names repeat.
    const bool same2 = same1 && indicators[row].category2 == indicators[row - 1].category2;
    if (!same1) {
      start1 = row;
    }
    if (!same2) {
      start2 = row;
    }
    ++spans.category1[start1];
    ++spans.category2[start2];
  }
  return spans;
}

std::vector<BandCount> band_counts(const RunResults& results) {
  std::vector<BandCount> counts;
  for (const auto& p : results.projects) {
    if (!p.band || !p.total) {
      continue;
    }
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const BandCount& c) { return c.band == *p.band; });
    if (it == counts.end()) {
      counts.push_back({*p.band, 1, *p.total});
    } else {
      ++it->count;
      it->best = std::max(it->best, *p.total);
    }
  }
  std::stable_sort(counts.begin(), counts.end(),
                   [](const BandCount& a, const BandCount& b) { return a.best > b.best; });
  return counts;
}

}  // namespace perfeval::report_detail
