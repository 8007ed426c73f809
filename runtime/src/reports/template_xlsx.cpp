// The fillable template: per project type, the 自评表 as perfeval's Excel
// reader finds it (docs/data-format.md, "Excel"), its heading, funds, goals
// and indicator blocks under the header words the reader knows, with the
// cells the rules fix locked and the cells to fill open and shaded.
//
// Only what the officer writes is left open. The computed figures (完成率,
// 指标得分, 执行率, 得分, 总分) are open but unshaded: perfeval computes them,
// and what the officer writes there is what `perfeval audit` checks (a
// method that scores an entered score, such as 定性区间赋分, reads it there).

#include "perfeval/runtime/template_xlsx.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <variant>

#include "perfeval/runtime/words.hpp"
#include "perfeval/values/row_label.hpp"
#include "report_xlsx_sheet.hpp"

namespace perfeval {
namespace {

using namespace report_detail::xlsx;

// The columns of a template sheet.
enum Column : lxw_col_t {
  kCategory1,
  kCategory2,
  kIndicator,
  kWeight,
  kTarget,
  kMethod,
  kActual,
  kRate,
  kScore,
  kExplanation,
  kColumnCount
};
constexpr lxw_col_t kLast = kColumnCount - 1;

// The funds block under the same columns: its rows' names under 三级指标, then
// 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
enum FundsColumn : lxw_col_t {
  kFundsLabel = kIndicator,
  kPlanned,
  kBudget,
  kExecuted,
  kFundsWeight,
  kFundsRate,
  kFundsScore,
};

// The template's own words; the headings it shares with the report are Terms.
enum class Say {
  note,
  target,
  method,
  actual,
  grade_prompt_title,
  grade_prompt,
  grade_error_title,
  grade_error,
  grades_sheet,
};
std::string_view say(Say what, Lang lang) {
  struct Entry {
    std::string_view zh, en;
  };
  static constexpr std::array<Entry, 9> kEntries = {{
      {"填写说明：请在黄色单元格中填写主管部门、实施单位、资金、年度总体目标、各指标的实际完成值"
       "和偏差原因分析；带下拉列表的实际完成值从列表中选择评判等级。完成率和得分由 perfeval "
       "按规则计算，可不填；填写的，perfeval audit 会加以核对。灰色单元格按规则文件写出，"
       "已锁定。填好保存后运行：perfeval 规则目录 本文件.xlsx",
       "How to fill in: write the department, the implementing unit, the funds, the annual "
       "goals and each indicator's actual value and reasons for deviation in the yellow cells; "
       "an actual with a drop-down list takes one of its grades. perfeval computes the rates "
       "and scores by the rules: leave them blank, or write the printed figures for "
       "perfeval audit to check. The grey cells come from the rule files and are locked. Save "
       "and run: perfeval RULES this-file.xlsx"},
      {"年度指标值", "Target"},
      {"赋分规则", "Method"},
      {"实际完成值", "Actual"},
      {"评判等级", "Grade"},
      {"请从下拉列表中选择评判等级。", "Choose the grade from the list."},
      {"不是评判等级", "Not a grade"},
      {"实际完成值须为下拉列表中的评判等级之一。",
       "The actual value must be one of the grades in the list."},
      {"评判等级", "Grades"},
  }};
  const Entry& entry = kEntries[static_cast<std::size_t>(what)];
  return lang == Lang::zh ? entry.zh : entry.en;
}

// Formats beside the report's: cells the rules fix are shaded grey (and
// locked, as every cell is unless its format says otherwise); cells to fill
// are yellow and unlocked; figures the officer may copy from a printed
// table are unlocked and white.
struct InputStyles {
  lxw_format* fixed_text;
  lxw_format* fixed_centred;
  lxw_format* fixed_number;
  lxw_format* text;       // to fill: yellow
  lxw_format* long_text;  // to fill, wrapped at the top: goals, explanations
  lxw_format* amount;     // to fill: 万元
  lxw_format* optional;   // may be filled: white

