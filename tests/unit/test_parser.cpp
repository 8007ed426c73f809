// The front end, table-driven: rule text in, AST dump or exact error text out.

#include <catch2/catch.hpp>
#include <string>

#include "perfeval/lang/ast_dump.hpp"
#include "perfeval/lang/parser.hpp"

namespace perfeval::detail {
// Runs tao::pegtl::analyze on the grammar (defined in parser.cpp, the only
// file that may include PEGTL); returns the number of problems found.
std::size_t grammar_problems();
}  // namespace perfeval::detail

using namespace perfeval;

namespace {

struct Case {
  const char* name;
  const char* input;
  const char* expected;
};

struct Result {
  SourceManager sources;
  DiagnosticSink sink;
  std::optional<ast::RuleFile> file;

  std::string errors(Lang lang = Lang::en) const {
    std::string out;
    for (const auto& d : sink.all()) out += render(d, sources, lang);
    return out;
  }
};

std::unique_ptr<Result> parse(const std::string& text, const ParseLimits& limits = {},
                              Layout layout = Layout::keep) {
  auto r = std::make_unique<Result>();
  r->file = parse_rules(r->sources.add("t.perf", text), r->sources, r->sink, limits, layout);
  return r;
}

// The dump when the text parses, otherwise every diagnostic rendered.
std::string run(const std::string& text, Lang lang = Lang::en, Layout layout = Layout::keep) {
  const auto r = parse(text, {}, layout);
  std::string out = r->errors(lang);
  if (r->file)
    out += dump(*r->file, r->sources);
  return out;
}

std::string run_formula(const std::string& formula) {
  const auto r = parse("method M { score = " + formula + " }");
  std::string out = r->errors();
  if (r->file)
    out += dump(*r->file->methods.at(0).score, r->sources);
  return out;
}

// The first line of the only diagnostic, or a note saying there was not one.
std::string only_error(const Result& r) {
  if (r.sink.all().size() != 1)
    return std::to_string(r.sink.all().size()) + " diagnostics: " + r.errors();
  const std::string text = r.errors();
  return text.substr(0, text.find('\n'));
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Formulas, each parsed as `method M { score = FORMULA }` (so columns start at 20),
// and the dump of the formula: the structure shows precedence and grouping.
const Case kFormulas[] = {
    {"multiplication binds tighter than addition", R"~(1 + 2 * 3)~",
     R"~(+ @1:20
  number 1 = 1 @1:20
  * @1:24
    number 2 = 2 @1:24
    number 3 = 3 @1:28
)~"},
    {"brackets group first", R"~((1 + 2) * 3)~",
     R"~(* @1:21
  + @1:21
    number 1 = 1 @1:21
    number 2 = 2 @1:25
  number 3 = 3 @1:30
)~"},
    {"subtraction is left-associative", R"~(a - b - c)~",
     R"~(- @1:20
  - @1:20
    var a @1:20
    var b @1:24
  var c @1:28
)~"},
    {"division and multiplication are left-associative", R"~(a / b * c)~",
     R"~(* @1:20
  / @1:20
    var a @1:20
    var b @1:24
  var c @1:28
)~"},
    {"unary minus binds tightest", R"~(-a * b)~",
     R"~(* @1:20
  neg @1:20
    var a @1:21
  var b @1:25
)~"},
    {"double negation", R"~(- -a)~",
     R"~(neg @1:20
  neg @1:22
    var a @1:23
)~"},
    {"not binds looser than comparison", R"~(not a = b)~",
     R"~(not @1:20
  = @1:24
    var a @1:24
    var b @1:28
)~"},
    {"not binds tighter than and", R"~(not a and b)~",
     R"~(and @1:20
  not @1:20
    var a @1:24
  var b @1:30
)~"},
    {"and binds tighter than or", R"~(a or b and c)~",
     R"~(or @1:20
  var a @1:20
  and @1:25
    var b @1:25
    var c @1:31
)~"},
    {"comparison binds looser than addition", R"~(a < b + 1)~",
     R"~(< @1:20
  var a @1:20
  + @1:24
    var b @1:24
    number 1 = 1 @1:28
)~"},
    {"every comparison operator",
     R"~((a = b) and (a != b) and (a < b) and (a <= b) and (a > b) and (a >= b))~",
     R"~(and @1:21
  and @1:21
    and @1:21
      and @1:21
        and @1:21
          = @1:21
            var a @1:21
            var b @1:25
          != @1:33
            var a @1:33
            var b @1:38
        < @1:46
          var a @1:46
          var b @1:50
      <= @1:58
        var a @1:58
        var b @1:63
    > @1:71
      var a @1:71
      var b @1:75
  >= @1:83
    var a @1:83
    var b @1:88
)~"},
    {"if is loosest: else takes the whole sum", R"~(if a then b else c + 1)~",
     R"~(if @1:20
  var a @1:23
then
  var b @1:30
else
  + @1:37
    var c @1:37
    number 1 = 1 @1:41
)~"},
    {"else if chains", R"~(if a then b else if c then d else e)~",
     R"~(if @1:20
  var a @1:23
then
  var b @1:30
else
  if @1:37
    var c @1:40
  then
    var d @1:47
  else
    var e @1:54
)~"},
    {"if inside brackets inside a branch",
     R"~(if graded then grade else if target = 0 then (if actual <= 0 then 100% else 0%) else actual / target)~",
     R"~(if @1:20
  var graded @1:23
then
  var grade @1:35
else
  if @1:46
    = @1:49
      var target @1:49
      number 0 = 0 @1:58
  then
    if @1:66
      <= @1:69
        var actual @1:69
        number 0 = 0 @1:79
    then
      number 100% = 1 @1:86
    else
      number 0% = 0 @1:96
  else
    / @1:105
      var actual @1:105
      var target @1:114
)~"},
    {"function calls nest", R"~(min(a, max(b, 1), 2) + abs(x) + round(x, 2))~",
     R"~(+ @1:20
  + @1:20
    call min @1:20
      var a @1:24
      call max @1:27
        var b @1:31
        number 1 = 1 @1:34
      number 2 = 2 @1:38
    call abs @1:43
      var x @1:47
  call round @1:52
    var x @1:58
    number 2 = 2 @1:61
)~"},
    {"a call with spaces and no arguments", R"~(round ( x , 2 ) + min())~",
     R"~(+ @1:20
  call round @1:20
    var x @1:28
    number 2 = 2 @1:32
  call min @1:38
)~"},
    {"numbers keep their text; percent divides by 100", R"~(100% + 0.5 + 12.50% + 7)~",
     R"~(+ @1:20
  + @1:20
    + @1:20
      number 100% = 1 @1:20
      number 0.5 = 0.5 @1:27
    number 12.50% = 0.125 @1:33
  number 7 = 7 @1:42
)~"},
    {"boolean literals in both languages", R"~(true or false or 真 or 假)~",
     R"~(or @1:20
  or @1:20
    or @1:20
      true @1:20
      false @1:28
    true @1:37
  false @1:42
)~"},
    {"Chinese keywords in formulas", R"~(如果 已评级 则 等级值 否则 实际 / 目标)~",
     R"~(if @1:20
  var 已评级 @1:23
then
  var 等级值 @1:29
else
  / @1:36
    var 实际 @1:36
    var 目标 @1:41
)~"},
    {"Chinese and, or, not", R"~(权重 * 完成率 > 0 并且 非 达标 或者 假)~",
     R"~(or @1:20
  and @1:20
    > @1:20
      * @1:20
        var 权重 @1:20
        var 完成率 @1:25
      number 0 = 0 @1:31
    not @1:36
      var 达标 @1:38
  false @1:44
)~"},
    {"a quoted name as a variable", R"~("当期结案率（%）" * 2)~",
     R"~(* @1:20
  var 当期结案率（%） @1:20
  number 2 = 2 @1:33
)~"},
    {"a keyword followed by name characters is a name",
     R"~(权重系数 + notable + orx + iffy + 真实 + true_value)~",
     R"~(+ @1:20
  + @1:20
    + @1:20
      + @1:20
        + @1:20
          var 权重系数 @1:20
          var notable @1:27
        var orx @1:37
      var iffy @1:43
    var 真实 @1:50
  var true_value @1:55
)~"},
    {"comments and line ends inside a formula",
     R"~(a // first part
    + b // second part
)~",
     R"~(+ @1:20
  var a @1:20
  var b @2:7
)~"},
};

// Whole files and their AST dump.
const Case kDeclarations[] = {
    {"use, by path and by name, in either spelling",
     R"~(use "../library"
使用 全国模板
policy P extends 全国模板 {
}
)~",
     R"~(use "../library"@1:5
use "全国模板"@2:4
policy "P"@3:8 @3:1
  extends "全国模板"@3:18
)~"},
    {"a policy with every statement",
     R"~(policy 新疆2024 {
  total 100
  round score 2
  round rate 2
  explain when rate != 100%
  funds {
    weight 10
    rate  = executed / budget
    score = round(weight * min(rate, 100%), 1)
    explain when rate < 90%
  }
  grade 达到预期指标 = 100%
  band 优 >= 90
  band 差 >= 0
}
)~",
     R"~(policy "新疆2024"@1:8 @1:1
  total 100
  round score 2
  round rate 2
  explain when
    != @5:16
      var rate @5:16
      number 100% = 1 @5:24
  funds @6:3
    weight 10
    rate
      / @8:13
        var executed @8:13
        var budget @8:24
    score
      call round @9:13
        * @9:19
          var weight @9:19
          call min @9:28
            var rate @9:32
            number 100% = 1 @9:38
        number 1 = 1 @9:45
    explain when
      < @10:18
        var rate @10:18
        number 90% = 0.9 @10:25
  grade "达到预期指标"@12:9
    number 100% = 1 @12:18
  band "优"@13:8 >= 90 @13:3
  band "差"@14:8 >= 0 @14:3
)~"},
    {"a policy in Chinese keywords",
     R"~(政策 P {
  总分 100
  舍入 得分 2
  舍入 完成率 1
  说明 当 完成率 != 100%
  资金 { 权重 10 完成率 = 全年执行数 / 全年预算数 得分 = 权重 * 完成率 说明 当 完成率 < 90% }
  等级 达到预期指标 = 100%
  档次 优 >= 90.5
}
)~",
     R"~(policy "P"@1:4 @1:1
  total 100
  round score 2
  round rate 1
  explain when
    != @5:8
      var 完成率 @5:8
      number 100% = 1 @5:15
  funds @6:3
    weight 10
    rate
      / @6:20
        var 全年执行数 @6:20
        var 全年预算数 @6:28
    score
      * @6:39
        var 权重 @6:39
        var 完成率 @6:44
    explain when
      < @6:53
        var 完成率 @6:53
        number 90% = 0.9 @6:59
  grade "达到预期指标"@7:6
    number 100% = 1 @7:15
  band "优"@8:6 >= 90.5 @8:3
)~"},
    {"statements in any order, keywords mixed",
     R"~(policy P {
  band 优 >= 90
  funds { score = weight rate = 1 weight 10 }
  等级 甲 = 1
  total 100
  grade 乙 = 60%
}
)~",
     R"~(policy "P"@1:8 @1:1
  total 100
  funds @3:3
    weight 10
    rate
      number 1 = 1 @3:33
    score
      var weight @3:19
  grade "甲"@4:6
    number 1 = 1 @4:10
  grade "乙"@6:9
    number 60% = 0.6 @6:13
  band "优"@2:8 >= 90 @2:3
)~"},
    {"a method with every statement",
     R"~(method 按评判等级赋分 {
  grade 达到预期指标 = 100%
  grade 未达到预期指标 = 0%
  met = actual >= target
  rate = if graded then grade else actual / target
  score = if met then weight else weight * rate
  explain when score < weight
}
)~",
     R"~(method "按评判等级赋分"@1:8 @1:1
  grade "达到预期指标"@2:9
    number 100% = 1 @2:18
  grade "未达到预期指标"@3:9
    number 0% = 0 @3:19
  met
    >= @4:9
      var actual @4:9
      var target @4:19
  rate
    if @5:10
      var graded @5:13
    then
      var grade @5:25
    else
      / @5:36
        var actual @5:36
        var target @5:45
  score
    if @6:11
      var met @6:14
    then
      var weight @6:23
    else
      * @6:35
        var weight @6:35
        var rate @6:44
  explain when
    < @7:16
      var score @7:16
      var weight @7:24
)~"},
    {"both Chinese spellings of method",
     R"~(方法 甲 { 完成率 = 1 得分 = 权重 }
赋分规则 乙 { 达标 = 真 完成率 = 1 得分 = 权重 说明 当 假 等级 优 = 100% }
)~",
     R"~(method "甲"@1:4 @1:1
  rate
    number 1 = 1 @1:14
  score
    var 权重 @1:21
