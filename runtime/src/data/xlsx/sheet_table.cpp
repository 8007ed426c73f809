// read_sheet_table: a worksheet laid out as a printed 自评表 into a
// ProjectData. The table is found by its headers' words: first the
// indicator header (a row with 三级指标 and 业绩值 or one of its synonyms),
// then above it the funds block (the row with 年初预算数), the goals
// (预期目标, 实际完成情况) and the header block (项目名称 or 单位名称, 主管部门,
// 实施单位, the year).

#include "perfeval/runtime/internal/sheet_table.hpp"

#include <fmt/format.h>

#include <map>

namespace perfeval::xlsx {
namespace {

std::string trimmed(std::string_view text) {
  // ASCII white space and the full-width space (U+3000) printed tables indent with.
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (true) {
    if (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                          text.front() == '\r')) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else if (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                                 text.back() == '\r')) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      return std::string(text);
    }
  }
}

// A cell left blank on purpose: "—", "-", "–".
bool is_dash(std::string_view text) {
  return text == "-" || text == "—" || text == "–" || text == "——" || text == "－";
}

std::optional<std::string> figure_or_none(std::string text) {
  if (text.empty() || is_dash(text)) {
    return std::nullopt;
  }
  return text;
}

class TableReader {
 public:
  TableReader(const Sheet& sheet, const std::string& label, DiagnosticSink& sink)
      : sheet_(sheet), label_(label), sink_(sink) {}

  // The row of the indicator header and its columns; false when the sheet
  // has none.
  bool find_indicator_header() {
    const auto row =
        first_row_with([](std::string_view cell) { return indicator_column(cell); },
                       [](const std::map<Column, std::uint32_t>& columns) {
                         return columns.contains(Column::name) && columns.contains(Column::actual);
                       },
                       sheet_.last_row(), columns_);
    header_row_ = row.value_or(0);
    return row.has_value();
  }

  std::optional<ProjectData> read() {
    ProjectData data;
    data.file = label_;
    data.places.sheet = label_;
    read_heading(data);
    read_funds(data);
    read_goals(data);
    read_indicators(data);
    if (!ok_) {
      return std::nullopt;
    }
    return data;
  }

 private:
  // The first row up to `last` whose cells' roles (by `role_of`) satisfy
  // `enough`, with those roles' columns (the leftmost cell of each role).
  template <typename RoleOf, typename Enough, typename Role>
  std::optional<std::uint32_t> first_row_with(RoleOf role_of, Enough enough, std::uint32_t last,
                                              std::map<Role, std::uint32_t>& columns) const {
    std::optional<std::uint32_t> found;
    std::uint32_t current = 0;
    std::map<Role, std::uint32_t> seen;
    sheet_.for_each_cell(1, last,
                         [&](std::uint32_t row, std::uint32_t col, const std::string& cell) {
                           if (found) {
                             return;
                           }
                           if (row != current) {
                             if (current != 0 && enough(seen)) {
                               found = current;
                               columns = std::move(seen);
                               return;
                             }
                             seen.clear();
                             current = row;
                           }
                           if (const auto role = role_of(cell)) {
                             seen.try_emplace(*role, col);
                           }
                         });
    if (!found && current != 0 && enough(seen)) {
      found = current;
      columns = std::move(seen);
    }
    return found;
  }