  explicit InputStyles(lxw_workbook* workbook) {
    const auto add = [&](bool open, std::uint32_t colour) {
      lxw_format* f = workbook_add_format(workbook);
      format_set_font_name(f, Styles::kFont);
      format_set_font_size(f, Styles::kFontSize);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
      format_set_bg_color(f, colour);
      if (open) {
        format_set_unlocked(f);
      }
      return f;
    };
    constexpr std::uint32_t kGrey = 0xF2F2F2;
    constexpr std::uint32_t kYellow = 0xFFF2CC;
    fixed_text = add(false, kGrey);
    fixed_centred = add(false, kGrey);
    format_set_align(fixed_centred, LXW_ALIGN_CENTER);
    fixed_number = add(false, kGrey);
    text = add(true, kYellow);
    long_text = add(true, kYellow);
    format_set_align(long_text, LXW_ALIGN_LEFT);
    format_set_align(long_text, LXW_ALIGN_VERTICAL_TOP);
    amount = add(true, kYellow);
    format_set_num_format(amount, "#,##0.00");
    optional = add(true, 0xFFFFFF);
  }
};

// Grade lists too long for a validation's own list (Excel takes at most
// 255 characters, and no commas or quotes in a word) go on a hidden sheet,
// one column a list, which the validation names as a range.
class GradeLists {
 public:
  GradeLists(lxw_workbook* workbook, std::string sheet_name)
      : workbook_(workbook), sheet_name_(std::move(sheet_name)) {}

  // The range of `words` on the hidden sheet: "='评判等级'!$A$1:$A$4".
  std::string range(const std::vector<std::string>& words) {
    std::size_t col = 0;
    while (col < lists_.size() && lists_[col] != words) {
      ++col;
    }
    if (col == lists_.size()) {
      lists_.push_back(words);
    }
    char cells[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range_abs(cells, 0, static_cast<lxw_col_t>(col),
                            static_cast<lxw_row_t>(words.size() - 1), static_cast<lxw_col_t>(col));
    std::string quoted;
    for (const char c : sheet_name_) {
      quoted += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return "='" + quoted + "'!" + cells;
  }

  // Adds the hidden sheet, if a list went there; after every other sheet,
  // so that the sheets to fill come first.
  void write() const {
    if (lists_.empty()) {
      return;
    }
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, sheet_name_.c_str());
    if (sheet == nullptr) {
      throw std::runtime_error("cannot add the sheet '" + sheet_name_ + "'");
    }
    for (std::size_t col = 0; col < lists_.size(); ++col) {
      for (std::size_t row = 0; row < lists_[col].size(); ++row) {
        check(
            worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                   lists_[col][row].c_str(), nullptr),
            "the grade lists");
      }
    }
    worksheet_hide(sheet);
    worksheet_protect(sheet, nullptr, nullptr);
  }