method "乙"@2:6 @2:1
  grade "优"@2:43
    number 100% = 1 @2:47
  met
    true @2:15
  rate
    number 1 = 1 @2:23
  score
    var 权重 @2:30
  explain when
    false @2:38
)~"},
    {"every target form",
     R"~(project "2024年自治区就业补助资金" policy 新疆2024 {
  产出指标 / 数量指标 {
    indicator 甲 weight 1 target >= 13人 method M
    indicator 乙 weight 1 target >=13人 method M
    indicator 丙 weight 1 target >= 13 人 method M
    indicator 丁 weight 1 target <= 240万元 method M
    indicator 戊 weight 1 target = 100% method M
    indicator 己 weight 1 target = 0 method M
    indicator 庚 weight 1 target = 40课时 method M
    indicator 辛 weight 1 target > 5个 method M
    indicator 壬 weight 1 target < 3日 method M
    indicator 癸 weight 1 target <= 12月 method M
  }
  产出指标 / 时效指标 {
    indicator 子 weight 2.5 target 2024年12月10日 method M
    indicator 丑 weight 2.5 target 2024年12月10日前 method M
    indicator 寅 weight 2.5 target 2024-12-10 method M
    indicator 卯 weight 2.5 target >= 2.30万人 method M
    indicator 辰 weight 2.5 target <= 5天 method M
  }
  效益指标 / 社会效益指标 {
    indicator 巳 weight 10 target 长期 method M
    indicator 午 weight 10 target 保障 method M
    indicator 未 weight 10 target 提高 method M
    indicator 申 weight 10 target "有所提高（含）" method M
  }
}
)~",
     R"~(project "2024年自治区就业补助资金"@1:9 policy "新疆2024"@1:33 @1:1
  indicator "甲"@3:15 @3:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @3:24
    target ">= 13人" >= quantity 13 人 @3:33
    method "M"@3:47
  indicator "乙"@4:15 @4:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @4:24
    target ">=13人" >= quantity 13 人 @4:33
    method "M"@4:46
  indicator "丙"@5:15 @5:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @5:24
    target ">= 13 人" >= quantity 13 人 @5:33
    method "M"@5:48
  indicator "丁"@6:15 @6:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @6:24
    target "<= 240万元" <= quantity 2400000 元 @6:33
    method "M"@6:49
  indicator "戊"@7:15 @7:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @7:24
    target "= 100%" = quantity 1 % @7:33
    method "M"@7:47
  indicator "己"@8:15 @8:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @8:24
    target "= 0" = quantity 0 @8:33
    method "M"@8:44
  indicator "庚"@9:15 @9:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @9:24
    target "= 40课时" = quantity 40 课时 @9:33
    method "M"@9:47
  indicator "辛"@10:15 @10:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @10:24
    target "> 5个" > quantity 5 个 @10:33
    method "M"@10:45
  indicator "壬"@11:15 @11:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @11:24
    target "< 3日" < quantity 3 日 @11:33
    method "M"@11:45
  indicator "癸"@12:15 @12:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 1 @12:24
    target "<= 12月" <= quantity 12 月 @12:33
    method "M"@12:47
  indicator "子"@15:15 @15:5
    category "产出指标"@14:3 / "时效指标"@14:10
    weight 2.5 @15:24
    target "2024年12月10日" <= date 2024-12-10 @15:35
    method "M"@15:54
  indicator "丑"@16:15 @16:5
    category "产出指标"@14:3 / "时效指标"@14:10
    weight 2.5 @16:24
    target "2024年12月10日前" <= date 2024-12-10 @16:35
    method "M"@16:55
  indicator "寅"@17:15 @17:5
    category "产出指标"@14:3 / "时效指标"@14:10
    weight 2.5 @17:24
    target "2024-12-10" <= date 2024-12-10 @17:35
    method "M"@17:53
  indicator "卯"@18:15 @18:5
    category "产出指标"@14:3 / "时效指标"@14:10
    weight 2.5 @18:24
    target ">= 2.30万人" >= quantity 23000 人 @18:35
    method "M"@18:52
  indicator "辰"@19:15 @19:5
    category "产出指标"@14:3 / "时效指标"@14:10
    weight 2.5 @19:24
    target "<= 5天" <= quantity 5 日 @19:35
    method "M"@19:48
  indicator "巳"@22:15 @22:5
    category "效益指标"@21:3 / "社会效益指标"@21:10
    weight 10 @22:24
    target "长期" word 长期 @22:34
    method "M"@22:44
  indicator "午"@23:15 @23:5
    category "效益指标"@21:3 / "社会效益指标"@21:10
    weight 10 @23:24
    target "保障" word 保障 @23:34
    method "M"@23:44
  indicator "未"@24:15 @24:5
    category "效益指标"@21:3 / "社会效益指标"@21:10
    weight 10 @24:24
    target "提高" word 提高 @24:34
    method "M"@24:44
  indicator "申"@25:15 @25:5
    category "效益指标"@21:3 / "社会效益指标"@21:10
    weight 10 @25:24
    target "\"有所提高（含）\"" word 有所提高（含） @25:34
    method "M"@25:51
)~"},
    {"a project in Chinese keywords, the method right after the unit",
     R"~(项目 P 政策 Q {
  产出指标 / 数量指标 {
    指标 "在站博士后数量" 权重 10 目标 >= 13 人 方法 按照完成比例赋分
    指标 乙 权重 10 目标 长期 赋分规则 M
    指标 丙 权重 10 目标 = 0 方法 M
  }
}
)~",
     R"~(project "P"@1:4 policy "Q"@1:9 @1:1
  indicator "在站博士后数量"@3:8 @3:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 10 @3:21
    target ">= 13 人" >= quantity 13 人 @3:27
    method "按照完成比例赋分"@3:38
  indicator "乙"@4:8 @4:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 10 @4:13
    target "长期" word 长期 @4:19
    method "M"@4:27
  indicator "丙"@5:8 @5:5
    category "产出指标"@2:3 / "数量指标"@2:10
    weight 10 @5:13
    target "= 0" = quantity 0 @5:19
    method "M"@5:26
)~"},
    {"quoted indicator names with escapes",
     R"~(project P policy Q {
  "产出\"指标\"" / "数量\\指标" {
    indicator "甲\"乙\"" weight 10 target = 1 method "M\\N"
  }
}
)~",
     R"~(project "P"@1:9 policy "Q"@1:18 @1:1
  indicator "甲\"乙\""@3:15 @3:5
    category "产出\"指标\""@2:3 / "数量\\指标"@2:16
    weight 10 @3:31
    target "= 1" = quantity 1 @3:41
    method "M\\N"@3:52
)~"},
    {"quoted names with escapes",
     R"~(policy "a \"quoted\" \\ name" { total 100 }
project "P (2024)" policy "a \"quoted\" \\ name" {
  "产出指标（一级）" / "数量 指标" {
    indicator "依法受理查处欠薪案件，案件法定时效结案率" weight 10 target = 100% method "按照 完成比例"
  }
}
)~",
     R"~(policy "a \"quoted\" \\ name"@1:8 @1:1
  total 100
