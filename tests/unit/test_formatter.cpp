// perfeval fmt: table-driven input -> expected layout, and for every case and
// every shipped rule file the three promises: the same AST, the same
// comments, and a second run changes nothing.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../../lang/src/messages.hpp"
#include "perfeval/lang/ast_dump.hpp"
#include "perfeval/lang/formatter.hpp"
#include "perfeval/lang/parser.hpp"

using namespace perfeval;

namespace {

struct Formatted {
  SourceManager sources;
  DiagnosticSink sink;
  std::optional<std::string> text;

  std::string errors() const {
    std::string out;
    for (const auto& d : sink.all()) out += render(d, sources, Lang::en);
    return out;
  }
};

std::unique_ptr<Formatted> format(const std::string& text) {
  auto f = std::make_unique<Formatted>();
  f->text = format_rules(f->sources.add("t.perf", text), f->sources, f->sink);
  return f;
}

// The formatted text, or the diagnostics when there is none.
std::string fmt(const std::string& text) {
  const auto f = format(text);
  return f->text ? *f->text : "no output: " + f->errors();
}

// ast_dump prints where each node starts as `@line:column`; formatting moves
// nodes, so compare without them.
std::string without_positions(const std::string& dump) {
  std::string out;
  for (std::size_t i = 0; i < dump.size(); ++i) {
    if (dump[i] == '@' && i + 1 < dump.size() &&
        std::isdigit(static_cast<unsigned char>(dump[i + 1]))) {
      std::size_t j = i + 1;
      while (j < dump.size() &&
             (std::isdigit(static_cast<unsigned char>(dump[j])) || dump[j] == ':'))
        ++j;
      i = j - 1;
      continue;
    }
    out += dump[i];
  }
  return out;
}

// ast_dump prints a target as written and then as read; fmt may change the
// spacing of the first, so compare the second.
std::string without_target_text(const std::string& dump) {
  std::string out;
  std::istringstream lines(dump);
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t target = line.find("target \"");
    if (target != std::string::npos) {
      std::size_t end = target + 8;
      while (end < line.size() && line[end] != '"') end += line[end] == '\\' ? 2 : 1;
      line.erase(target + 7, end + 1 - (target + 7));
    }
    out += line + '\n';
  }
  return out;
}

// The AST of `text` without positions and target texts, or the parse errors.
std::string ast_of(const std::string& text) {
  SourceManager sources;
  DiagnosticSink sink;
  const auto file = parse_rules(sources.add("t.perf", text), sources, sink);
  if (!file)
    return "does not parse";
  return without_target_text(without_positions(dump(*file, sources)));
}

// Every comment's text, in order, without trailing spaces.
std::vector<std::string> comments_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    bool quoted = false;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
      if (line[i] == '"')
        quoted = !quoted;
      else if (quoted && line[i] == '\\')
        ++i;
      else if (!quoted && line[i] == '/' && line[i + 1] == '/') {
        std::string c = line.substr(i);
        while (!c.empty() && (c.back() == ' ' || c.back() == '\t' || c.back() == '\r'))
          c.pop_back();
        out.push_back(c);
        break;
      }
    }
  }
  return out;
}

// The promises every formatted file keeps.
void check_promises(const std::string& input, const std::string& output) {
  CHECK(ast_of(output) == ast_of(input));
  CHECK(comments_of(output) == comments_of(input));
  CHECK(fmt(output) == output);
  CHECK((output.empty() || (output.back() == '\n' && !output.ends_with("\n\n"))));
  CHECK(output.find('\r') == std::string::npos);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Case {
  const char* name;
  const char* input;
  const char* expected;
};

const Case kCases[] = {
    {"use statements: one space, quotes kept, spelling kept, comments kept",
     "// 政策库\nuse   \"../library\"   // 全国\n使用    全国模板\n\npolicy P extends 全国模板 "
     "{\n}\n",
     "// 政策库\nuse \"../library\"  // 全国\n使用 全国模板\n\npolicy P extends 全国模板 {\n}\n"},
    {"messy spacing", R"~(policy   P{total 100 round score 2
round rate   2
explain when rate!=100%
funds{weight 10 rate=executed/budget
score=round( weight*min(rate,100%) ,1)}
band 优>=90
})~",
     R"~(policy P {
  total 100
  round score 2
  round rate 2
  explain when rate != 100%
  funds {
    weight 10
    rate  = executed / budget
    score = round(weight * min(rate, 100%), 1)
  }
  band 优 >= 90
}
)~"},

    {"indentation with tabs and stray spaces",
     "method M {\n\t\trate = actual / target\n"
     "      score = weight * rate\n        }\n",
     R"~(method M {
  rate  = actual / target
  score = weight * rate
}
)~"},

    {"comments around statements", R"~(// file header

// about P
policy P { // trailing on the header
  // own line in the block

  total 100 // trailing on a statement


  // after two blank lines
  band 优 // inside a simple statement
    >= 90
  // before the closing brace
} // after the closing brace
// at the end
)~",
     R"~(// file header