  std::string text(std::uint32_t row, std::uint32_t col) const {
    return trimmed(sheet_.text(row, col));
  }
  std::string place(std::uint32_t row, std::uint32_t col) const {
    return label_ + "!" + cell_name(row, col);
  }
  void error(std::string code, std::string where, std::vector<std::string> args,
             std::optional<Cause> cause = std::nullopt) {
    sink_.report({Severity::error,
                  std::move(code),
                  std::nullopt,
                  std::move(where),
                  std::move(args),
                  {},
                  std::move(cause)});
    ok_ = false;
  }
  std::optional<std::uint32_t> column(Column c) const {
    const auto it = columns_.find(c);
    return it == columns_.end() ? std::nullopt : std::optional(it->second);
  }
  std::string letters(Column c) const {
    const auto col = column(c);
    return col ? column_letters(*col) : std::string();
  }
  std::string text_in(std::uint32_t row, Column c) const {
    const auto col = column(c);
    return col ? text(row, *col) : std::string();
  }
  // The first non-empty cell right of the range that holds (row, col).
  std::string value_beside(std::uint32_t row, std::uint32_t col) const {
    const std::uint32_t after = sheet_.range_of(row, col).last.column;
    std::string value;
    sheet_.for_each_cell(row, row, [&](std::uint32_t, std::uint32_t c, const std::string& cell) {
      if (c > after && value.empty()) {
        value = trimmed(cell);
      }
    });
    return value;
  }
  // The row under the range that holds (row, col).
  std::uint32_t row_below(std::uint32_t row, std::uint32_t col) const {
    return sheet_.range_of(row, col).last.row + 1;
  }

  // 项目名称 or 单位名称, 主管部门, 实施单位 and the year, above the funds.
  void read_heading(ProjectData& data) {
    sheet_.for_each_cell(
        1, header_row_ - 1, [&](std::uint32_t row, std::uint32_t col, const std::string& raw) {
          const std::string cell = trimmed(raw);
          if (cell.find("单位整体支出绩效自评表") != std::string::npos ||
              header_key(cell).starts_with("unitoverallexpenditure")) {
            data.kind = "unit";
          }
          if (!data.year) {
            data.year = year_in(cell);
          }
          const auto l = label(cell);
          if (!l) {
            return;
          }
          if ((*l == Label::project_name || *l == Label::unit_name) && data.project.empty()) {
            data.project = value_beside(row, col);
            if (data.kind.empty()) {
              data.kind = *l == Label::unit_name ? "unit" : "project";
            }
          } else if (*l == Label::department && data.department.empty()) {
            data.department = value_beside(row, col);
          } else if (*l == Label::implementer && data.implementer.empty()) {
            data.implementer = value_beside(row, col);
          }
        });
    if (data.project.empty()) {
      error("xlsx-no-project-name", label_, {});
    }
    if (data.kind.empty()) {
      data.kind = "project";
    }
  }

  // "（2024年度）", "2024年度", "(Year 2024)".
  static std::optional<int> year_in(std::string_view cell) {
    for (std::size_t k = 0; k + 4 <= cell.size(); ++k) {
      const std::string_view four = cell.substr(k, 4);
      if (four.find_first_not_of("0123456789") != std::string_view::npos ||
          (k > 0 && cell[k - 1] >= '0' && cell[k - 1] <= '9')) {
        continue;
      }
      const std::string_view after = cell.substr(k + 4);
      if (after.starts_with("年度") || (k >= 5 && cell.substr(k - 5, 5) == "Year ")) {
        return std::stoi(std::string(four));
      }
    }
    return std::nullopt;
  }

