// The HTML report as text: one self-contained page, the printed form's
// layout, escaped names. (tests/browser/ checks what chromium makes of it.)

#include <catch2/catch.hpp>
#include <regex>

#include "test_reports_support.hpp"

using namespace perfeval;
using namespace perfeval::test;

TEST_CASE("reports html: one page, a sheet per table, print CSS, nothing external") {
  const std::string html = written(write_html, seed_run().results);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
  CHECK(html.find("@page { size: A4 landscape;") != std::string::npos);
  CHECK(html.find("page-break-after: always") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(count(html, "<section class=\"sheet table\" data-kind=\"project\"") == 16);
  CHECK(count(html, "<section class=\"sheet table\" data-kind=\"unit\"") == 1);
  CHECK(count(html, "<h1>项目支出绩效自评表</h1>") == 16);
  CHECK(count(html, "<h1>单位整体支出绩效自评表</h1>") == 1);
  CHECK(count(html, "<p class=\"year\">（2024年度）</p>") == 17);
  CHECK(html.find("<section class=\"sheet summary\" data-scale=\"") != std::string::npos);
  CHECK(html.find("<svg class=\"chart\"") != std::string::npos);
}

TEST_CASE("reports html: the printed form's blocks and merged category cells") {
  const std::string html = written(write_html, seed_run().results);
  CHECK(html.find("<th>项目名称</th><td colspan=\"3\" class=\"name\">州人社局尾款项目</td>") !=
        std::string::npos);
  CHECK(html.find("<th>主管部门</th><td>昌吉州人力资源和社会保障局</td>") != std::string::npos);
  for (const char* heading : {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
                              "三级指标", "权重", "目标值", "业绩值", "完成率", "指标得分",
                              "填报完成率", "填报得分", "偏差说明", "偏差原因分析及改进措施"}) {
    CHECK(html.find(std::string("<th>") + heading + "</th>") != std::string::npos);
  }
  // 州人社局尾款项目: 成本指标 covers three rows, 产出指标 three single 二级 cells.
  CHECK(html.find("<td class=\"category\" rowspan=\"3\">成本指标</td>"
                  "<td class=\"category\" rowspan=\"3\">经济成本指标</td>") != std::string::npos);
  // The unit table's own headings.
  CHECK(html.find("<th>单位名称</th>") != std::string::npos);
  CHECK(html.find("<th>预期指标值</th>") != std::string::npos);
  CHECK(html.find("<th>实际完成指标值</th>") != std::string::npos);
}

TEST_CASE("reports html: flagged rows are marked and explained under the table") {
  const std::string html = written(write_html, seed_run().results);
  CHECK(html.find("<tr class=\"flagged\">") != std::string::npos);
  CHECK(html.find("<td><span class=\"mark\">※1</span>州人社局劳动保障大厦维修项目资金尾款</td>") !=
        std::string::npos);
  CHECK(html.find("<li><span class=\"mark\">※1</span>州人社局劳动保障大厦维修项目资金尾款："
                  "得分：填报 3.9，按规则应为 3.96</li>") != std::string::npos);
  CHECK(html.find("<li><span class=\"mark\">※2</span>总分：填报 99.90，按规则应为 99.96</li>") !=
        std::string::npos);
  CHECK(count(html, "class=\"center status-missing\">缺失</td>") == 5);
  CHECK(count(html, "缺少偏差原因分析</li>") == 5);
}

TEST_CASE("reports html: every piece of text is escaped") {
  const std::string html = written(write_html, tricky_results());
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("A &quot;quoted&quot;, &lt;b&gt;bold&lt;/b&gt; &amp; &#39;x&#39; | y\nz") !=
        std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  // Attribute values too: the file name goes into data-file="...".
  RunResults results = tricky_results();
  results.projects[0].file = "a\"b<c>.json";
  CHECK(written(write_html, results).find("data-file=\"a&quot;b&lt;c&gt;.json\"") !=
        std::string::npos);
}

TEST_CASE("reports html: English headings for Lang::en") {
  const std::string html = written(write_html, seed_run().results, Lang::en);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("<h1>Project Expenditure Performance Self-Evaluation</h1>") != std::string::npos);
  CHECK(html.find("<h1>Unit Overall Expenditure Performance Self-Evaluation</h1>") !=
        std::string::npos);
  CHECK(html.find("score: reported 3.9, by the rules 3.96") != std::string::npos);
  CHECK(html.find("项目名称") == std::string::npos);
}

TEST_CASE("reports html: the 年度总体目标 text and the 其中 funds rows of every table") {
  const std::string html = written(write_html, seed_run().results);
  CHECK(count(html, "<table class=\"goals\">") == 17);
  CHECK(html.find("截止2024年12月31日，该项目实际完成了三个项目的尾款支付") != std::string::npos);
  CHECK(count(html, "<tr><th>其中：当年财政拨款</th>") == 16);
  CHECK(count(html, "<tr><th>本级资金</th>") == 1);
}

TEST_CASE("reports html: each table a printed page with its number and lines to sign") {
  const std::string html = written(write_html, seed_run().results);
  CHECK(count(html, "<p class=\"page-number\">") == 18);
  CHECK(html.find("<p class=\"page-number\">第 1 页 共 18 页</p>") != std::string::npos);
  CHECK(html.find("<p class=\"page-number\">第 18 页 共 18 页</p>\n</section>\n</body>") !=
        std::string::npos);
  CHECK(count(html, "<span>填报人：<span class=\"blank\"></span></span>") == 17);
  CHECK(count(html, "<span>审核人：<span class=\"blank\"></span></span>") == 17);
  CHECK(count(html, "<span>日期：<span class=\"blank\"></span></span>") == 17);
  CHECK(html.find(".fit { zoom: var(--scale, 1); }") != std::string::npos);
  // A long table is scaled down, a short one is not.
  CHECK(std::regex_search(html, std::regex("data-scale=\"([5-8][05]|9[05])\">\n<div class=\"fit\" "
                                           "style=\"--scale:0\\.[5-9]5?\">")));
  CHECK(written(write_html, seed_run().results, Lang::en).find("Page 18 of 18") !=
        std::string::npos);
}

TEST_CASE("reports html: the longer the table, the smaller it prints") {
  auto scale_of = [](std::size_t copies) {
    RunResults results;
    ProjectResult p = seed_project("examples/weikuan.json");
    const auto indicators = p.indicators;
    for (std::size_t n = 1; n < copies; ++n) {
      p.indicators.insert(p.indicators.end(), indicators.begin(), indicators.end());
    }
    results.projects.push_back(p);
    const std::string html = written(write_html, results);
    std::smatch scale;
    REQUIRE(std::regex_search(html, scale, std::regex("sheet table[^>]* data-scale=\"(\\d+)\"")));
    return std::stoi(scale[1].str());
  };
  const int one = scale_of(1);
  const int two = scale_of(2);
  CHECK(one <= 100);
  CHECK(two < one);
  // Ten times as long, it does not fit one page even at half size, the
  // smallest it goes: it is broken into pages (test_reports_html_pages.cpp),
  // at the largest scale that needs no more pages than half size would.
  CHECK(scale_of(10) >= 50);
}