 private:
  lxw_workbook* workbook_;
  std::string sheet_name_;
  std::vector<std::vector<std::string>> lists_;
};

// The words an indicator's actual must be one of, or none when it may be
// any value: a qualitative target (有效促进, 长期) is met by a grade, and a
// method with grades of its own (定性区间赋分) is scored by one.
std::vector<std::string> grade_words(const CompiledIndicator& indicator) {
  const bool qualitative = std::holds_alternative<Word>(indicator.decl->target.value);
  const bool graded_method = indicator.method != nullptr && !indicator.method->grades.empty();
  std::vector<std::string> words;
  if ((qualitative || graded_method) && indicator.grades) {
    for (const Grade& g : *indicator.grades) {
      if (std::find(words.begin(), words.end(), g.word) == words.end()) {
        words.push_back(g.word);
      }
    }
  }
  return words;
}

// A drop-down list of `words` on the actual cell, refusing anything else.
void offer_grades(lxw_worksheet* sheet, lxw_row_t row, const std::vector<std::string>& words,
                  GradeLists& lists, Lang lang) {
  std::size_t length = 0;
  bool plain = true;
  for (const auto& w : words) {
    length += w.size() + 1;
    plain &= w.find_first_of(",\"") == std::string::npos;
  }
  std::vector<char*> list;
  for (const auto& w : words) {
    list.push_back(const_cast<char*>(w.c_str()));
  }
  list.push_back(nullptr);
  std::string range;
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LIST;
  if (plain && length <= 256) {
    v.value_list = list.data();
  } else {
    range = lists.range(words);
    v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    v.value_formula = range.data();
  }
  v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  const std::string prompt_title(say(Say::grade_prompt_title, lang));
  const std::string prompt(say(Say::grade_prompt, lang));
  const std::string error_title(say(Say::grade_error_title, lang));
  const std::string error(say(Say::grade_error, lang));
  v.input_title = const_cast<char*>(prompt_title.c_str());
  v.input_message = const_cast<char*>(prompt.c_str());
  v.error_title = const_cast<char*>(error_title.c_str());
  v.error_message = const_cast<char*>(error.c_str());
  check(worksheet_data_validation_cell(sheet, row, kActual, &v), "the grade list");
}

// The funds rows a policy's funds formulas read, each once, in the order
// written; never the total, which the plain amounts read.
std::vector<std::string> funds_row_labels(const CompiledPolicy& policy) {
  std::vector<std::string> labels;
  const auto take = [&](const Formula& formula) {
    for (std::string& written : formula.row_labels()) {
      const std::string key = row_label_key(written);
      const auto same = [&](const std::string& l) { return row_label_key(l) == key; };
      if (!is_total_row_key(key) && std::none_of(labels.begin(), labels.end(), same)) {
        labels.push_back(std::move(written));
      }
    }
  };
  take(policy.funds.rate);
  take(policy.funds.score);
  if (policy.funds.explain_when) {
    take(*policy.funds.explain_when);
  }
  return labels;
}

class TemplateSheet {
 public:
  TemplateSheet(Sheet& sheet, const CompiledProject& project, Lang lang, Styles& styles,
                InputStyles& input, GradeLists& lists)
      : sheet_(sheet),
        project_(project),
        lang_(lang),
        words_(lang),
        styles_(styles),
        input_(input),
        lists_(lists) {}

  void write() {
    lxw_row_t row = 0;
    heading(row);
    funds(row);
    goals(row);
    const lxw_row_t header = indicators(row);
    signatures(row + 2);
    // Wide enough to write in; long text wraps and its rows grow.
    sheet_.fit_columns(8, {10, 12, 26, 8, 14, 16, 16, 9, 9, 30});
    // Room to write the goals in.
    check(worksheet_set_row(sheet_.raw(), goals_text_row_, 60, nullptr), "the goals row");
    set_up(header);
  }

 private:
  void heading(lxw_row_t& row) {
    sheet_.merged(row, 0, row, kLast, std::string(words_[Term::project_title]), styles_.title);
    ++row;
    sheet_.merged(row, 0, row, kLast, std::string(say(Say::note, lang_)), styles_.long_text.plain,
                  Styles::kLongTextSize);
    row += 2;
    // The project type's name: the reader finds its declaration by it.
    label(row, words_[Term::project_name]);
    sheet_.merged(row, kIndicator, row, kLast, project_.decl->name.text, input_.fixed_text);
    ++row;
    for (const Term term : {Term::department, Term::implementer}) {
      label(row, words_[term]);
      sheet_.merged(row, kIndicator, row, kLast, "", input_.text);
      ++row;
    }
    ++row;
  }

