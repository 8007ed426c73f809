// Terminal layout: wrapping cells, narrowing columns to a width, and short
// names that never come out alike.

#include <catch2/catch.hpp>
#include <set>

#include "perfeval/lang/source.hpp"
#include "perfeval/runtime/internal/text_layout.hpp"

using namespace perfeval;
using Lines = std::vector<std::string>;

TEST_CASE("layout: wrap breaks at spaces, else between characters, by display width") {
  CHECK(layout::wrap("", 5) == Lines{""});
  CHECK(layout::wrap("reported 3.9, computed 3.96", 14) == Lines{"reported 3.9,", "computed 3.96"});
  CHECK(layout::wrap("参加招聘的企业数量", 8) == Lines{"参加招聘", "的企业数", "量"});
  // A wide character never straddles the edge: 7 columns hold three.
  CHECK(layout::wrap("参加招聘", 7) == Lines{"参加招", "聘"});
  CHECK(layout::wrap("Subcategory", 4) == Lines{"Subc", "ateg", "ory"});
  for (const auto& line :
       layout::wrap("Score: reported 3.9, computed 3.96 多渠道促进高校毕业生", 10)) {
    CHECK(display_width(line) <= 10);
  }
}

TEST_CASE("layout: fit_columns narrows the widest column first, never below its floor") {
  // 2 + 10 + 2 + 30 + 2 + 6 = 52 columns; 40 take 12 off the widest.
  CHECK(layout::fit_columns({10, 30, 6}, {4, 4, 6}, 2, 40) == std::vector<std::size_t>{10, 18, 6});
  // Narrowed until the two widest are level, then both.
  CHECK(layout::fit_columns({10, 30, 6}, {4, 4, 6}, 2, 30) == std::vector<std::size_t>{9, 9, 6});
  // What fits is left alone; what cannot fit stops at the floors.
  CHECK(layout::fit_columns({10, 30, 6}, {4, 4, 6}, 2, 80) == std::vector<std::size_t>{10, 30, 6});
  CHECK(layout::fit_columns({10, 30, 6}, {4, 4, 6}, 2, 10) == std::vector<std::size_t>{4, 4, 6});
}

TEST_CASE("layout: short names are never alike unless the names are") {
  const std::vector<std::string> names{
      "2024年自治区就业补助资金就业见习补贴第一批次拨付项目",
      "2024年自治区就业补助资金就业见习补贴第二批次拨付项目",
      "2024年自治区就业补助资金就业见习补贴第二批次拨付项目",  // the same table twice
      "援疆工作经费"};
  const auto shown = layout::distinct_short_names(names, 40);
  REQUIRE(shown.size() == 4);
  CHECK(shown[0] != shown[1]);
  CHECK(shown[1] == shown[2]);
  CHECK(shown[3] == "援疆工作经费");
  for (const auto& name : shown) {
    CHECK(display_width(name) <= 40);
  }
  // Where the difference is (第一 / 第二) shows.
  CHECK(shown[0].find("一") != std::string::npos);
  CHECK(shown[1].find("二") != std::string::npos);

  // Names alike up to their last character still come out apart.
  std::vector<std::string> many;
  for (const char* end : {"A", "B", "C", "D"}) {
    many.push_back(std::string(60, 'x') + end);
  }
  const auto cut = layout::distinct_short_names(many, 20);
  CHECK(std::set<std::string>(cut.begin(), cut.end()).size() == 4);
  for (const auto& name : cut) {
    CHECK(display_width(name) <= 20);
  }
}

#include <sstream>

#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/run.hpp"

TEST_CASE("layout: a project's table fits the width it is given, cutting no name") {
  RunOptions options;
  options.rules = std::string(PERFEVAL_SOURCE_DIR) + "/rules";
  options.data = {std::string(PERFEVAL_SOURCE_DIR) + "/examples/weikuan.json"};
  SourceManager sources;
  const RunResults results = run(options, sources);
  REQUIRE(results.projects.size() == 1);
  for (const Lang lang : {Lang::zh, Lang::en}) {
    for (const std::size_t width : {70u, 90u, 120u}) {
      INFO("width " << width);
      TextOptions text{lang, false, 40};
      text.width = width;
      std::ostringstream out;
      write_text(out, results, text);
      std::istringstream lines(out.str());
      for (std::string line; std::getline(lines, line);) {
        INFO(line);
        CHECK(display_width(line) <= width);
        CHECK(line.find("…") == std::string::npos);
      }
    }
  }
  // Without a width (a file) the table is as wide as it needs, as before.
  std::ostringstream whole;
  write_text(whole, results, TextOptions{Lang::zh, false, 40});
  CHECK(whole.str().find("拨付州人社局劳动保障大厦维修项目资金尾款") != std::string::npos);
}

#include <cstdio>
#include <cstdlib>

#include "perfeval/runtime/report_stream.hpp"

TEST_CASE("layout: a stream's summary never shows two different names alike") {
  const std::string start(50, 'x');  // cut at 40 columns alike
  std::vector<ProjectResult> results(4);
  const std::vector<std::string> names{start + "-one", start + "-two", start + "-one",
                                       start + "-three"};
  for (std::size_t k = 0; k < results.size(); ++k) {
    results[k].project = names[k];
    results[k].complete = true;
    results[k].total = Rational(100 - static_cast<int>(k));
  }
  char* text = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&text, &size);
  std::FILE* err = std::fopen("/dev/null", "w");
  SourceManager sources;
  TextOptions options;
  options.lang = Lang::en;
  StreamWriter writer(StreamFormat::text, sources, options, out, err);
  // Two chunks, so that a name met in an earlier one is remembered.
  for (const auto& range : {std::pair{0, 2}, std::pair{2, 4}}) {
    BatchChunk chunk;
    for (int k = range.first; k < range.second; ++k) {
      DataRecord record;
      record.label = "t" + std::to_string(k);
      RecordOutcome outcome{record, &results[k], {}, nullptr, {}};
      writer.take(outcome, chunk);
    }
    writer.hand_on(chunk);
  }
  writer.finish();
  std::fclose(out);
  std::fclose(err);
  std::istringstream lines(std::string(text, size));
  std::free(text);
  std::vector<std::string> shown;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("  x")) {
      shown.push_back(line.substr(0, line.find("  ", 2)));
    }
  }
  REQUIRE(shown.size() == 4);
  CHECK(shown[0] == shown[2]);  // the same name, shown the same way
  CHECK(shown[0] != shown[1]);
  CHECK(shown[1] != shown[3]);
  CHECK(shown[0] != shown[3]);
  for (const auto& name : shown) {
    CHECK(display_width(name) <= 2 + 40);
  }
}