// about P
policy P {  // trailing on the header
  // own line in the block

  total 100  // trailing on a statement

  // after two blank lines
  // inside a simple statement
  band 优 >= 90
  // before the closing brace
}  // after the closing brace
// at the end
)~"},

    {"comments inside formulas", R"~(method M {
  rate = // why this rate
    actual / target
  score = weight * // the weight
      rate  // and the rate
  // own line between statements
  met = actual >= target
  explain when score
      // own line inside a formula
      < weight
}
)~",
     R"~(method M {
  rate  =  // why this rate
    actual / target
  score = weight *  // the weight
          rate  // and the rate
  // own line between statements
  met   = actual >= target
  explain when score
               // own line inside a formula
               < weight
}
)~"},

    {"comments inside headers and indicators move above them", R"~(project X // in the header
policy P {
  A / // in a group header
  B {
    indicator N weight 1 // inside an indicator
      target >= 1人 method M // after it
  }
}
)~",
     R"~(// in the header
project X policy P {
  // in a group header
  A / B {
    // inside an indicator
    indicator N  weight 1  target >= 1人  method M  // after it
  }
}
)~"},

    {"chinese keywords stay chinese", R"~(政策 新疆 {总分 100
舍入 得分 2
档次 优 >= 90}
方法 M{完成率=实际/目标 得分=权重*完成率}
项目 "某项目" 政策 新疆{产出指标/数量指标{指标 甲 权重 10 目标 >=5人 方法 M}})~",
     R"~(政策 新疆 {
  总分 100
  舍入 得分 2
  档次 优 >= 90
}
方法 M {
  完成率 = 实际 / 目标
  得分   = 权重 * 完成率
}
项目 "某项目" 政策 新疆 {
  产出指标 / 数量指标 {
    指标 甲  权重 10  目标 >= 5人  方法 M
  }
}
)~"},

    {"multi-line formulas are re-indented under their first character",
     R"~(method 按照完成比例赋分 {
rate = if graded then grade
else if target = 0 then (if actual <= 0 then 100% else 0%)
   else actual / target
    score =
  weight *
      max(0, 1 - abs(rate - 100%))
}
)~",
     R"~(method 按照完成比例赋分 {
  rate  = if graded then grade
          else if target = 0 then (if actual <= 0 then 100% else 0%)
          else actual / target
  score =
    weight *
    max(0, 1 - abs(rate - 100%))
}
)~"},

    {"unary minus, not, calls and brackets", R"~(method M {
  score = - weight * ( - rate ) + 1 - -2 - - ( 3 )
  met = not ( actual > target ) and true or not false
  rate = max ( 1 , abs( -actual ) )
}
)~",
     R"~(method M {
  score = -weight * (-rate) + 1 - -2 - -(3)
  met   = not (actual > target) and true or not false
  rate  = max(1, abs(-actual))
}
)~"},

    {"indicator columns aligned by display width", R"~(project "P" policy Q {
  产出指标 / 数量指标 {
    indicator 短 weight 5 target >= 1人 method M
    indicator "长名称（%）" weight 10 target = 100% method 按照完成比例赋分
    // a comment does not break the columns
    indicator abc weight 15 target 长期 method M

    indicator 一个空行之后 weight 1 target 2024年12月10日 method M
    指标 中文 权重 2 目标 <= 3万元 方法 M
  }
}
)~",
     R"~(project "P" policy Q {
  产出指标 / 数量指标 {
    indicator 短             weight 5   target >= 1人  method M
    indicator "长名称（%）"  weight 10  target = 100%  method 按照完成比例赋分
    // a comment does not break the columns
    indicator abc            weight 15  target 长期    method M

    indicator 一个空行之后  weight 1  target 2024年12月10日  method M
    指标 中文               权重 2    目标 <= 3万元          方法 M
  }
}
)~"},

    {"names and numbers are kept as written; a target gets one space after its operator",
     R"~(project P policy Q {
  "产出" / 数量 {
    indicator "a \"b\" \\ c" weight 2.50 target >= 13 人 method "M"
    indicator x weight 1 target "长期" method M
    indicator y weight 1 target >=13人 method M
  }
}
method M { score = 0.50 * 100% }
)~",
     R"~(project P policy Q {
  "产出" / 数量 {
    indicator "a \"b\" \\ c"  weight 2.50  target >= 13 人  method "M"
    indicator x               weight 1     target "长期"    method M
    indicator y               weight 1     target >= 13人   method M
  }
}
method M {
  score = 0.50 * 100%
}
)~"},

    {"blank lines: collapsed, none after { or before }", R"~(


policy P {

  total 100



  round score 2

}



method M {

  score = 1

}


)~",
     R"~(policy P {
  total 100

  round score 2
}

