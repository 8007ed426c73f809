// The Markdown report: a table per project that GitHub renders as a table.

#include <catch2/catch.hpp>

#include "test_reports_support.hpp"

using namespace perfeval;
using namespace perfeval::test;

namespace {

// The cells of one table row, split at bars that are not escaped.
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      cell += line.substr(i, 2);
      ++i;
    } else if (line[i] == '|') {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("reports markdown: a heading, funds line, table, total and notes per project") {
  const std::string md = written(write_markdown, seed_run().results);
  CHECK(count(md, "\n## ") == seed_run().results.projects.size() + 1);  // + 汇总
  CHECK(md.find("## 15. 州人社局尾款项目\n") != std::string::npos);
  CHECK(
      md.find("| 一级指标 | 二级指标 | 三级指标 | 权重 | 目标值 | 业绩值 | 完成率 | 指标得分 |") !=
      std::string::npos);
  CHECK(md.find("| 年度资金总额 | 74.13 | 74.13 | 74.01 | 10 | 99.84% | 10.00 |") !=
        std::string::npos);
  CHECK(md.find("**总分：99.96 / 100**　档次：优") != std::string::npos);
  CHECK(md.find("- ※1 州人社局劳动保障大厦维修项目资金尾款：得分：填报 3.9，按规则应为 3.96") !=
        std::string::npos);
  CHECK(md.find("- ※2 总分：填报 99.90，按规则应为 99.96") != std::string::npos);
  CHECK(count(md, "缺少偏差原因分析") == 5);  // as many as the JSON summary counts
  CHECK(md.find("| 合计 | 2317.88 | 4329.46 | 4155.92 | 10 | 95.99% | 9.60 |") !=
        std::string::npos);
  // Comparison targets stay readable: "<=" cannot open an HTML tag.
  CHECK(md.find("| <= 11.48万元 |") != std::string::npos);
  CHECK(md.find("共 17 张表，已评分 17，失败 0　优 17") != std::string::npos);
}

TEST_CASE("reports markdown: every table row has as many cells as its header") {
  const std::string md = written(write_markdown, tricky_results());
  std::istringstream lines(md);
  std::string line;
  std::size_t header_cells = 0;
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') {
      header_cells = 0;
      continue;
    }
    const std::size_t n = cells(line).size();
    if (header_cells == 0) {
      header_cells = n;
    }
    CHECK(n == header_cells);
    ++rows;
  }
  CHECK(rows > 10);
  CHECK(md.find("rate \\| &lt;i>score&lt;/i>, \"100%\"") != std::string::npos);
  CHECK(md.find("<b>") == std::string::npos);
  CHECK(md.find("<script>") == std::string::npos);
}

TEST_CASE("reports markdown: English headings for Lang::en") {
  const std::string md = written(write_markdown, seed_run().results, Lang::en);
  CHECK(
      md.find("| Category | Subcategory | Indicator | Weight | Target | Actual | Rate | Score |") !=
      std::string::npos);
  CHECK(md.find("score: reported 3.9, by the rules 3.96") != std::string::npos);
  CHECK(md.find("## Summary") != std::string::npos);
}