project "P (2024)"@2:9 policy "a \"quoted\" \\ name"@2:27 @2:1
  indicator "依法受理查处欠薪案件，案件法定时效结案率"@4:15 @4:5
    category "产出指标（一级）"@3:3 / "数量 指标"@3:16
    weight 10 @4:45
    target "= 100%" = quantity 1 % @4:55
    method "按照 完成比例"@4:69
)~"},
    {"a keyword followed by name characters is a name",
     R"~(project 权重系数 policy 政策性 {
  指标类 / 项目类 {
    indicator 权重系数 weight 1 target 目标值 method 方法论
  }
}
)~",
     R"~(project "权重系数"@1:9 policy "政策性"@1:21 @1:1
  indicator "权重系数"@3:15 @3:5
    category "指标类"@2:3 / "项目类"@2:9
    weight 1 @3:27
    target "目标值" word 目标值 @3:36
    method "方法论"@3:47
)~"},
    {"declarations of every kind, each kind in the order written, with comments",
     R"~(// leading comment
method B { rate = 1 score = 2 } // trailing comment
policy A { total 100 }
// between
project C policy A { }
method D { score = 3 rate = 4 }
// final comment without a line end)~",
     R"~(policy "A"@3:8 @3:1
  total 100
method "B"@2:8 @2:1
  rate
    number 1 = 1 @2:19
  score
    number 2 = 2 @2:29
method "D"@6:8 @6:1
  rate
    number 4 = 4 @6:29
  score
    number 3 = 3 @6:20
project "C"@5:9 policy "A"@5:18 @5:1
)~"},
    {"an empty file", R"~()~", R"~()~"},
    {"a file of comments and blank lines",
     R"~(// nothing here

   	
// still nothing
)~",
     R"~()~"},
    {"an indicator split over lines",
     R"~(project P policy Q {
  A / B {
    indicator 甲
      weight 10   // 权重
      target >= 1个
      method M
  }
}
)~",
     R"~(project "P"@1:9 policy "Q"@1:18 @1:1
  indicator "甲"@3:15 @3:5
    category "A"@2:3 / "B"@2:7
    weight 10 @4:14
    target ">= 1个" >= quantity 1 个 @5:14
    method "M"@6:14
)~"},
    {"category weights in a policy and a project, both spellings",
     R"~(policy P extends Q {
  category 产出指标 weight 50
  类别 "效益指标" / 社会效益指标 权重 20.5
}
project X policy P {
  category 产出指标 / 数量指标 weight 10
  产出指标 / 数量指标 {
    indicator A weight 10 target >= 1个 method M
  }
  类别 效益指标 权重 0
}
)~",
     R"~(policy "P"@1:8 @1:1
  extends "Q"@1:18
  category weight "产出指标"@2:12 50 @2:3
  category weight "效益指标"@3:6 / "社会效益指标"@3:15 20.5 @3:3