  void funds(lxw_row_t& row) {
    sheet_.merged(row, kCategory1, row + 1, kCategory2, std::string(words_[Term::project_funds]),
                  styles_.heading);
    sheet_.blank(row, kFundsLabel, styles_.heading);
    const std::array<Term, 6> headings = {Term::planned,        Term::budget,
                                          Term::executed,       Term::project_funds_weight,
                                          Term::execution_rate, Term::score};
    for (lxw_col_t c = 0; c < headings.size(); ++c) {
      sheet_.text(row, kPlanned + c, std::string(words_[headings[c]]), styles_.heading);
    }
    ++row;
    sheet_.text(row, kFundsLabel, std::string(words_[Term::project_funds_row]), input_.fixed_text);
    for (const lxw_col_t col : {kPlanned, kBudget, kExecuted}) {
      sheet_.blank(row, col, input_.amount);
    }
    sheet_.number(row, kFundsWeight, project_.policy->funds.weight.to_string(),
                  input_.fixed_number);
    sheet_.blank(row, kFundsRate, input_.optional);
    sheet_.blank(row, kFundsScore, input_.optional);
    ++row;
    // The 其中 rows under the total, as the printed form labels them: each row
    // the policy's funds formulas read, to fill, since scoring needs it. A
    // policy that reads no row gets none: the printed form's 其中：当年财政拨款
    // is read back and audited, but no rule scores it, and a single 其中 row
    // is only checked to be at most the total: a row to fill for nothing.
    const std::vector<std::string> labels = funds_row_labels(*project_.policy);
    for (const std::string& written : labels) {
      funds_row(row, written.starts_with("其中") ? written : "其中：" + written, input_.amount);
    }
    // Two rows or more are the whole breakdown to audit, which the rows a
    // policy reads seldom are: 其他资金 completes it. Left blank, it is a
    // source the project lacks, and audit checks the rows above add up.
    // In either language: the rows are named as the rules name them.
    const std::string other = "其他资金";
    if (labels.size() > 1 && std::none_of(labels.begin(), labels.end(), [&](const std::string& l) {
          return row_label_key(l) == row_label_key(other);
        })) {
      funds_row(row, other, input_.optional);
    }
    ++row;
  }

  // A row of the funds block under the total: its label, its three amounts
  // in `amount`, and locked where the total row has weight, rate and score.
  void funds_row(lxw_row_t& row, const std::string& label, lxw_format* amount) {
    sheet_.text(row, kFundsLabel, label, input_.fixed_text);
    for (const lxw_col_t col : {kPlanned, kBudget, kExecuted}) {
      sheet_.blank(row, col, amount);
    }
    for (const lxw_col_t col : {kFundsWeight, kFundsRate, kFundsScore}) {
      sheet_.blank(row, col, input_.fixed_text);
    }
    ++row;
  }

  void goals(lxw_row_t& row) {
    sheet_.merged(row, kCategory1, row + 1, kCategory2, std::string(words_[Term::overall_goals]),
                  styles_.heading);
    sheet_.merged(row, kIndicator, row, kMethod, std::string(words_[Term::goals_expected]),
                  styles_.heading);
    sheet_.merged(row, kActual, row, kLast, std::string(words_[Term::goals_achieved]),
                  styles_.heading);
    ++row;
    goals_text_row_ = row;
    sheet_.merged(row, kIndicator, row, kMethod, "", input_.long_text);
    sheet_.merged(row, kActual, row, kLast, "", input_.long_text);
    row += 2;
  }

  // Returns the row of the indicators' header, which each printed page repeats.
  lxw_row_t indicators(lxw_row_t& row) {
    const std::array<std::string_view, kColumnCount> headings = {
        words_[Term::category1],       words_[Term::category2], words_[Term::indicator],
        words_[Term::weight],          say(Say::target, lang_), say(Say::method, lang_),
        say(Say::actual, lang_),       words_[Term::rate],      words_[Term::indicator_score],
        words_[Term::explanation_text]};
    const lxw_row_t header = row;
    for (lxw_col_t c = 0; c < kColumnCount; ++c) {
      sheet_.text(row, c, std::string(headings[c]), styles_.heading);
    }
    ++row;
    const auto& list = project_.indicators;
    for (std::size_t r = 0; r < list.size(); ++r, ++row) {
      const ast::Indicator& decl = *list[r].decl;
      // A category is one cell over the rows that share it, as printed.
      if (r == 0 || list[r - 1].decl->category1.text != decl.category1.text) {
        merge_down(row, kCategory1, r,
                   [](const ast::Indicator& i) { return std::string(i.category1.text); });
      }
      if (r == 0 || list[r - 1].decl->category1.text != decl.category1.text ||
          list[r - 1].decl->category2.text != decl.category2.text) {
        merge_down(
            row, kCategory2, r,
            [](const ast::Indicator& i) {
              return std::string(i.category1.text) + "/" + std::string(i.category2.text);
            },
            std::string(decl.category2.text));
      }
      sheet_.text(row, kIndicator, std::string(decl.name.text), input_.fixed_text);
      sheet_.number(row, kWeight, decl.weight.to_string(), input_.fixed_number);
      sheet_.text(row, kTarget, std::string(decl.target.text), input_.fixed_centred);
      sheet_.text(row, kMethod, std::string(decl.method.text), input_.fixed_text);
      sheet_.blank(row, kActual, input_.text);
      if (const auto words = grade_words(list[r]); !words.empty()) {
        offer_grades(sheet_.raw(), row, words, lists_, lang_);
      }
      sheet_.blank(row, kRate, input_.optional);
      sheet_.blank(row, kScore, input_.optional);
      sheet_.blank(row, kExplanation, input_.long_text);
    }
    sheet_.merged(row, kCategory1, row, kIndicator, std::string(words_[Term::total]),
                  styles_.heading);
    sheet_.number(row, kWeight, project_.full_marks.to_string(), input_.fixed_number);
    for (const lxw_col_t col : {kTarget, kMethod, kActual, kRate, kExplanation}) {
      sheet_.blank(row, col, input_.fixed_text);
    }
    sheet_.blank(row, kScore, input_.optional);
    ++row;
    return header;
  }

