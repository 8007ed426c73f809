// The CSV report, read back the way a spreadsheet or script would read it.

#include <catch2/catch.hpp>

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

TEST_CASE("reports csv: UTF-8 with a byte-order mark, the documented columns") {
  const std::string csv = written(write_csv, seed_run().results);
  REQUIRE(csv.substr(0, 3) == "\xEF\xBB\xBF");
  const auto records = parse_csv(std::string_view(csv).substr(3));
  REQUIRE(!records.empty());
  CHECK(records.front() == kHeader);
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
  CHECK(repair[column("row")] == "indicator");
  CHECK(repair[column("category1")] == "成本指标");
  CHECK(repair[column("rate")] == "98.95%");
  CHECK(repair[column("score")] == "3.96");
  CHECK(repair[column("reported_score")] == "3.9");
  CHECK(repair[column("met")] == "true");  // 11.36万元 is within <= 11.48万元
  CHECK(repair[column("differences")] == "得分：填报 3.9，按规则应为 3.96");

  const auto total = find("examples/weikuan.json", "总分");
  CHECK(total[column("row")] == "total");
  CHECK(total[column("score")] == "99.96");
  CHECK(total[column("reported_score")] == "99.90");
  CHECK(total[column("band")] == "优");

  const auto funds = find("examples/danwei-zhengti.json", "合计");
  CHECK(funds[column("row")] == "funds");
  CHECK(funds[column("target")] == "4329.46");
  CHECK(funds[column("actual")] == "4155.92");
  CHECK(funds[column("rate")] == "95.99%");
  CHECK(funds[column("score")] == "9.60");

  const auto missing = find("examples/jiuye-gongzuo.json", "就业数据核验数量");
  CHECK(missing[column("explanation_required")] == "true");
  CHECK(missing[column("explanation_present")] == "false");
  CHECK(missing[column("differences")].find("缺少偏差原因分析") != std::string::npos);
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