project "X"@5:9 policy "P"@5:18 @5:1
  category weight "产出指标"@6:12 / "数量指标"@6:19 10 @6:3
  category weight "效益指标"@10:6 0 @10:3
  indicator "A"@8:15 @8:5
    category "产出指标"@7:3 / "数量指标"@7:10
    weight 10 @8:24
    target ">= 1个" >= quantity 1 个 @8:34
    method "M"@8:47
)~"},
    {"grade bands with .. and 至, and requirements in both spellings",
     R"~(method 定性 {
  grade 达成 = 80% .. 100%
  等级 部分 = 60% 至 80%
  grade 点 = 50%
  require entered >= weight * grade_low
  要求 填报得分 <= 权重 * 等级上限
  score = entered
}
)~",
     R"~(method "定性"@1:8 @1:1
  grade "达成"@2:9 from
    number 80% = 0.8 @2:14
  to
    number 100% = 1 @2:21
  grade "部分"@3:6 from
    number 60% = 0.6 @3:11
  to
    number 80% = 0.8 @3:17
  grade "点"@4:9
    number 50% = 0.5 @4:13
  score
    var entered @7:11
  require
    >= @5:11
      var entered @5:11
      * @5:22
        var weight @5:22
        var grade_low @5:31
  require
    <= @6:6
      var 填报得分 @6:6
      * @6:14
        var 权重 @6:14
        var 等级上限 @6:19
)~"},
};