method M {
  score = 1
}
)~"},

    {"chinese method statements",
     "赋分规则 M { 等级 好 = 100% 达标 = 实际 >= 目标 说明 当 得分 < 权重 并且 非 假 }\n",
     R"~(赋分规则 M {
  等级 好 = 100%
  达标 = 实际 >= 目标
  说明 当 得分 < 权重 并且 非 假
}
)~"},

    {"a method inside a policy", R"~(policy P { total 100
method M { rate = actual / target
score = weight * rate } band 优 >= 90 }
)~",
     R"~(policy P {
  total 100
  method M {
    rate  = actual / target
    score = weight * rate
  }
  band 优 >= 90
}
)~"},

    {"names that are spelled like keywords", R"~(policy rate { grade score = 1 }
method method { rate = weight score = rate }
project total policy rate { weight / total { indicator rate weight 1 target 1 method method } }
)~",
     R"~(policy rate {
  grade score = 1
}
method method {
  rate  = weight
  score = rate
}
project total policy rate {
  weight / total {
    indicator rate  weight 1  target 1  method method
  }
}
)~"},

    {"category weights: one line each, aligned in a run, in a policy and a project",
     R"~(policy P extends Q {
category 产出指标 weight 50   // 产出
  类别 效益指标/社会效益指标 权重 20.5

    category "满意度指标" weight 10
}
project X policy P {
  category 产出指标/数量指标 weight 10
  产出指标 / 数量指标 {
    indicator A weight 10 target >= 1个 method M
  }
    类别 效益指标 权重 0
}
)~",
     R"~(policy P extends Q {
  category 产出指标             weight 50  // 产出
  类别 效益指标 / 社会效益指标  权重 20.5

  category "满意度指标"  weight 10
}
project X policy P {
  category 产出指标 / 数量指标  weight 10
  产出指标 / 数量指标 {
    indicator A  weight 10  target >= 1个  method M
  }
  类别 效益指标  权重 0
}
)~"},
    {"grade bands and requirements",
     R"~(method 定性 {
  grade 达成 = 80%..100%
  等级 部分 = 60%   至   80%
  grade 负 = -10% .. -(5%)
  require entered>=weight*grade_low  // 下限
  要求 填报得分 < 权重 * 等级上限 或者 等级上限 = 100%
     或者 等级下限 = 等级上限
  score = entered
  rate = 1
}
)~",
     R"~(method 定性 {
  grade 达成 = 80% .. 100%
  等级 部分 = 60% 至 80%
  grade 负 = -10% .. -(5%)
  require entered >= weight * grade_low  // 下限
  要求 填报得分 < 权重 * 等级上限 或者 等级上限 = 100%
       或者 等级下限 = 等级上限
  score = entered
  rate  = 1
}
)~"},

    {"comments between any two tokens of a formula stay at their place",
     R"~(method M { // after the brace
  rate = min( // after a call's (
    actual // after an argument
    , // after a comma
    target // before )
  ) // after the call
  score = if graded // before then
    then ( // inside brackets
      weight // before the )
    ) // before else
    else not // after not
      false // at the end of the formula
  grade 好 = 80% // before ..
    .. 100%
}
)~",
     R"~(method M {  // after the brace
  rate  = min(  // after a call's (
          actual  // after an argument
          ,  // after a comma
          target  // before )
          )  // after the call
  score = if graded  // before then
          then (  // inside brackets
          weight  // before the )
          )  // before else
          else not  // after not
          false  // at the end of the formula
  grade 好 = 80%  // before ..
             .. 100%
}
)~"},

    {"comments before and inside every kind of block, and at the end",
     R"~(// before the first declaration
policy P { funds // inside the funds header
{ weight 10 // in funds
// before the funds }
} }
// before a project

project X // inside the header
 policy P {
  // before a group
  A / B {
    indicator N weight 1 target 1 method M // trailing
    // before the group's }
  }
  // before the project's }
}
// at the end of the file)~",
     R"~(// before the first declaration
policy P {
  // inside the funds header
  funds {
    weight 10  // in funds
    // before the funds }
  }
}
// before a project

// inside the header
project X policy P {
  // before a group
  A / B {
    indicator N  weight 1  target 1  method M  // trailing
    // before the group's }
  }
  // before the project's }
}
// at the end of the file
)~"},

    {"blank lines between indicators, groups and categories: kept, one at most",
     R"~(project X policy P {
  category A weight 2


  A / B {
    indicator N weight 1 target 1 method M



    indicator O weight 1 target 1 method M
  }

  A / C {

    indicator Q weight 1 target 1 method M

  }
}
)~",
     R"~(project X policy P {
  category A  weight 2

  A / B {
    indicator N  weight 1  target 1  method M

    indicator O  weight 1  target 1  method M
  }

  A / C {
    indicator Q  weight 1  target 1  method M
  }
}
)~"},

    {"a target: its operator, one space, its value", R"~(project X policy P {
  A / B {
    indicator a weight 1 target >=  65人 method M
    indicator b weight 1 target >= 65人 method M
    indicator c weight 1 target >=65人 method M
    indicator d weight 1 target >=	65人 method M
    indicator e weight 1 target <=   13   万元 method M
    indicator f weight 1 target =0 method M
    indicator g weight 1 target 长期 method M
    indicator h weight 1 target " >=  长期" method M
  }
}
)~",
     R"~(project X policy P {
  A / B {
    indicator a  weight 1  target >= 65人      method M
    indicator b  weight 1  target >= 65人      method M
    indicator c  weight 1  target >= 65人      method M
    indicator d  weight 1  target >= 65人      method M
    indicator e  weight 1  target <= 13 万元   method M
    indicator f  weight 1  target = 0          method M
    indicator g  weight 1  target 长期         method M
    indicator h  weight 1  target " >=  长期"  method M
  }
}
)~"},

    {"each keyword keeps the spelling it was written in, also when mixed", R"~(赋分规则 M {
  score = 如果 graded then 真 否则 (not 假 或者 false and 非 true)
  等级 好 = 1 至 2
}
方法 N { 得分 = 1 }
policy P 继承 Q { 舍入 score 2 round 完成率 2 }
)~",
     R"~(赋分规则 M {
  score = 如果 graded then 真 否则 (not 假 或者 false and 非 true)
  等级 好 = 1 至 2
}
方法 N {
  得分 = 1
}
policy P 继承 Q {
  舍入 score 2
  round 完成率 2
}
)~"},
    {"placeholders on one line, a rounding mode in the spelling written",
     "policy P {\n  placeholder   \"0\"  无   \"/\"\n  占位 \"—\"\n  round score 0   向上\n}\n"
     "policy Q { 舍入 得分 0 down round rate 2 }\n",
     "policy P {\n  placeholder \"0\" 无 \"/\"\n  占位 \"—\"\n  round score 0 向上\n}\n"
     "policy Q {\n  舍入 得分 0 down\n  round rate 2\n}\n"},
    {"an empty block and no final newline", "policy P {}", "policy P {\n}\n"},
    {"an empty file", "\n\n  \n", ""},
    {"only comments", "  // one\n\n\n   // two", "// one\n\n// two\n"},
    {"CRLF and a byte-order mark", "\xEF\xBB\xBFpolicy P {\r\n  total 100  // 总分\r\n}\r\n",
     "policy P {\n  total 100  // 总分\n}\n"},
};

}  // namespace

