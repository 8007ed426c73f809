// A table too tall for one printed page, even at half size, is broken
// between its rows into pages: each further page is headed by the table's
// name with 续 and the column headings, the total row, the notes and the
// lines to sign come once at the end, and the page numbers run on.
// tests/browser/check_print_continued.sh prints the same report.

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <regex>

#include "perfeval/runtime/internal/print_pages.hpp"
#include "test_reports_support.hpp"

using namespace perfeval;
using namespace perfeval::test;
using perfeval::report_detail::break_pages;
using perfeval::report_detail::PrintFit;
using perfeval::report_detail::TableParts;

namespace {

// tests/browser/tall: one project type of 60 indicators, some explained at length.
const RunResults& tall_run() {
  struct TallRun {
    SourceManager sources;
    RunResults results;
  };
  static const TallRun tall = [] {
    TallRun out;
    const std::filesystem::path previous = std::filesystem::current_path();
    std::filesystem::current_path(PERFEVAL_SOURCE_DIR);
    RunOptions options;
    options.rules = "tests/browser/tall/rules";
    options.data = {"tests/browser/tall/data"};
    out.results = run(options, out.sources);
    std::filesystem::current_path(previous);
    return out;
  }();
  return tall.results;
}

// The printed pages of a report, each from "<section" to "</section>".
std::vector<std::string> sheets(const std::string& html) {
  std::vector<std::string> out;
  for (auto at = html.find("<section "); at != std::string::npos;
       at = html.find("<section ", at + 1)) {
    out.push_back(html.substr(at, html.find("</section>", at) - at));
  }
  return out;
}

}  // namespace