// Bad input and the exact text of its error, in English.
const Case kErrors[] = {
    {"expected-use-target",
     R"~(use {
)~",
     R"~(t.perf:1:5: error: expected the rule file or folder to use after 'use' (for example: use "../library" or use 全国模板)
  use {
      ^
)~"},
    {"expected-category-weight",
     R"~(policy P {
  category 产出指标 数量指标 weight 5
}
)~",
     R"~(t.perf:2:17: error: expected 'weight' and a number after the category (for example: category 产出指标 weight 50); a name with spaces or punctuation must be in double quotes
    category 产出指标 数量指标 weight 5
                      ^~~~~~~~
)~"},
    {"expected-category-path",
     R"~(policy P {
  category weight 5
}
)~",
     R"~(t.perf:2:12: error: expected the category after 'category' (for example: category 产出指标 weight 50 or category 产出指标 / 数量指标 weight 30)
    category weight 5
             ^~~~~~
)~"},
    {"expected-category-name in a category weight",
     R"~(project X policy P {
  category 产出指标 / weight 5
}
)~",
     R"~(t.perf:2:19: error: expected the second-level category after '/' (for example: 产出指标 / 数量指标 {)
    category 产出指标 / weight 5
                        ^~~~~~
)~"},
    {"negative-weight of a category",
     R"~(project X policy P {
  category 产出指标 weight -5
}
)~",
     R"~(t.perf:2:24: error: a weight cannot be negative (-5); write the weight as a number 0 or above
    category 产出指标 weight -5
                             ^~
)~"},
    {"full-width-in-name in a category",
     R"~(policy P {
  category 产出指标（一） weight 5
}
)~",
     R"~(t.perf:2:16: error: '（' ends a name written without quotes; if it is part of the name, put the whole name in double quotes (for example: "当期结案率（%）")
    category 产出指标（一） weight 5
                     ^
)~"},
    {"expected-grade-high",
     R"~(method M {
  grade A = 80% ..
}
)~",
     R"~(t.perf:3:1: error: expected the upper end of the grade's band after '..' or '至' (for example: grade 达成年度指标 = 80% .. 100%)
  }
  ^
)~"},
    {"grade-range-needs-spaces, none",
     R"~(method M {
  grade A = 80%至100%
}
)~",
     R"~(t.perf:2:16: error: put a space before and after '至' (for example: grade 达成年度指标 = 80% 至 100%)
    grade A = 80%至100%
                 ^
)~"},
    {"grade-range-needs-spaces, one",
     R"~(policy P {
  grade A = 80% 至100%
}
)~",
     R"~(t.perf:2:17: error: put a space before and after '至' (for example: grade 达成年度指标 = 80% 至 100%)
    grade A = 80% 至100%
                  ^
)~"},
    {"expected-formula after require",
     R"~(method M {
  require
}
)~",
     R"~(t.perf:3:1: error: expected a formula here (for example: weight * rate)
  }
  ^
)~"},
    {"至 is not a variable",
     R"~(method M {
  score = 至
}
)~",
     R"~(t.perf:2:11: error: expected a formula here (for example: weight * rate)
    score = 至
            ^
)~"},
    {"expected-declaration",
     R"~(total 100
)~",
     R"~(t.perf:1:1: error: expected 'use', 'policy', 'method' or 'project' here
  total 100
  ^~~~~
)~"},
    {"expected-declaration after a block",
     R"~(policy P { }
policy Q { } }
)~",
     R"~(t.perf:2:14: error: expected 'use', 'policy', 'method' or 'project' here
  policy Q { } }
               ^
)~"},
    {"expected-policy-name",
     R"~(policy { total 100 }
)~",
     R"~(t.perf:1:8: error: expected the policy's name after 'policy' (for example: policy 新疆2024 {)
  policy { total 100 }
         ^
)~"},
    {"expected-method-name",
     R"~(method = 1
)~",
     R"~(t.perf:1:8: error: expected the method's name after 'method' (for example: method 按照完成比例赋分 {)
  method = 1
         ^
)~"},
    {"expected-project-name",
     R"~(project
)~",
     R"~(t.perf:1:8: error: expected the project's name after 'project' (for example: project "2024年就业补助资金" policy 新疆2024 {)
  project
         ^
)~"},
    {"expected-open-brace after a name with a space",
     R"~(policy 新疆 2024 {
}
)~",
     R"~(t.perf:1:11: error: expected '{' here; a name with spaces or punctuation must be in double quotes
  policy 新疆 2024 {
              ^~~~
)~"},
    {"expected-closing-brace at the end of the file",
     R"~(policy P {
  total 100
)~",
     R"~(t.perf:2:12: error: the file ends before the '}' that closes this block
    total 100
             ^
)~"},
    {"expected-closing-brace after a comment",
     R"~(method M {
  score = 1 // no brace follows
)~",
     R"~(t.perf:2:32: error: the file ends before the '}' that closes this block
    score = 1 // no brace follows
                                 ^
)~"},
    {"expected-policy-statement",
     R"~(policy P {
  met = 1
}
)~",
     R"~(t.perf:2:3: error: expected a policy statement (total, round, explain, funds, grade, band, category) or '}'
    met = 1
    ^~~
)~"},
    {"expected-total-number",
     R"~(policy P { total }
)~",
     R"~(t.perf:1:18: error: expected a number after 'total' (for example: total 100)
  policy P { total }
                   ^
)~"},
    {"expected-round-target",
     R"~(policy P {
  round weight 2
}
)~",
     R"~(t.perf:2:9: error: expected 'score' or 'rate' after 'round' (for example: round score 2)
    round weight 2
          ^~~~~~
)~"},
    {"expected-round-digits",
     R"~(policy P {
  round score two
}
)~",
     R"~(t.perf:2:15: error: expected the number of decimal places (for example: round score 2)
    round score two
                ^~~
)~"},
    {"invalid-round-digits: a fraction",
     R"~(policy P {
  round score 2.5
}
)~",
     R"~(t.perf:2:15: error: the number of decimal places must be a whole number from 0 to 18, not 2.5
    round score 2.5
                ^~~
)~"},
    {"rate-rounding-mode",
     R"~(policy P {
  round rate 2 up
}
)~",
     R"~(t.perf:2:16: error: 'up' applies to scores only: rates are always shown rounded half-up; write 'round rate N' without it
    round rate 2 up
                 ^~
)~"},
    {"expected-placeholder-word",
     R"~(policy P {
  placeholder
}
)~",
     R"~(t.perf:3:1: error: expected the text that counts as no explanation after 'placeholder' (for example: placeholder "0" "无" "/")
  }
  ^
)~"},
    {"invalid-round-digits: too many",
     R"~(policy P {
  round rate 19
}
)~",
     R"~(t.perf:2:14: error: the number of decimal places must be a whole number from 0 to 18, not 19
    round rate 19
               ^~
)~"},
    {"expected-funds-statement",
     R"~(policy P {
  funds {
    weight 10
    total 5
  }
}
)~",
     R"~(t.perf:4:5: error: expected a funds statement (weight, rate, score, explain) or '}'
      total 5
      ^~~~~
)~"},
    {"funds-missing-weight",
     R"~(policy P {
  资金 { score = 1 }
}
)~",
     R"~(t.perf:2:3: error: the funds block needs a weight (for example: weight 10)
    资金 { score = 1 }
    ^~~~
)~"},
    {"expected-band-label",
     R"~(policy P {
  band >= 90
}
)~",
     R"~(t.perf:2:8: error: expected the band's label after 'band' (for example: band 优 >= 90)
    band >= 90
         ^
)~"},
    {"expected-band-operator",
     R"~(policy P {
  band 优 > 90
}
)~",
     R"~(t.perf:2:10: error: expected '>=' after the band's label (for example: band 优 >= 90)
    band 优 > 90
            ^
)~"},
    {"expected-band-threshold",
     R"~(policy P {
  band 优 >= 九十
}
)~",
     R"~(t.perf:2:13: error: expected a number after '>=' (for example: band 优 >= 90)
    band 优 >= 九十
               ^~~~
)~"},
    {"expected-method-statement",
     R"~(method M {
  total 100
}
)~",
     R"~(t.perf:2:3: error: expected a method statement (grade, met, rate, score, explain, require) or '}'
    total 100
    ^~~~~
)~"},
    {"expected-method-statement: a keyword prefix is a name",
     R"~(method M {
  得分系数 = 1
}
)~",
     R"~(t.perf:2:3: error: expected a method statement (grade, met, rate, score, explain, require) or '}'
    得分系数 = 1
    ^~~~~~~~
)~"},
    {"expected-when",
     R"~(method M {
  explain rate < 90%
}
)~",
     R"~(t.perf:2:11: error: expected 'when' after 'explain' (for example: explain when rate != 100%)
    explain rate < 90%
            ^~~~
)~"},
    {"expected-equals",
     R"~(method M {
  score weight
}
)~",
     R"~(t.perf:2:9: error: expected '=' and a formula (for example: rate = actual / target)
    score weight
          ^~~~~~
)~"},
    {"expected-formula",
     R"~(method M {
  rate =
}
)~",
     R"~(t.perf:3:1: error: expected a formula here (for example: weight * rate)
  }
  ^
)~"},
    {"expected-grade-word",
     R"~(method M {
  grade = 100%
}
)~",
     R"~(t.perf:2:9: error: expected the grade word after 'grade' (for example: grade 达到预期指标 = 100%)
    grade = 100%
          ^
)~"},
    {"expected-grade-equals",
     R"~(method M {
  grade 部分 达到 = 60%
}
)~",
     R"~(t.perf:2:12: error: expected '=' and the grade's share after the grade word (for example: grade 达到预期指标 = 100%)
    grade 部分 达到 = 60%
               ^~~~
)~"},
    {"expected-weight-number",
     R"~(policy P {
  funds { weight ten }
}
)~",
     R"~(t.perf:2:18: error: expected a number after 'weight' (for example: weight 10)
    funds { weight ten }
                   ^~~
)~"},
    {"duplicate-statement in a policy",
     R"~(policy P {
  total 100
  总分 90
}
)~",
     R"~(t.perf:3:3: error: '总分' is given twice; give it only once
    总分 90
    ^~~~
  first given at t.perf:2:3
)~"},
    {"duplicate-statement for round",
     R"~(policy P {
  round score 2
  round rate 2
  round  score 3
}
)~",
     R"~(t.perf:4:3: error: 'round  score' is given twice; give it only once
    round  score 3
    ^~~~~~~~~~~~
  first given at t.perf:2:3
)~"},
    {"duplicate-statement in a method",
     R"~(method M {
  rate = 1
  score = 1
  rate = 2
}
)~",
     R"~(t.perf:4:3: error: 'rate' is given twice; give it only once
    rate = 2
    ^~~~
  first given at t.perf:2:3
)~"},
    {"duplicate-statement in funds",
     R"~(policy P {
  funds { weight 10 weight 5 }
}
)~",
     R"~(t.perf:2:21: error: 'weight' is given twice; give it only once
    funds { weight 10 weight 5 }
                      ^~~~~~
  first given at t.perf:2:11
)~"},
    {"duplicate-statement: two funds blocks",
     R"~(policy P {
  funds { weight 10 }
  funds { weight 10 }
}
)~",
     R"~(t.perf:3:3: error: 'funds' is given twice; give it only once
    funds { weight 10 }
    ^~~~~
  first given at t.perf:2:3
)~"},
    {"expected-operand after an operator",
     R"~(method M {
  score = weight *
}
)~",
     R"~(t.perf:3:1: error: expected a value here: a number, a name, or a formula in brackets
  }
  ^
)~"},
    {"expected-operand after a bracket",
     R"~(method M {
  score = ( )
}
)~",
     R"~(t.perf:2:13: error: expected a value here: a number, a name, or a formula in brackets
    score = ( )
              ^
)~"},
    {"expected-operand after a comma",
     R"~(method M {
  score = min(a, )
}
)~",
     R"~(t.perf:2:18: error: expected a value here: a number, a name, or a formula in brackets
    score = min(a, )
                   ^
)~"},
    {"expected-operand after not",
     R"~(method M {
  met = not
}
)~",
     R"~(t.perf:3:1: error: expected a value here: a number, a name, or a formula in brackets
  }
  ^
)~"},
    {"expected-operand after and",
     R"~(method M {
  met = a and or b
}
)~",
     R"~(t.perf:2:15: error: expected a value here: a number, a name, or a formula in brackets
    met = a and or b
                ^~
)~"},
    {"expected-operand: a keyword is not a value",
     R"~(method M {
  score = weight * then
}
)~",
     R"~(t.perf:2:20: error: expected a value here: a number, a name, or a formula in brackets
    score = weight * then
                     ^~~~
)~"},
    {"expected-condition",
     R"~(method M {
  score = if then 1 else 2
}
)~",
     R"~(t.perf:2:14: error: expected a condition after 'if' (for example: if met then weight else 0)
    score = if then 1 else 2
               ^~~~
)~"},
    {"expected-then",
     R"~(method M {
  score = if met weight else 0
}
)~",
     R"~(t.perf:2:18: error: expected 'then' after the condition (for example: if met then weight else 0)
    score = if met weight else 0
                   ^~~~~~
)~"},
    {"expected-else",
     R"~(method M {
  score = if met then weight
}
)~",
     R"~(t.perf:3:1: error: 'if ... then ...' needs an 'else' part (for example: if met then weight else 0)
  }
  ^
)~"},
    {"expected-closing-paren",
     R"~(method M {
  score = (weight * rate
  rate = 1
}
)~",
     R"~(t.perf:3:3: error: expected ')' to close the '('
    rate = 1
    ^~~~
)~"},
    {"expected-call-close",
     R"~(method M {
  score = min(rate 1)
}
)~",
     R"~(t.perf:2:20: error: expected ',' or ')' after the function's argument
    score = min(rate 1)
                     ^
)~"},
    {"chained-comparison",
     R"~(method M {
  met = 0 < rate <= 1
}
)~",
     R"~(t.perf:2:18: error: comparisons cannot be chained; join them with 'and' (for example: a < b and b < c)
    met = 0 < rate <= 1
                   ^
)~"},
    {"double-equals",
     R"~(method M {
  met = actual == target
}
)~",
     R"~(t.perf:2:16: error: write a single '=' to compare two values
    met = actual == target
                 ^
)~"},
    {"use-not-equals",
     R"~(method M {
  met = actual <> target
}
)~",
     R"~(t.perf:2:16: error: write '!=' for "not equal"
    met = actual <> target
                 ^
)~"},
    {"conditional-needs-parentheses",
     R"~(method M {
  score = 1 + if met then 1 else 0
}
)~",
     R"~(t.perf:2:15: error: an 'if ... then ... else ...' inside a larger formula must be put in brackets
    score = 1 + if met then 1 else 0
                ^~
)~"},
    {"text-after-number in a formula",
     R"~(method M {
  score = weight * 100分
}
)~",
     R"~(t.perf:2:23: error: a number here cannot be followed by a unit or other text (for example: weight 10)
    score = weight * 100分
                        ^
)~"},
    {"text-after-number for a weight",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10分 target 1 method M
  }
}
)~",
     R"~(t.perf:3:26: error: a number here cannot be followed by a unit or other text (for example: weight 10)
      indicator X weight 10分 target 1 method M
                           ^
)~"},
    {"expected-project-policy",
     R"~(project P {
}
)~",
     R"~(t.perf:1:11: error: expected 'policy' and the policy's name after the project's name (for example: policy 新疆2024)
  project P {
            ^
)~"},
    {"expected-policy-reference",
     R"~(project P policy {
}
)~",
     R"~(t.perf:1:18: error: expected the name of a policy after 'policy'
  project P policy {
                   ^
)~"},
    {"expected-group",
     R"~(project P policy Q {
  A / B { }
  2024 / C { }
}
)~",
     R"~(t.perf:3:3: error: expected an indicator group (for example: 产出指标 / 数量指标 {), a category weight (category 产出指标 weight 50) or '}'
    2024 / C { }
    ^~~~
)~"},
    {"a second name without '/' before a group",
     R"~(project P policy Q {
  A B {
  }
}
)~",
     R"~(t.perf:2:5: error: expected '/' and the second-level category (for example: 产出指标 / 数量指标 {)
    A B {
      ^
)~"},
    {"indicator-outside-group",
     R"~(project P policy Q {
  indicator X weight 10 target 1 method M
}
)~",
     R"~(t.perf:2:3: error: an indicator must be inside a group (for example: 产出指标 / 数量指标 { indicator ... })
    indicator X weight 10 target 1 method M
    ^~~~~~~~~
)~"},
    {"expected-category-slash",
     R"~(project P policy Q {
  产出指标 {
  }
}
)~",
     R"~(t.perf:2:8: error: expected '/' and the second-level category (for example: 产出指标 / 数量指标 {)
    产出指标 {
             ^
)~"},
    {"expected-category-name",
     R"~(project P policy Q {
  产出指标 / {
  }
}
)~",
     R"~(t.perf:2:10: error: expected the second-level category after '/' (for example: 产出指标 / 数量指标 {)
    产出指标 / {
               ^
)~"},
    {"expected-indicator",
     R"~(project P policy Q {
  A / B {
    weight 10
  }
}
)~",
     R"~(t.perf:3:5: error: expected 'indicator' or '}'
      weight 10
      ^~~~~~
)~"},
    {"expected-indicator-name",
     R"~(project P policy Q {
  A / B {
    indicator weight 10 target 1 method M
  }
}
)~",
     R"~(t.perf:3:15: error: expected the indicator's name after 'indicator' (for example: indicator 举办招聘会次数 weight 15)
      indicator weight 10 target 1 method M
                ^~~~~~
)~"},
    {"expected-weight",
     R"~(project P policy Q {
  A / B {
    indicator 举办 招聘会 weight 10 target 1 method M
  }
}
)~",
     R"~(t.perf:3:18: error: expected 'weight' after the indicator's name; a name with spaces or punctuation must be in double quotes
      indicator 举办 招聘会 weight 10 target 1 method M
                     ^~~~~~
)~"},
    {"expected-weight: a misspelt keyword is underlined whole",
     R"~(project P policy Q {
  A / B {
    indicator X wieght 10 target 1 method M
  }
}
)~",
     R"~(t.perf:3:17: error: expected 'weight' after the indicator's name; a name with spaces or punctuation must be in double quotes
      indicator X wieght 10 target 1 method M
                  ^~~~~~
)~"},
    {"expected-target",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 method M
  }
}
)~",
     R"~(t.perf:3:27: error: expected 'target' after the weight (for example: weight 15 target >= 2场)
      indicator X weight 10 method M
                            ^~~~~~
)~"},
    {"expected-target-value",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 target method M
  }
}
)~",
     R"~(t.perf:3:34: error: expected the target value (for example: >= 13人, 2024年12月10日前, 长期)
      indicator X weight 10 target method M
                                   ^~~~~~
)~"},
    {"expected-target-value after an operator",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 target >= method M
  }
}
)~",
     R"~(t.perf:3:37: error: expected the target value (for example: >= 13人, 2024年12月10日前, 长期)
      indicator X weight 10 target >= method M
                                      ^~~~~~
)~"},
    {"invalid-target: a day that does not exist",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 target 2024年2月30日 method M
  }
}
)~",
     R"~(t.perf:3:41: error: this target cannot be read: '2024年2月30日' is not a date: February 2024 has 29 days
      indicator X weight 10 target 2024年2月30日 method M
                                            ^~~~
)~"},
    {"invalid-target: a word with digits",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 target 第3名 method M
  }
}
)~",
     R"~(t.perf:3:35: error: this target cannot be read: '第3名' is neither a number nor a word: a number comes first, as in 13人, and a word has no digits
      indicator X weight 10 target 第3名 method M
                                     ^~~
)~"},
    {"expected-method",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 target >= 2场 rule M
  }
}
)~",
     R"~(t.perf:3:40: error: expected 'method' after the target (for example: target >= 2场 method 按照完成比例赋分)
      indicator X weight 10 target >= 2场 rule M
                                          ^~~~
)~"},
    {"expected-method-reference",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 target >= 2场 method
  }
}
)~",
     R"~(t.perf:4:3: error: expected the name of a method after 'method'
    }
    ^
)~"},
    {"unterminated-string",
     R"~(project "2024年就业补助资金 policy Q {
}
)~",
     R"~(t.perf:1:9: error: this quoted name has no closing '"' on the same line
  project "2024年就业补助资金 policy Q {
          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
)~"},
    {"invalid-escape",
     R"~(policy "a\n" {
}
)~",
     R"~(t.perf:1:10: error: inside quotes a backslash can only be followed by '"' or '\'
  policy "a\n" {
           ^~
)~"},
    {"empty-name",
     R"~(policy "" {
}
)~",
     R"~(t.perf:1:8: error: a name cannot be empty
  policy "" {
         ^~
)~"},
    {"full-width bracket in a formula",
     R"~(method M {
  score = min（rate, 100%)
}
)~",
     R"~(t.perf:2:14: error: '（' is a full-width character; type the ASCII '(' instead
    score = min（rate, 100%)
               ^
)~"},
    {"full-width comma in a call",
     R"~(method M {
  score = min(rate，100%)
}
)~",
     R"~(t.perf:2:19: error: '，' is a full-width character; type the ASCII ',' instead
    score = min(rate，100%)
                    ^
)~"},
    {"full-width brace",
     R"~(policy P ｛
}
)~",
     R"~(t.perf:1:10: error: '｛' is a full-width character; type the ASCII '{' instead
  policy P ｛
           ^
)~"},
    {"full-width >= in a target",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 target ≥95% method M
  }
}
)~",
     R"~(t.perf:3:34: error: '≥' is a full-width character; type the ASCII '>=' instead
      indicator X weight 10 target ≥95% method M
                                   ^
)~"},
    {"full-width digits",
     R"~(policy P {
  total １００
}
)~",
     R"~(t.perf:2:9: error: '１' is a full-width character; type the ASCII '1' instead
    total １００
          ^
)~"},
    {"full-width space",
     R"~(policy P {
  total　100
}
)~",
     R"~(t.perf:2:8: error: this is a full-width space; type an ordinary space instead
    total　100
         ^
)~"},
    {"full-width bracket inside an unquoted name",
     R"~(project P policy Q {
  A / B {
    indicator 当期结案率（%） weight 10 target = 100% method M
  }
}
)~",
     R"~(t.perf:3:20: error: '（' ends a name written without quotes; if it is part of the name, put the whole name in double quotes (for example: "当期结案率（%）")
      indicator 当期结案率（%） weight 10 target = 100% method M
                          ^
)~"},
    {"full-width comma after an unquoted method name",
     R"~(project P policy Q {
  A / B {
    indicator X weight 10 target = 1 method 按完成率，赋分
  }
}
)~",
     R"~(t.perf:3:49: error: '，' ends a name written without quotes; if it is part of the name, put the whole name in double quotes (for example: "当期结案率（%）")
      indicator X weight 10 target = 1 method 按完成率，赋分
                                                      ^
)~"},
    {"tabs before the error keep the caret aligned",
     R"~(policy P {
	total	x
}
)~",
     R"~(t.perf:2:8: error: expected a number after 'total' (for example: total 100)
  	total	x
  	     	^
)~"},
    {"a CJK prefix is two columns wide",
     R"~(policy 新疆 {
  总分 一百
}
)~",
     R"~(t.perf:2:6: error: expected a number after 'total' (for example: total 100)
    总分 一百
         ^~~~
)~"},
};