TEST_CASE("fmt: table of inputs and their canonical layout") {
  for (const Case& c : kCases) {
    SECTION(c.name) {
      const std::string out = fmt(c.input);
      CHECK(out == c.expected);
      check_promises(c.input, out);
    }
  }
}

TEST_CASE("fmt: every shipped rule file is already formatted") {
  const std::filesystem::path rules = std::filesystem::path(PERFEVAL_SOURCE_DIR) / "rules";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(rules)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".perf")
      continue;
    ++files;
    INFO(entry.path().string());
    const std::string text = read_file(entry.path());
    const std::string out = fmt(text);
    CHECK(out == text);
    check_promises(text, out);
  }
  CHECK(files >= 2);
}

// A canonical file with its layout spoiled: random indentation, tabs, CRLF,
// extra blank lines where there was one, and single spaces between the
// tokens of lines without comments or quotes.
std::string spoil(const std::string& text, unsigned seed) {
  std::minstd_rand random(seed);
  std::istringstream lines(text);
  std::string out;
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) {  // a blank line: make it several
      out.append(1 + random() % 3, '\n');
      continue;
    }
    std::string code = line.substr(start);
    if (code.find("//") == std::string::npos && code.find('"') == std::string::npos) {
      std::string single;
      for (const char c : code)
        if (c != ' ' || single.empty() || single.back() != ' ')
          single += c;
      code = single;
    }
    static const char* const kIndents[] = {"", " ", "\t", "      ", " \t "};
    out += kIndents[random() % 5] + code + (random() % 2 ? "\r\n" : " \n");
  }
  return out;
}

