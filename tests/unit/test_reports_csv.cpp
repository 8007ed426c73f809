// The CSV report, read back the way a spreadsheet or script would read it.

#include <catch2/catch.hpp>
#include <set>

#include "test_reports_support.hpp"

using namespace perfeval;
using namespace perfeval::test;

namespace {

const std::vector<std::string> kHeader = {"row",
                                          "file",
                                          "project",
                                          "kind",
                                          "policy",
                                          "category1",
                                          "category2",
                                          "indicator",
                                          "weight",
                                          "target",
                                          "actual",
                                          "rate",
                                          "score",
                                          "met",
                                          "explanation_required",
                                          "explanation_present",
                                          "reported_rate",
                                          "reported_score",
                                          "differences",
                                          "explanation",
                                          "band"};

std::size_t column(const std::string& name) {
  return static_cast<std::size_t>(std::find(kHeader.begin(), kHeader.end(), name) -
                                  kHeader.begin());
}

}  // namespace

// The same columns as the Chinese table heads them.
const std::vector<std::string> kHeaderZh = {
    "行类型",   "文件",         "项目名称",     "类型",         "政策",       "一级指标",
    "二级指标", "三级指标",     "权重",         "目标值",       "业绩值",     "完成率",
    "得分",     "是否达标",     "需要偏差说明", "已有偏差说明", "填报完成率", "填报得分",
    "不符之处", "偏差原因分析", "档次"};

TEST_CASE("reports csv: UTF-8 with a byte-order mark, the documented columns") {
  const std::string english = written(write_csv, seed_run().results, Lang::en);
  REQUIRE(english.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(parse_csv(std::string_view(english).substr(3)).front() == kHeader);
  const std::string csv = written(write_csv, seed_run().results);
  REQUIRE(csv.substr(0, 3) == "\xEF\xBB\xBF");
  const auto records = parse_csv(std::string_view(csv).substr(3));
  REQUIRE(!records.empty());
  CHECK(records.front() == kHeaderZh);
  for (const auto& record : records) {
    CHECK(record.size() == kHeader.size());
  }
  // One funds row, one row per indicator and one total row per table.
  std::size_t expected = 1;
  for (const auto& p : seed_run().results.projects) {
    expected += p.indicators.size() + 2;
  }
  CHECK(records.size() == expected);
}

TEST_CASE("reports csv: the figures are the JSON report's, flagged rows say why") {
  const std::string csv = written(write_csv, seed_run().results);
  const auto records = parse_csv(std::string_view(csv).substr(3));
  const auto find = [&](const std::string& file, const std::string& indicator) {
    for (const auto& r : records) {
      if (r[column("file")] == file && r[column("indicator")] == indicator) {
        return r;
      }
    }
    FAIL("no row " << file << " " << indicator);
    return std::vector<std::string>{};
  };
  const auto repair = find("examples/weikuan.json", "州人社局劳动保障大厦维修项目资金尾款");
  CHECK(repair[column("row")] == "指标");
  CHECK(repair[column("category1")] == "成本指标");
  CHECK(repair[column("rate")] == "98.95%");
  CHECK(repair[column("score")] == "3.96");
  CHECK(repair[column("reported_score")] == "3.9");
  CHECK(repair[column("met")] == "是");  // 11.36万元 is within <= 11.48万元
  CHECK(repair[column("differences")] == "得分：填报 3.9，按规则应为 3.96");

  const auto total = find("examples/weikuan.json", "总分");
  CHECK(total[column("row")] == "总分");
  CHECK(total[column("score")] == "99.96");
  CHECK(total[column("reported_score")] == "99.90");
  CHECK(total[column("band")] == "优");

  const auto funds = find("examples/danwei-zhengti.json", "合计");
  CHECK(funds[column("row")] == "预算执行率");
  CHECK(funds[column("target")] == "4329.46");
  CHECK(funds[column("actual")] == "4155.92");
  CHECK(funds[column("rate")] == "95.99%");
  CHECK(funds[column("score")] == "9.60");

  const auto missing = find("examples/jiuye-gongzuo.json", "就业数据核验数量");
  CHECK(missing[column("explanation_required")] == "是");
  CHECK(missing[column("explanation_present")] == "否");
  CHECK(missing[column("differences")].find("缺少偏差原因分析") != std::string::npos);
}

TEST_CASE("reports csv: in English, row kinds and booleans are identifiers for scripts") {
  const std::string csv = written(write_csv, seed_run().results, Lang::en);
  const auto records = parse_csv(std::string_view(csv).substr(3));
  std::set<std::string> rows;
  std::set<std::string> booleans;
  for (std::size_t r = 1; r < records.size(); ++r) {
    rows.insert(records[r][column("row")]);
    booleans.insert(records[r][column("explanation_present")]);
  }
  CHECK(rows == std::set<std::string>{"funds", "indicator", "total"});
  CHECK(booleans == std::set<std::string>{"", "true", "false"});
}

TEST_CASE("reports csv: a cell a spreadsheet would run as a formula is written as text") {
  RunResults results = tricky_results();
  IndicatorResult& first = results.projects[0].indicators[0];
  first.actual = "=65人";
  first.target = "+3";
  first.explanation = "@所有人 -见附件";
  first.name = "-";
  const std::string csv = written(write_csv, results);
  const auto records = parse_csv(std::string_view(csv).substr(3));
  const auto& row = records[2];  // header, funds, then the first indicator
  CHECK(row[column("actual")] == "'=65人");
  CHECK(row[column("target")] == "+3");  // a number: left as it is
  CHECK(row[column("explanation")] == "'@所有人 -见附件");
  CHECK(row[column("indicator")] == "'-");
  // No cell of the file starts a formula.
  for (const auto& record : records) {
    for (const auto& field : record) {
      if (!field.empty() && std::string("=+-@").find(field[0]) != std::string::npos) {
        CHECK(field == "+3");
      }
    }
  }
}

TEST_CASE("reports csv: quotes, commas and line breaks survive a round trip") {
  const RunResults results = tricky_results();
  const std::string csv = written(write_csv, results);
  const auto records = parse_csv(std::string_view(csv).substr(3));
  REQUIRE(records.size() == 1 + results.projects[0].indicators.size() + 2);
  const auto& first = records[2];  // header, funds, then the first indicator
  CHECK(first[column("project")] == results.projects[0].project);
  CHECK(first[column("indicator")] == results.projects[0].indicators[0].name);
  CHECK(first[column("explanation")] == results.projects[0].indicators[0].explanation);
}
