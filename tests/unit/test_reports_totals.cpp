// Every report format carries the same totals as the JSON report of the
// seed examples: the figure a reader compares first.

#include <catch2/catch.hpp>
#include <regex>

#include "test_reports_support.hpp"

using namespace perfeval;
using namespace perfeval::test;

namespace {

std::vector<std::string> json_totals() {
  std::vector<std::string> totals;
  for (const auto& p : seed_run().json["projects"]) {
    totals.push_back(p["total"].get<std::string>());
  }
  return totals;
}

std::vector<std::string> matches(const std::string& text, const std::regex& pattern) {
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

}  // namespace

TEST_CASE("reports totals: the seed has 17 scored tables") {
  REQUIRE(json_totals().size() == 17);
  CHECK(seed_run().json["summary"]["scored"] == 17);
}

TEST_CASE("reports totals: HTML tables and summary show the JSON totals") {
  const std::string html = written(write_html, seed_run().results);
  CHECK(matches(html, std::regex("<td class=\"num total-score\">([^<]*)</td>")) == json_totals());
  CHECK(matches(html, std::regex("<td class=\"num total\">([^<]*)</td>")) == json_totals());
}

TEST_CASE("reports totals: CSV total rows carry the JSON totals") {
  const std::string csv = written(write_csv, seed_run().results, Lang::en);
  std::vector<std::string> totals;
  for (const auto& record : parse_csv(std::string_view(csv).substr(3))) {
    if (record.front() == "total") {
      totals.push_back(record[12]);  // score
    }
  }
  CHECK(totals == json_totals());
}

TEST_CASE("reports totals: Markdown total lines and summary carry the JSON totals") {
  const std::string md = written(write_markdown, seed_run().results);
  CHECK(matches(md, std::regex("\\*\\*总分：([0-9.]+) / 100\\*\\*")) == json_totals());
  const std::string summary = md.substr(md.find("## 汇总"));
  CHECK(matches(summary, std::regex("\\| (?:项目|单位整体) \\| ([0-9.]+) \\|")) == json_totals());
}

TEST_CASE("reports totals: the Excel summary sheet holds the JSON totals as numbers") {
  TempFile file("totals.xlsx");
  write_xlsx(file.path, seed_run().results, {Lang::zh});
  const std::string summary = unzip_member(file.path, "xl/worksheets/sheet1.xml");
  // Column F of the summary is 总分; Excel keeps the nearest double, which
  // rounds back to the exact decimal.
  std::vector<std::string> totals;
  for (const auto& v : matches(summary, std::regex("<c r=\"F\\d+\" s=\"\\d+\"><v>([^<]*)</v>"))) {
    const auto exact = Rational::parse(v);
    REQUIRE(exact);
    totals.push_back(exact->to_fixed(2));
  }
  CHECK(totals == json_totals());
}