  // The funds block: a header row with 年初预算数, then rows labelled in the
  // column before it, one of them the total (年度资金总额, 合计), the others
  // its 其中 rows.
  void read_funds(ProjectData& data) {
    std::map<FundsColumn, std::uint32_t> columns;
    const std::uint32_t header =
        first_row_with([](std::string_view cell) { return funds_column(trimmed(cell)); },
                       [](const std::map<FundsColumn, std::uint32_t>& seen) {
                         return seen.contains(FundsColumn::planned);
                       },
                       header_row_ - 1, columns)
            .value_or(0);
    for (const FundsColumn needed :
         {FundsColumn::planned, FundsColumn::budget, FundsColumn::executed}) {
      if (!columns.contains(needed)) {
        error("xlsx-no-funds", label_, {});
        return;
      }
    }
    const auto at = [&](std::uint32_t row, FundsColumn c) {
      const auto it = columns.find(c);
      return it == columns.end() ? std::string() : text(row, it->second);
    };
    const std::uint32_t planned_col = columns[FundsColumn::planned];
    const std::uint32_t label_col = planned_col == 0 ? 0 : planned_col - 1;
    std::optional<std::uint32_t> total_row;
    std::vector<std::uint32_t> source_rows;
    for (std::uint32_t row = row_below(header, planned_col); row < header_row_; ++row) {
      const std::string name = text(row, label_col);
      if (name.empty() && at(row, FundsColumn::planned).empty()) {
        break;
      }
      const auto l = label(name);
      // The goals block follows the funds: its 年度总体目标 label stands
      // where a funds row's name would, with 预期目标 under the amounts.
      const auto under_amounts = label(at(row, FundsColumn::planned));
      if (l == Label::goals_planned || l == Label::goals_achieved ||
          under_amounts == Label::goals_planned || under_amounts == Label::goals_achieved) {
        break;
      }
      if (!total_row && (l == Label::funds_total || l == Label::total)) {
        total_row = row;
      } else {
        source_rows.push_back(row);
      }
    }
    if (!total_row) {
      error("xlsx-no-funds-total", place(row_below(header, planned_col), label_col), {});
      return;
    }
    const auto amount = [&](FundsColumn c, const char* field) {
      const std::uint32_t col = columns[c];
      const std::string value = text(*total_row, col);
      try {
        if (auto parsed = Rational::parse(value)) {
          return *parsed;
        }
      } catch (const ArithmeticError&) {
        error("data-number-too-large", place(*total_row, col), {data.project, field, value});
        return Rational();
      }
      error("data-bad-amount", place(*total_row, col), {data.project, field, value});
      return Rational();
    };
    data.funds.planned = amount(FundsColumn::planned, "年初预算数");
    data.funds.budget = amount(FundsColumn::budget, "全年预算数");
    data.funds.executed = amount(FundsColumn::executed, "全年执行数");
    for (const std::uint32_t row : source_rows) {
      data.funds.sources.push_back({text(row, label_col), at(row, FundsColumn::planned),
                                    at(row, FundsColumn::budget), at(row, FundsColumn::executed)});
    }
    // perfeval's report keeps what was printed in columns of its own; a
    // printed table has it on the total row, or (as some print it) on the
    // first row of the block.
    if (columns.contains(FundsColumn::reported_rate) ||
        columns.contains(FundsColumn::reported_score)) {
      data.funds.reported = {figure_or_none(at(*total_row, FundsColumn::reported_rate)),
                             figure_or_none(at(*total_row, FundsColumn::reported_score))};
      return;
    }
    std::vector<std::uint32_t> rows{*total_row};
    rows.insert(rows.end(), source_rows.begin(), source_rows.end());
    for (const std::uint32_t row : rows) {
      Reported printed{figure_or_none(at(row, FundsColumn::rate)),
                       figure_or_none(at(row, FundsColumn::score))};
      if (printed.rate || printed.score) {
        data.funds.reported = std::move(printed);
        break;
      }
    }
  }

  // 预期目标 and 实际完成情况, each over the text it heads.
  void read_goals(ProjectData& data) {
    sheet_.for_each_cell(1, header_row_ - 1,
                         [&](std::uint32_t row, std::uint32_t col, const std::string& cell) {
                           const auto l = label(cell);
                           if (l == Label::goals_planned && data.goals_planned.empty()) {
                             data.goals_planned = text(row_below(row, col), col);
                           } else if (l == Label::goals_achieved && data.goals_achieved.empty()) {
                             data.goals_achieved = text(row_below(row, col), col);
                           }
                         });
  }