// The same errors rendered in Chinese.
const Case kChineseErrors[] = {
    {"grade-range-needs-spaces in Chinese",
     R"~(方法 M {
  等级 A = 80%至100%
}
)~",
     R"~(t.perf:2:13: 错误: “至”的前后须各有一个空格（例如：等级 达成年度指标 = 80% 至 100%）
    等级 A = 80%至100%
                ^
)~"},
    {"expected-category-weight in Chinese",
     R"~(政策 P {
  类别 产出指标 数量指标 权重 5
}
)~",
     R"~(t.perf:2:11: 错误: 类别后面应为“权重”和数字（例如：类别 产出指标 权重 50）；含空格或标点的名称须用英文双引号括起来
    类别 产出指标 数量指标 权重 5
                  ^~~~~~~~
)~"},
    {"expected-weight-number in Chinese",
     R"~(政策 P {
  资金 { 权重 十 }
}
)~",
     R"~(t.perf:2:11: 错误: “权重”后面应为数字（例如：权重 10）
    资金 { 权重 十 }
                ^
)~"},
    {"full-width in Chinese",
     R"~(方法 M {
  得分 = min（完成率, 1)
}
)~",
     R"~(t.perf:2:11: 错误: “（”是全角字符；请改用半角的“(”
    得分 = min（完成率, 1)
              ^
)~"},
    {"invalid-target in Chinese",
     R"~(项目 P 政策 Q {
  A / B {
    指标 X 权重 10 目标 2024年2月30日 方法 M
  }
}
)~",
     R"~(t.perf:3:26: 错误: 无法识别此目标值：“2024年2月30日”不是有效日期：2024年2月只有29天
      指标 X 权重 10 目标 2024年2月30日 方法 M
                                   ^~~~
)~"},
    {"duplicate-statement in Chinese",
     R"~(方法 M {
  得分 = 1
  得分 = 2
}
)~",
     R"~(t.perf:3:3: 错误: “得分”重复出现；只能出现一次
    得分 = 2
    ^~~~
  首次出现于 t.perf:2:3
)~"},
};

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input") {
  CHECK(detail::grammar_problems() == 0);
}