  // Merges `col` from `row` over the indicators from `first` on that share
  // `key`, showing `text` (the key itself when none is given).
  template <typename Key>
  void merge_down(lxw_row_t row, lxw_col_t col, std::size_t first, Key key,
                  std::optional<std::string> text = std::nullopt) {
    const auto& list = project_.indicators;
    const std::string shared = key(*list[first].decl);
    std::size_t n = 1;
    while (first + n < list.size() && key(*list[first + n].decl) == shared) {
      ++n;
    }
    sheet_.merged(row, col, row + static_cast<lxw_row_t>(n) - 1, col, text.value_or(shared),
                  input_.fixed_centred);
  }

  void label(lxw_row_t row, std::string_view text) {
    sheet_.merged(row, kCategory1, row, kCategory2, std::string(text), styles_.heading);
  }

  // The blank lines to sign under the table: 填报人, 审核人, 日期.
  void signatures(lxw_row_t row) {
    const std::array<std::pair<Term, lxw_col_t>, 3> places = {
        {{Term::prepared_by, kCategory1}, {Term::reviewed_by, kTarget}, {Term::date, kRate}}};
    for (const auto& [term, col] : places) {
      sheet_.merged(row, col, row, col + 1,
                    std::string(words_[term]) + std::string(words_[Term::label_separator]),
                    styles_.label);
    }
  }

  // Protected without a password, so that the locked cells stay as written
  // and the open ones take any entry; rows and columns may still be sized.
  // A4 landscape, one page wide, the indicator header on every page.
  void set_up(lxw_row_t header) {
    lxw_worksheet* sheet = sheet_.raw();
    lxw_protection protection{};
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect(sheet, nullptr, &protection);
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9);  // A4
    worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.6);
    worksheet_center_horizontally(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    check(worksheet_repeat_rows(sheet, header, header), "the repeated header rows");
    const std::string footer =
        "&C" + fmt::format(fmt::runtime(term_text(Term::page_of, lang_)), "&P", "&N");
    check(worksheet_set_footer(sheet, footer.c_str()), "the page footer");
  }

  Sheet& sheet_;
  const CompiledProject& project_;
  Lang lang_;
  Words words_;
  Styles& styles_;
  InputStyles& input_;
  GradeLists& lists_;
  lxw_row_t goals_text_row_ = 0;
};

}  // namespace

void write_template_xlsx(const std::filesystem::path& file,
                         const std::vector<const CompiledProject*>& projects,
                         const TemplateOptions& options) {
  write_workbook(file, [&](lxw_workbook* workbook) {
    Styles styles(workbook);
    InputStyles input(workbook);
    SheetNames names(workbook);
    // Named first, so that no project type takes its name.
    GradeLists lists(workbook, names.make(say(Say::grades_sheet, options.lang)));
    for (const CompiledProject* project : projects) {
      const std::string name = names.make(project->decl->name.text);
      Sheet sheet(workbook_add_worksheet(workbook, name.c_str()), name);
      if (sheet.raw() == nullptr) {
        throw std::runtime_error("cannot add the sheet '" + name + "'");
      }
      TemplateSheet(sheet, *project, options.lang, styles, input, lists).write();
    }
    lists.write();
  });
}

}  // namespace perfeval