TEST_CASE("print pages: a table that fits at half size is not broken") {
  PrintFit table;
  table.fixed(50'000);  // head, ending with the column headings
  table.fixed(5'000);
  for (int row = 0; row < 20; ++row) {
    table.fixed(10'000);
  }
  table.fixed(20'000);  // foot
  PrintFit caption;
  caption.fixed(5'000);
  const auto one = break_pages(table, {2, 22}, caption, 170'000);
  CHECK(one.starts.empty());
  CHECK(one.scale == table.scale_to_fit(170'000));
  CHECK(table.height(one.scale) <= 170'000);
}

TEST_CASE("print pages: a taller table breaks between rows, each page within the page") {
  PrintFit table;
  table.fixed(50'000);
  table.fixed(5'000);  // the column headings, repeated on each further page
  for (int row = 0; row < 100; ++row) {
    table.fixed(10'000);
  }
  table.fixed(20'000);
  PrintFit caption;
  caption.fixed(5'000);
  const TableParts parts{2, 102};
  const std::int64_t available = 170'000;
  const auto breaks = break_pages(table, parts, caption, available);
  REQUIRE(breaks.pages() > 1);
  CHECK(breaks.scale >= 50);
  // Each page's height at the chosen scale, the foot on the last.
  std::size_t first = 0;
  for (std::size_t page = 0; page < breaks.pages(); ++page) {
    const std::size_t last = page < breaks.starts.size() ? breaks.starts[page] : 100;
    CHECK(last > first);  // at least one row a page
    std::int64_t used = page == 0 ? table.height(breaks.scale, 0, 2)
                                  : caption.height(breaks.scale) + table.height(breaks.scale, 1, 2);
    used += table.height(breaks.scale, 2 + first, 2 + last);
    if (page + 1 == breaks.pages()) {
      used += table.height(breaks.scale, 102, table.size());
    }
    CHECK(used <= available);
    first = last;
  }
  // At half size the rows take 4 pages (28, 33, 33 and 6 rows); at 60 %
  // still 4 (22, 27, 27, 24), at 65 % 5: the largest scale of the fewest pages.
  CHECK(breaks.pages() == 4);
  CHECK(breaks.scale == 60);
}

TEST_CASE("print pages: the range heights add up to the whole") {
  PrintFit fit;
  fit.fixed(14'800);
  fit.row({{"州人社局尾款项目", 500}});
  fit.row({{std::string(300, 'x'), 100}});
  CHECK(fit.size() == 3);
  for (const std::int64_t percent : {100, 75, 50}) {
    CHECK(fit.height(percent, 0, 3) == fit.height(percent));
    CHECK(fit.height(percent, 0, 1) + fit.height(percent, 1, 3) <= fit.height(percent));
    CHECK(fit.height(percent, 0, 1) + fit.height(percent, 1, 3) >= fit.height(percent) - 1);
  }
}

TEST_CASE("reports html: a table too tall for a page continues under its name and 续") {
  const RunResults& results = tall_run();
  REQUIRE(results.projects.size() == 1);
  REQUIRE(results.projects[0].indicators.size() == 60);
  const std::string html = written(write_html, results);
  const std::vector<std::string> pages = sheets(html);
  REQUIRE(pages.size() >= 3);  // the table on two pages at least, and the summary
  const std::size_t table_pages = pages.size() - 1;
  CHECK(count(html, "<section class=\"sheet table\"") == 1);
  CHECK(count(html, "<section class=\"sheet continued\"") == table_pages - 1);
  // Every page has the column headings; the title and funds only the first.
  CHECK(count(html, "<thead><tr><th>一级指标</th>") == table_pages);
  CHECK(count(html, "<table class=\"funds\">") == 1);
  std::string scale;
  std::size_t rows = 0;
  for (std::size_t n = 0; n < table_pages; ++n) {
    const std::string& page = pages[n];
    CAPTURE(n);
    CHECK(page.find(fmt::format("<p class=\"page-number\">第 {} 页 共 {} 页</p>", n + 1,
                                pages.size())) != std::string::npos);
    CHECK(count(page,
                "<p class=\"continued\">项目名称：全州就业创业综合服务能力提升项目（续）</p>") ==
          (n == 0 ? 0 : 1));
    // The total, the notes and the lines to sign on the last page only.
    const bool last = n + 1 == table_pages;
    CHECK(count(page, "<tr class=\"total") == (last ? 1 : 0));
    CHECK(count(page, "<ul class=\"notes\">") == (last ? 1 : 0));
    CHECK(count(page, "<span>填报人：") == (last ? 1 : 0));
    CHECK(count(page, "<span>审核人：") == (last ? 1 : 0));
    // The same scale on every page of the table.
    std::smatch match;
    REQUIRE(std::regex_search(page, match, std::regex("data-scale=\"(\\d+)\"")));
    if (n == 0) {
      scale = match[1];
    }
    CHECK(match[1] == scale);
    // Each page starts its rows with their 一级 and 二级 categories.
    const auto body = page.find("<tbody>\n");
    REQUIRE(body != std::string::npos);
    const std::string first_row = page.substr(body + 8, page.find("</tr>", body) - body - 8);
    CHECK(count(first_row, "class=\"category\"") == 2);
    rows += count(page, "<td class=\"num\">1.5</td>");  // every row weighs 1.5
  }
  CHECK(rows == 60);  // none lost, none written twice
  CHECK(std::stoi(scale) >= 50);
  // The notes' marks run on across the pages: ※1, ※2, ... each once in a row.
  CHECK(count(html, "<span class=\"mark\">※1</span>") == 2);
  CHECK(pages.back().find("第 " + std::to_string(pages.size()) + " 页 共") != std::string::npos);
}

TEST_CASE("reports html: a continued table in English") {
  const std::string html = written(write_html, tall_run(), Lang::en);
  CHECK(count(html,
              "<p class=\"continued\">Project: 全州就业创业综合服务能力提升项目 "
              "(continued)</p>") == count(html, "<section class=\"sheet continued\""));
  CHECK(count(html, "<section class=\"sheet continued\"") >= 1);
  CHECK(count(html, "<span>Prepared by: ") + count(html, "<span>Prepared by：") == 1);
}

TEST_CASE("reports html: a merged category cell broken by a page is written again") {
  // 产出指标 spans the first 40 rows of the tall table: on every page that
  // continues it, the first row carries it again, spanning what is left.
  const std::string html = written(write_html, tall_run());
  const std::vector<std::string> pages = sheets(html);
  std::size_t covered = 0;
  for (std::size_t n = 0; n + 1 < pages.size(); ++n) {
    std::smatch match;
    if (std::regex_search(pages[n], match,
                          std::regex("<td class=\"category\"(?: rowspan=\"(\\d+)\")?>产出指标<"))) {
      covered += match[1].matched ? std::stoul(match[1]) : 1;
    }
  }
  CHECK(covered == 40);
}