// Every rule file of the repository that parses: the shipped rules, the
// guide's and the rule tests' own. The guide's first draft is the one that
// does not, on purpose (the guide fixes its errors one by one).
std::vector<std::filesystem::path> every_rule_file() {
  const std::filesystem::path root(PERFEVAL_SOURCE_DIR);
  std::vector<std::filesystem::path> out;
  for (const char* folder : {"rules", "docs", "tests/rules", "tests/uses"})
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / folder)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".perf")
        continue;
      if (ast_of(read_file(entry.path())) != "does not parse")
        out.push_back(entry.path());
      else
        CHECK(std::filesystem::relative(entry.path(), root) ==
              std::filesystem::path("docs/guide/初稿/尾款项目.perf"));
    }
  return out;
}

TEST_CASE("fmt: every rule file formats to a fixed point with the same AST and comments") {
  const auto files = every_rule_file();
  CHECK(files.size() >= 20);
  for (const auto& path : files) {
    INFO(path.string());
    const std::string text = read_file(path);
    const auto f = format(text);
    REQUIRE(f->text);
    check_promises(text, *f->text);
  }
}

// Each line of `text` with a comment above it and one at its end (unless it
// has one, or is blank).
std::string with_comments_everywhere(const std::string& text) {
  std::istringstream lines(text);
  std::string out;
  std::string line;
  for (int n = 0; std::getline(lines, line); ++n) {
    if (line.find_first_not_of(' ') == std::string::npos) {
      out += '\n';
      continue;
    }
    out += "// above " + std::to_string(n) + '\n' + line;
    if (line.find("//") == std::string::npos)
      out += " // after " + std::to_string(n);
    out += '\n';
  }
  return out;
}

TEST_CASE("fmt: comments above and after every line of every rule file survive") {
  for (const auto& path : every_rule_file()) {
    INFO(path.string());
    const std::string text = with_comments_everywhere(read_file(path));
    const auto f = format(text);
    REQUIRE(f->text);
    check_promises(text, *f->text);
  }
}

TEST_CASE("fmt: shipped rule files with their layout spoiled come back unchanged") {
  const std::filesystem::path rules = std::filesystem::path(PERFEVAL_SOURCE_DIR) / "rules";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(rules)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".perf")
      continue;
    INFO(entry.path().string());
    const std::string text = read_file(entry.path());
    for (unsigned seed = 1; seed <= 3; ++seed) {
      const std::string spoiled = spoil(text, seed);
      REQUIRE(spoiled != text);
      CHECK(fmt(spoiled) == text);
    }
  }
}

TEST_CASE("fmt: a file that does not parse gives no output and the parse error") {
  const auto f = format("policy P {\n  total\n}\n");
  CHECK_FALSE(f->text);
  REQUIRE(f->sink.all().size() == 1);
  const std::string error = f->errors();
  CHECK(error.substr(0, error.find('\n')) ==
        "t.perf:3:1: error: expected a number after 'total' (for example: total 100)");
}

TEST_CASE("fmt: the formatter's own failure has a message in both languages") {
  const Message* m = find_message("format-failed");
  REQUIRE(m != nullptr);
  CHECK_FALSE(m->en.empty());
  CHECK_FALSE(m->zh.empty());
}
