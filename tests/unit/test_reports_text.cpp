// The terminal summary line a stream writes for each table: the name in a
// column of the widest allowed width (CJK = 2 columns), cut with "…" when
// longer, the total right-aligned in 7 columns, the band, and notes.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "perfeval/lang/source.hpp"
#include "perfeval/runtime/report.hpp"

using namespace perfeval;

namespace {

ProjectResult scored(std::string name, Rational total, std::string band) {
  ProjectResult p;
  p.project = std::move(name);
  p.complete = true;
  p.total = total;
  p.band = std::move(band);
  return p;
}

TextOptions english() {
  TextOptions options;
  options.lang = Lang::en;
  return options;
}

std::string repeated(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) {
    out += piece;
  }
  return out;
}

}  // namespace

TEST_CASE("text summary line: a Chinese name is padded by display width") {
  const ProjectResult p = scored("就业工作经费", Rational::fraction(9769, 100), "优");
  const std::string line = text_summary_line(p, english());
  // 6 characters of 2 columns, padded to 40, then the total in 7 columns.
  CHECK(line == "  就业工作经费" + std::string(28, ' ') + "    97.69  优");
  CHECK(display_width(line) == 2 + 40 + 2 + 7 + 2 + 2);
}

TEST_CASE("text summary line: a name wider than allowed is cut with an ellipsis") {
  const ProjectResult p = scored(repeated("项", 25), Rational(100), "优");
  const std::string line = text_summary_line(p, english());
  // 19 characters (38 columns) and "…" (1) leave one column of padding.
  CHECK(line == "  " + repeated("项", 19) + "… " + "   100.00  优");
  CHECK(display_width(line.substr(0, line.find("100.00"))) == 2 + 40 + 2 + 1);
}

TEST_CASE("text summary line: differences and missing explanations follow the band") {
  ProjectResult p = scored("援疆工作经费", Rational::fraction(9344, 100), "优");
  IndicatorResult missing;
  missing.scored = true;
  missing.explanation_required = true;
  p.indicators.push_back(missing);
  p.total_difference = Difference{};
  const std::string line = text_summary_line(p, english());
  CHECK(line.ends_with("93.44  优    differ 1  missing expl. 1"));
  TextOptions chinese = english();
  chinese.lang = Lang::zh;
  CHECK(text_summary_line(p, chinese).ends_with("93.44  优    不符 1  缺说明 1"));
}

TEST_CASE("text summary line: a table not scored shows a dash and says so") {
  ProjectResult p;
  p.project = "机关运行补助经费";
  const std::string line = text_summary_line(p, english());
  CHECK(line ==
        "  机关运行补助经费" + std::string(24, ' ') + "        —  " + "    " + "  not scored");
}

TEST_CASE("text summary line: appended lines are the lines returned") {
  const ProjectResult a = scored("劳动保障监察工作经费", Rational::fraction(9744, 100), "优");
  const ProjectResult b = scored(repeated("a", 50), Rational::fraction(8831, 100), "良");
  std::string out = "Summary\n";
  append_text_summary_line(out, a, english());
  out += '\n';
  append_text_summary_line(out, b, english());
  CHECK(out ==
        "Summary\n" + text_summary_line(a, english()) + "\n" + text_summary_line(b, english()));
}

TEST_CASE("text summary: two long names never show alike, and a terminal narrows them") {
  RunResults results;
  results.projects.push_back(scored(repeated("项", 25) + "甲", Rational(100), "优"));
  results.projects.push_back(scored(repeated("项", 25) + "乙", Rational(99), "优"));
  results.data_files = 2;
  std::ostringstream out;
  write_text(out, results, english());
  const std::string text = out.str();
  const auto summary = text.substr(text.find("Summary\n"));
  CHECK(summary.find("甲") != std::string::npos);
  CHECK(summary.find("乙") != std::string::npos);

  // A stream's line on a terminal 40 columns wide leaves room for the total.
  TextOptions narrow = english();
  narrow.width = 40;
  const std::string line = text_summary_line(results.projects[0], narrow);
  CHECK(display_width(line) <= 40);
  CHECK(line.ends_with("100.00  优"));
}