TEST_CASE("formulas parse with the documented precedence") {
  for (const Case& c : kFormulas) {
    INFO(c.name << "\n" << c.input);
    CHECK(run_formula(c.input) == c.expected);
  }
}

TEST_CASE("declarations lower to the AST") {
  for (const Case& c : kDeclarations) {
    INFO(c.name << "\n" << c.input);
    CHECK(run(c.input) == c.expected);
  }
}

TEST_CASE("every syntax error has its own message, caret and underline") {
  for (const Case& c : kErrors) {
    INFO(c.name << "\n" << c.input);
    CHECK(run(c.input) == c.expected);
  }
}

TEST_CASE("errors render in Chinese") {
  for (const Case& c : kChineseErrors) {
    INFO(c.name << "\n" << c.input);
    CHECK(run(c.input, Lang::zh) == c.expected);
  }
}

TEST_CASE("without the layout, declarations lower and fail the same") {
  // Layout::drop reads project declarations without a parse tree.
  for (const Case& c : kDeclarations) {
    INFO(c.name << "\n" << c.input);
    CHECK(run(c.input, Lang::en, Layout::drop) == c.expected);
  }
  for (const Case& c : kErrors) {
    INFO(c.name << "\n" << c.input);
    CHECK(run(c.input, Lang::en, Layout::drop) == c.expected);
  }
  for (const Case& c : kChineseErrors) {
    INFO(c.name << "\n" << c.input);
    CHECK(run(c.input, Lang::zh, Layout::drop) == c.expected);
  }
}

TEST_CASE("the first syntax error stops the parse with one diagnostic") {
  const auto r = parse("policy P { total }\npolicy { }\nmethod = \n");
  CHECK_FALSE(r->file);
  CHECK(r->sink.all().size() == 1);
  CHECK(r->sink.all().front().code == "expected-total-number");
}

TEST_CASE("errors found while lowering are all reported") {
  const auto r = parse(
      "policy P { total 100 total 90 }\n"
      "project P policy P {\n"
      "  A / B {\n"
      "    indicator X weight 10 target 2023年2月29日 method M\n"
      "    indicator Y weight 10 target >= 5 km method M\n"
      "  }\n"
      "}\n");
  CHECK_FALSE(r->file);
  REQUIRE(r->sink.all().size() == 3);
  CHECK(r->sink.all()[0].code == "duplicate-statement");
  CHECK(r->sink.all()[1].code == "invalid-target");
  CHECK(r->sink.all()[2].code == "invalid-target");
  // The duplicate points back at the first one.
  REQUIRE(r->sink.all()[0].related);
  CHECK(r->sink.all()[0].related->begin == 11);
}

TEST_CASE("a byte-order mark is skipped and takes no column") {
  CHECK(run("\xEF\xBB\xBFpolicy P { total 100 }\n") ==
        "policy \"P\"@1:8 @1:1\n"
        "  total 100\n");
  CHECK(run("\xEF\xBB\xBFpolicy { }\n") ==
        "t.perf:1:8: error: expected the policy's name after 'policy' (for example: policy "
        "新疆2024 {)\n"
        "  policy { }\n"
        "         ^\n");
}

