#pragma once

// A project's data: what one table says about one project, as loaded from a
// JSON data file (docs/data-format.md) or built in memory by a program that
// links perfeval.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/values/rational.hpp"
#include "perfeval/values/value.hpp"

namespace perfeval {

// Figures printed in the table by whoever filled it in, kept as written so
// that an audit can show them next to the computed ones.
struct Reported {
  std::optional<std::string> rate;   // "102%"
  std::optional<std::string> score;  // "9.8"
};

struct FundsSource {
  std::string name;  // 其中：当年财政拨款, 其他资金, 上级资金, ...
  std::string planned;
  std::string budget;
  std::string executed;
};

// A funds row's amount as printed: not given for a cell left blank or
// marked not applicable ("/", "-", "—"); given but without a value when the
// text is no number.
struct FundsCell {
  bool given = false;
  std::optional<Rational> value;
};
FundsCell read_funds_cell(std::string_view text);
// read_funds_cell(text).given, without reading the amount.
bool funds_cell_given(std::string_view text);

// The row of `rows` whose label has `key` (row_label_key: "其中：本级资金" and
// "本级资金" are one row), or null; the first when several have it.
const FundsSource* find_funds_row(std::span<const FundsSource> rows, std::string_view key);

struct FundsData {
  Rational planned;   // 年初预算数
  Rational budget;    // 全年预算数
  Rational executed;  // 全年执行数
  std::vector<FundsSource> sources;
  Reported reported;
  std::string note;
  std::string explanation;  // why the execution rate is what it is; empty when none was given
};

struct IndicatorData {
  std::string name;         // 三级指标
  std::string actual_text;  // 业绩值 as written
  ParsedValue actual;       // read from actual_text
  std::string explanation;  // 偏差原因分析及改进措施; empty when none was given
  std::string basis;        // 指标值设定依据
  std::string last_year;    // 上年完成情况
  std::string rule;         // 赋分规则 as printed
  std::string evidence;     // 佐证资料
  Reported reported;

  // The indicator's own row of the table, for a table that carries its
  // indicator table instead of naming a declared project type (or as well as
  // naming one: then each differing field is reported). Empty where the
  // table does not give it.
  std::string category1;  // 一级指标
  std::string category2;  // 二级指标
  std::string weight;     // 分值 as written ("20", "20分")
  std::string target;     // 年度指标值 as written (">=13人", "≤240万元", "有效促进")
  std::string method;     // 赋分规则 naming a method of the policy
  int row = 0;            // the worksheet row it was read from; 0 for JSON

  bool carries_definition() const { return !weight.empty() || !target.empty(); }
};

// Where a table read from a worksheet keeps each column, so that a problem
// names its cell ("尾款.xlsx!自评表!F12"). Empty for JSON.
struct SheetPlaces {
  std::string sheet;                                                     // "尾款.xlsx!自评表"
  std::string actual, weight, target, method, explanation, rate, score;  // column letters
  std::string category1, category2;                                      // column letters
};

struct ProjectData {
  std::string file;     // where it was read from ("" when built in memory)
  std::string project;  // the project type's name, or the project's own for a table that carries
                        // its indicators
  std::string
      policy;  // the policy to score a table that carries its indicators; "" for a declared type's
  std::string kind;  // "project" or "unit"
  std::optional<int> year;
  std::string department;
  std::string implementer;
  std::string goals_planned;
  std::string goals_achieved;
  FundsData funds;
  std::vector<IndicatorData> indicators;
  std::optional<std::string> reported_total;
  std::string source;
  SheetPlaces places;

  // Any row, not the first only: a table whose first row lost its weight
  // and target still carries the others', and compiling it names that row.
  bool carries_table() const {
    for (const IndicatorData& row : indicators) {
      if (row.carries_definition()) {
        return true;
      }
    }
    return false;
  }
};

// A column of a table's indicator rows, for naming the cell a problem is in.
enum class TableField {
  actual,
  weight,
  target,
  method,
  explanation,
  rate,
  score,
  category1,
  category2
};

// Where `field` of `indicator` stands: "尾款.xlsx!自评表!F12" for a table read
// from a worksheet that says where that column is; else the data file
// ("examples/x.json", "big.jsonl:17").
std::string cell_place(const ProjectData& data, const IndicatorData& indicator, TableField field);

// Reads one data file already added to `sources`. Problems are reported to
// `sink` (JSON syntax errors with line and column) and give nullopt. The
// data and messages without a place name the file as `label` when given
// ("big.jsonl:17" for one line of a JSON Lines file), else by its source name.
std::optional<ProjectData> load_project_data(FileId file, const SourceManager& sources,
                                             DiagnosticSink& sink, std::string_view label = {});

}  // namespace perfeval
