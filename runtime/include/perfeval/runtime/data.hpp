#pragma once

// A project's data: what one table says about one project, as loaded from a
// JSON data file (docs/data-format.md) or built in memory by a program that
// links perfeval.

#include <optional>
#include <string>
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
};

struct ProjectData {
  std::string file;     // where it was read from ("" when built in memory)
  std::string project;  // the project type's name
  std::string kind;     // "project" or "unit"
  std::optional<int> year;
  std::string department;
  std::string implementer;
  std::string goals_planned;
  std::string goals_achieved;
  FundsData funds;
  std::vector<IndicatorData> indicators;
  std::optional<std::string> reported_total;
  std::string source;
};

// Reads one data file already added to `sources`. Problems are reported to
// `sink` (JSON syntax errors with line and column) and give nullopt. The
// data and messages without a place name the file as `label` when given
// ("big.jsonl:17" for one line of a JSON Lines file), else by its source name.
std::optional<ProjectData> load_project_data(FileId file, const SourceManager& sources,
                                             DiagnosticSink& sink, std::string_view label = {});

}  // namespace perfeval