TEST_CASE("CRLF line ends parse like LF and render without the CR") {
  const std::string lf =
      "policy P {\n  total 100\n  explain when rate < 90% // note\n}\nmethod M {\n  score = 1\n}\n";
  std::string crlf;
  for (const char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  CHECK(run(crlf) == run(lf));
  CHECK(run("method M {\r\n  score = (1\r\n}\r\n") ==
        "t.perf:3:1: error: expected ')' to close the '('\n"
        "  }\n"
        "  ^\n");
}

TEST_CASE("invalid UTF-8 is an error at the first bad byte") {
  CHECK(run("policy P {\n  total 1\xFF\n}\n") ==
        "t.perf:2:10: error: byte 0xFF is not valid UTF-8; save the file as UTF-8\n"
        "    total 1\xEF\xBF\xBD\n"
        "           ^\n");
  // In a comment too: the file is read as a whole.
  CHECK(only_error(*parse("// caf\xE9 au lait\npolicy P { }\n")) ==
        "t.perf:1:7: error: byte 0xE9 is not valid UTF-8; save the file as UTF-8");
  // A sequence cut off by the end of the file.
  CHECK(only_error(*parse("policy 新\xE7\x96")) ==
        "t.perf:1:9: error: byte 0xE7 is not valid UTF-8; save the file as UTF-8");
  // Neither is an overlong encoding of NUL.
  CHECK(only_error(*parse("policy \xC0\x80 { }")) ==
        "t.perf:1:8: error: byte 0xC0 is not valid UTF-8; save the file as UTF-8");
  // An encoded surrogate is not UTF-8 either.
  CHECK(only_error(*parse("policy \xED\xA0\x80 { }")) ==
        "t.perf:1:8: error: byte 0xED is not valid UTF-8; save the file as UTF-8");
}

TEST_CASE("100000-deep nesting is an error, not a stack overflow") {
  constexpr std::size_t kDeep = 100000;
  // The caret stands where the 201st level begins: inside its bracket.
  const std::string too_deep =
      "t.perf:1:221: error: this formula is nested too deeply (more than 200 levels of brackets, "
      "'if' or operators); simplify it";
  CHECK(only_error(*parse("method M { score = " + repeat("(", kDeep) + "1" + repeat(")", kDeep) +
                          " }")) == too_deep);
  CHECK(only_error(*parse("method M { score = " + repeat("-", kDeep) + "1 }")) == too_deep);
  CHECK(only_error(*parse("method M { score = " + repeat("min(", kDeep) + "1" + repeat(")", kDeep) +
                          " }")) ==
        "t.perf:1:824: error: this formula is nested too deeply (more than 200 levels of "
        "brackets, 'if' or operators); simplify it");
  CHECK(only_error(*parse("method M { met = " + repeat("not ", kDeep) + "met }"))
            .starts_with("t.perf:1:822: error: this formula is nested too deeply"));
  CHECK(only_error(*parse("method M { score = " + repeat("if a then ", kDeep) + "1" +
                          repeat(" else 0", kDeep) + " }"))
            .find("error: this formula is nested too deeply") != std::string::npos);
  // An operator chain is as deep as it is long once it is a tree.
  CHECK(only_error(*parse("method M { score = 1" + repeat(" + 1", kDeep) + " }"))
            .find("error: this formula is nested too deeply") != std::string::npos);
}

TEST_CASE("the nesting limit is exact") {
  const std::string deepest = repeat("(", 200) + "1" + repeat(")", 200);
  CHECK(parse("method M { score = " + deepest + " }")->file);
  CHECK_FALSE(parse("method M { score = (" + deepest + ") }")->file);

  ParseLimits limits;
  limits.max_nesting = 10;  // a chain of n operators is n + 1 levels deep
  CHECK(parse("method M { score = 1" + repeat(" * 2", 9) + " }", limits)->file);
  const auto r = parse("method M { score = 1" + repeat(" * 2", 10) + " }", limits);
  CHECK_FALSE(r->file);
  CHECK(only_error(*r) ==
        "t.perf:1:20: error: this formula is nested too deeply (more than 10 levels of "
        "brackets, 'if' or operators); simplify it");
}

TEST_CASE("a 10000-character name is refused by the limit, kept when allowed") {
  const std::string name(10000, 'a');
  // Built with append, not operator+: GCC 12 at -O3 warns falsely
  // (-Wrestrict) on the concatenation.
  std::string quoted = "\"";
  quoted.append(repeat("名 ", 3000)).append("\"");
  CHECK(only_error(*parse("policy " + name + " { }")) ==
        "t.perf:1:8: error: this name is 10000 bytes long, more than the limit of 1024 bytes");
  CHECK(only_error(*parse("policy " + quoted + " { }")) ==
        "t.perf:1:8: error: this name is 12000 bytes long, more than the limit of 1024 bytes");
  ParseLimits limits;
  limits.max_name_bytes = 20000;
  const auto r = parse("policy " + name + " { }", limits);
  REQUIRE(r->file);
  CHECK(r->file->policies.at(0).name.text == name);
}

TEST_CASE("a 400-digit number is an error, not a crash") {
  const std::string digits = repeat("1234567890", 40);
  CHECK(run("policy P { total " + digits + " }") ==
        "t.perf:1:18: error: the number 123456789012345678901234... has too many digits to be "
        "held exactly\n"
        "  policy P { total " +
            digits +
            " }\n"
            "                   ^" +
            std::string(399, '~') + "\n");
  CHECK(only_error(*parse("method M { score = weight * " + digits + "% }")) ==
        "t.perf:1:29: error: the number 123456789012345678901234... has too many digits to be "
        "held exactly");
  CHECK(only_error(*parse("project P policy Q {\n  A / B {\n    indicator X weight " + digits +
                          " target >= " + digits + "人 method M\n  }\n}\n"))
            .starts_with("2 diagnostics:"));
}

TEST_CASE("a file over the size limit is refused before it is read") {
  ParseLimits limits;
  limits.max_file_bytes = 10;
  const auto r = parse("policy P { total 100 }", limits);
  CHECK_FALSE(r->file);
  CHECK(only_error(*r) ==
        "t.perf:1:1: error: the file is 22 bytes, more than the limit of 10 bytes");
}

TEST_CASE("diagnostics point into the right file") {
  SourceManager sources;
  DiagnosticSink sink;
  sources.add("first.perf", "policy A { }");
  const FileId second = sources.add("second.perf", "policy B { total x }");
  CHECK_FALSE(parse_rules(second, sources, sink));
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].range->file == second);
  CHECK(location(*sink.all()[0].range, sources) == "second.perf:1:18");
}

TEST_CASE("AST values: numbers are exact, targets are parsed, ranges cover the text") {
  const auto r = parse(
      "policy P { total 99.5 round score 3 funds { weight 12.25 } band 优 >= 90.5 }\n"
      "project \"X\" policy P {\n"
      "  A / B {\n"
      "    indicator 甲 weight 7.5 target >= 2.30万人 method M\n"
      "  }\n"
      "}\n");
  REQUIRE(r->file);
  const ast::Policy& p = r->file->policies.at(0);
  CHECK(*p.total == Rational::fraction(199, 2));
  CHECK(*p.score_digits == 3);
  CHECK_FALSE(p.rate_digits);
  CHECK(p.funds->weight == Rational::fraction(49, 4));
  CHECK(p.bands.at(0).threshold == Rational::fraction(181, 2));
  const ast::Indicator& i = r->file->projects.at(0).indicators.at(0);
  const std::string& text = r->sources.get(0).text();
  CHECK(text.substr(i.range.begin, i.range.end - i.range.begin) ==
        "indicator 甲 weight 7.5 target >= 2.30万人 method M");
  CHECK(text.substr(i.weight_range.begin, i.weight_range.end - i.weight_range.begin) == "7.5");
  CHECK(i.target.text == ">= 2.30万人");
  CHECK(i.target.op == CompareOp::ge);
  CHECK(std::get<Quantity>(i.target.value) == Quantity{Rational(23000), "人"});
  const ast::Project& proj = r->file->projects.at(0);
  CHECK(text.substr(proj.range.begin, proj.range.end - proj.range.begin).ends_with("}\n}"));
  CHECK(proj.name.text == "X");
  CHECK(text.substr(proj.name.range.begin, proj.name.range.end - proj.name.range.begin) == "\"X\"");
}