  void read_indicators(ProjectData& data) {
    const bool perfeval_report =
        column(Column::reported_rate).has_value() || column(Column::reported_score).has_value();
    const Column rate_column = perfeval_report ? Column::reported_rate : Column::rate;
    const Column score_column = perfeval_report ? Column::reported_score : Column::score;
    data.places.actual = letters(Column::actual);
    data.places.weight = letters(Column::weight);
    data.places.target = letters(Column::target);
    data.places.method = letters(Column::rule);
    data.places.explanation = letters(Column::explanation);
    data.places.rate = letters(rate_column);
    data.places.score = letters(score_column);
    data.places.category1 = letters(Column::category1);
    data.places.category2 = letters(Column::category2);

    const std::uint32_t name_col = *column(Column::name);
    const std::uint32_t actual_col = *column(Column::actual);
    std::string category1;
    std::string category2;
    for (std::uint32_t row = row_below(header_row_, name_col); row <= sheet_.last_row(); ++row) {
      if (is_total_row(row, name_col)) {
        if (const auto col = column(score_column)) {
          data.reported_total = figure_or_none(text(row, *col));
        }
        break;
      }
      std::string name = text(row, name_col);
      // perfeval's report marks a flagged row's name.
      if (constexpr std::string_view kFlag = "※ "; perfeval_report && name.starts_with(kFlag)) {
        name.erase(0, kFlag.size());
      }
      if (name.empty() || indicator_column(name) == Column::name) {
        continue;  // a blank row, or the header repeated
      }
      // A category printed once for the rows under it, merged or not.
      if (auto c = text_in(row, Column::category1); !c.empty()) {
        category1 = std::move(c);
      }
      if (auto c = text_in(row, Column::category2); !c.empty()) {
        category2 = std::move(c);
      }
      IndicatorData indicator;
      indicator.name = name;
      indicator.row = static_cast<int>(row);
      indicator.category1 = category1;
      indicator.category2 = category2;
      indicator.actual_text = text(row, actual_col);
      if (indicator.actual_text.empty()) {
        error(sheet_.unsaved_formula(row, actual_col) ? "xlsx-formula-not-saved"
                                                      : "xlsx-missing-actual",
              place(row, actual_col), {data.project, name});
        continue;
      }
      const auto parsed = parse_value(indicator.actual_text);
      if (const auto* e = std::get_if<ValueError>(&parsed)) {
        error("data-bad-actual", place(row, actual_col),
              {data.project, name, indicator.actual_text}, cause_of(*e));
        continue;
      }
      indicator.actual = std::get<ParsedValue>(parsed);
      indicator.weight = text_in(row, Column::weight);
      indicator.target = text_in(row, Column::target);
      indicator.rule = text_in(row, Column::rule);
      indicator.method = indicator.rule;
      indicator.explanation = text_in(row, Column::explanation);
      indicator.basis = text_in(row, Column::basis);
      indicator.last_year = text_in(row, Column::last_year);
      indicator.evidence = text_in(row, Column::evidence);
      indicator.reported = {figure_or_none(text_in(row, rate_column)),
                            figure_or_none(text_in(row, score_column))};
      data.indicators.push_back(std::move(indicator));
    }
    if (data.indicators.empty() && ok_) {
      error("xlsx-no-indicators", place(header_row_, name_col), {});
    }
  }

  // 总分 in a cell left of the indicator names' column, or in it.
  bool is_total_row(std::uint32_t row, std::uint32_t name_col) const {
    bool total = false;
    sheet_.for_each_cell(row, row, [&](std::uint32_t, std::uint32_t col, const std::string& cell) {
      total |= col <= name_col && label(cell) == Label::total;
    });
    return total;
  }

  const Sheet& sheet_;
  const std::string& label_;
  DiagnosticSink& sink_;
  std::uint32_t header_row_ = 0;
  std::map<Column, std::uint32_t> columns_;
  bool ok_ = true;
};

}  // namespace

std::optional<ProjectData> read_sheet_table(const Sheet& sheet, const std::string& label,
                                            DiagnosticSink& sink, bool& found) {
  TableReader reader(sheet, label, sink);
  found = reader.find_indicator_header();
  if (!found) {
    return std::nullopt;
  }
  return reader.read();
}

}  // namespace perfeval::xlsx
