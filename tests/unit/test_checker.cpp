// Semantic checks: every problem in a rules folder is reported, each where
// it stands.

#include <catch2/catch.hpp>
#include <random>

#include "support.hpp"

using namespace perfeval;

namespace {

const std::string kPolicy =
    "policy T {\n"
    "  total 100\n"
    "  funds { weight 10 rate = executed / budget score = weight * min(rate, 100%) }\n"
    "  grade 达到预期指标 = 100%\n"
    "}\n"
    "method 按照完成比例赋分 { rate = actual / target score = weight * rate }\n";

std::vector<std::string> codes(const test::Compiled& c) {
  std::vector<std::string> out;
  for (const auto& d : c.sink.all()) {
    out.push_back(d.code);
  }
  return out;
}

std::string project(const std::string& body, const std::string& policy = "T") {
  return "project P policy " + policy + " {\n  产出指标 / 数量指标 {\n" + body + "  }\n}\n";
}

}  // namespace

TEST_CASE("a well-formed rules file checks clean") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 90 target >= 1个 method 按照完成比例赋分\n"));
  CHECK(c->messages().empty());
  CHECK(c->program.find_project("P") != nullptr);
}

TEST_CASE("an unknown method suggests the closest name") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 90 target >= 1个 method 按照完成比列赋分\n"));
  CHECK(codes(*c) == std::vector<std::string>{"unknown-method-suggest"});
  CHECK(c->sink.all()[0].args[1] == "按照完成比例赋分");
  CHECK(c->program.find_project("P") == nullptr);
  CHECK(c->program.is_broken("P"));
}

TEST_CASE("an unknown policy is reported at the project") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 90 target >= 1个 method 按照完成比例赋分\n", "U"));
  CHECK(codes(*c) == std::vector<std::string>{"unknown-policy"});
}

TEST_CASE("weights that do not add up to the policy total are reported with the sums") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 50 target >= 1个 method 按照完成比例赋分\n"
                        "    indicator 乙 weight 35 target >= 1个 method 按照完成比例赋分\n"));
  REQUIRE(codes(*c) == std::vector<std::string>{"weights-do-not-add-up"});
  CHECK(c->sink.all()[0].args[1] == "85");
  CHECK(c->sink.all()[0].args[3] == "95");
}

TEST_CASE("duplicate indicators point at both places") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 45 target >= 1个 method 按照完成比例赋分\n"
                        "    indicator 甲 weight 45 target >= 1个 method 按照完成比例赋分\n"));
  REQUIRE(codes(*c) == std::vector<std::string>{"duplicate-indicator"});
  const auto& d = c->sink.all()[0];
  REQUIRE(d.related);
  CHECK(c->sources.get(d.range->file).position(d.range->begin).line == 10);
  CHECK(c->sources.get(d.related->file).position(d.related->begin).line == 9);
}

TEST_CASE("every problem is reported, not only the first") {
  const auto c = test::compile(
      kPolicy + "method 坏 { rate = actuel / target score = weight * score + max() }\n" +
      project("    indicator 甲 weight 90 target 长期 method 未知\n"));
  CHECK(codes(*c) == std::vector<std::string>{"unknown-variable-suggest", "unknown-variable",
                                              "wrong-argument-count", "unknown-method"});
}

TEST_CASE("a qualitative target needs grades in its method or policy") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight } }\n"
      "method M { rate = actual / target score = weight }\n" +
      project("    indicator 甲 weight 90 target 长期 method M\n"));
  CHECK(codes(*c) == std::vector<std::string>{"qualitative-target-without-grades"});
}

TEST_CASE("round takes a whole number of digits") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = round(rate, 1.5) } "
      "}\n");
  CHECK(codes(*c) == std::vector<std::string>{"round-digits"});
}

TEST_CASE("variables are known only where they have a value") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * actual } "
      "}\n");
  CHECK(codes(*c) == std::vector<std::string>{"unknown-variable"});
}

TEST_CASE("Chinese aliases of variables and functions are accepted") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = 全年执行数 / 全年预算数 score = 舍入(权重 * "
      "最小(完成率, 100%), 1) } }\n");
  CHECK(c->messages().empty());
}

TEST_CASE("closest_name only suggests plausible slips") {
  CHECK(closest_name("按照完成比列赋分", {"按照完成比例赋分", "满意度赋分"}) ==
        std::optional<std::string>("按照完成比例赋分"));
  CHECK_FALSE(closest_name("完全不同", {"按照完成比例赋分"}));
  CHECK_FALSE(closest_name("x", {"x"}));
}

namespace {

// Levenshtein distance over code points, the plain way, to check the
// search's shortcuts against.
std::size_t plain_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
  }
  return d[a.size()][b.size()];
}

std::string utf8_of(const std::u32string& text) {
  std::string out;
  for (const char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {  // the test's letters are all below U+10000
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("closest_name among many finds what comparing with each would") {
  const std::u32string letters = U"项目经费培训人数0123x";
  std::mt19937 random(7);
  const auto word = [&] {
    std::u32string out(1 + random() % 9, U' ');
    for (auto& c : out) c = letters[random() % letters.size()];
    return out;
  };
  std::vector<std::u32string> names(3000);
  for (auto& name : names) name = word();
  std::vector<std::string> strings;
  for (const auto& name : names) strings.push_back(utf8_of(name));
  const std::vector<std::string_view> views(strings.begin(), strings.end());

  for (int k = 0; k < 300; ++k) {
    const std::u32string query = word();
    // The first of the nearest, if it differs at all and by at most a third.
    std::optional<std::string> expected;
    std::size_t best = 0;
    for (std::size_t n = 0; n < names.size(); ++n) {
      const std::size_t d = plain_distance(query, names[n]);
      if (d == 0 || d * 3 > std::max(query.size(), names[n].size()))
        continue;
      if (!expected || d < best) {
        expected = strings[n];
        best = d;
      }
    }
    INFO(utf8_of(query));
    CHECK(closest_name(utf8_of(query), strings) == expected);
    CHECK(closest_name(utf8_of(query), views) == expected);
  }
}

// ---- category weights (`category 一级 [/ 二级] weight N`)

namespace {

// A policy with category weights, and projects of it.
const std::string kWeighted =
    "policy W {\n"   // 1
    "  total 100\n"  // 2
    "  funds { weight 10 rate = executed / budget score = weight * min(rate, 100%) }\n"
    "  category 产出指标 weight 50\n"  // 4
    "  category 效益指标 weight 40\n"  // 5
    "}\n"                              // 6
    "method 按照完成比例赋分 { rate = actual / target score = weight * rate }\n";

std::string weighted_project(const std::string& name, const std::string& body) {
  return "project " + name + " policy W {\n" + body + "}\n";
}

std::string group(const std::string& path, const std::string& name, int weight) {
  return "  " + path + " {\n    indicator " + name + " weight " + std::to_string(weight) +
         " target >= 1个 method 按照完成比例赋分\n  }\n";
}

std::string rendered(const test::Compiled& c, Lang lang) {
  std::string out;
  for (const auto& d : c.sink.all()) {
    out += render(d, c.sources, lang);
  }
  return out;
}

}  // namespace

TEST_CASE("category weights that are met check clean, and the project is scored") {
  const auto c = test::compile(
      kWeighted + weighted_project("P", group("产出指标 / 数量指标", "甲", 30) +
                                            group("产出指标 / 质量指标", "乙", 20) +
                                            group("效益指标 / 社会效益指标", "丙", 40)));
  CHECK(c->messages().empty());
  CHECK(c->program.find_project("P") != nullptr);
}

TEST_CASE("indicators that do not add up to their category: the exact message in both languages") {
  const auto c = test::compile(
      kWeighted + weighted_project("P", group("产出指标 / 数量指标", "甲", 55) +
                                            group("效益指标 / 社会效益指标", "丙", 35)));
  CHECK(
      rendered(*c, Lang::en) ==
      "test.perf:4:3: error: in project 'P' the indicators under '产出指标' add up to 55, but the "
      "category's weight is 50\n"
      "    category 产出指标 weight 50\n"
      "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
      "test.perf:5:3: error: in project 'P' the indicators under '效益指标' add up to 35, but the "
      "category's weight is 40\n"
      "    category 效益指标 weight 40\n"
      "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
  CHECK(rendered(*c, Lang::zh) ==
        "test.perf:4:3: 错误: 项目“P”中“产出指标”下各指标权重合计为55，而该类别的权重为50\n"
        "    category 产出指标 weight 50\n"
        "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "test.perf:5:3: 错误: 项目“P”中“效益指标”下各指标权重合计为35，而该类别的权重为40\n"
        "    category 效益指标 weight 40\n"
        "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
  CHECK(c->program.find_project("P") == nullptr);
  CHECK(c->program.is_broken("P"));
}

TEST_CASE("a declared category with no indicators, and every project reported in one run") {
  const auto c =
      test::compile(kWeighted + weighted_project("P", group("产出指标 / 数量指标", "甲", 90)) +
                    weighted_project("Q", group("产出指标 / 数量指标", "甲", 50) +
                                              group("效益指标 / 经济效益指标", "乙", 40)));
  REQUIRE(codes(*c) == std::vector<std::string>{"category-weights-do-not-add-up",
                                                "category-without-indicators"});
  CHECK(
      rendered(*c, Lang::en)
          .find(
              "test.perf:5:3: error: project 'P' has no indicator under '效益指标', which is given "
              "weight 40 here; add its indicators or remove the category") != std::string::npos);
  CHECK(c->program.find_project("Q") != nullptr);
}

TEST_CASE("declared second-level weights must add up to their first-level one") {
  const auto c =
      test::compile(kWeighted + weighted_project("P",
                                                 "  category 产出指标 / 数量指标 weight 30\n"
                                                 "  category 产出指标 / 质量指标 weight 10\n" +
                                                     group("产出指标 / 数量指标", "甲", 30) +
                                                     group("产出指标 / 质量指标", "乙", 10) +
                                                     group("产出指标 / 时效指标", "丁", 10) +
                                                     group("效益指标 / 社会效益指标", "丙", 40)));
  REQUIRE(codes(*c) == std::vector<std::string>{"category-parts-do-not-add-up"});
  const auto& d = c->sink.all()[0];
  CHECK(message_text(d, Lang::en) ==
        "in project 'P' the second-level categories given weights under '产出指标' add up to 40 "
        "(数量指标 30, 质量指标 10), but '产出指标' has weight 50");
  CHECK(message_text(d, Lang::zh) ==
        "项目“P”中“产出指标”下已规定权重的二级指标合计为40（数量指标 30、质量指标 "
        "10），而“产出指标”的权重为50");
  CHECK(c->sources.get(d.range->file).position(d.range->begin).line == 4);
}

TEST_CASE("a project's category weight replaces its policy's, and extends replaces the base's") {
  const auto c = test::compile(
      kWeighted +
      "policy V extends W {\n  category 效益指标 weight 20\n  category 满意度指标 weight 20\n}\n" +
      "project P policy V {\n" + group("产出指标 / 数量指标", "甲", 50) +
      group("效益指标 / 社会效益指标", "丙", 20) + group("满意度指标 / 满意度指标", "戊", 20) +
      "}\n" +
      "project Q policy W {\n  category 产出指标 weight 60\n  category 效益指标 weight 30\n" +
      group("产出指标 / 数量指标", "甲", 60) + group("效益指标 / 社会效益指标", "丙", 30) + "}\n");
  CHECK(c->messages().empty());
}

TEST_CASE("the same category given twice in one place points at both") {
  const auto c =
      test::compile(kWeighted + weighted_project("P",
                                                 "  category 产出指标 / 数量指标 weight 50\n"
                                                 "  category 产出指标 / 数量指标 weight 50\n" +
                                                     group("产出指标 / 数量指标", "甲", 50) +
                                                     group("效益指标 / 社会效益指标", "丙", 40)));
  REQUIRE(codes(*c) == std::vector<std::string>{"duplicate-category"});
  const auto& d = c->sink.all()[0];
  REQUIRE(d.related);
  CHECK(c->sources.get(d.range->file).position(d.range->begin).line == 10);
  CHECK(c->sources.get(d.related->file).position(d.related->begin).line == 9);
  CHECK(message_text(d, Lang::en) ==
        "category '产出指标 / 数量指标' is given a weight twice here; keep one");
}

// ---- grade bands, entered scores and requirements

TEST_CASE("entered, grade_low and grade_high are method inputs, not funds or total values") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = entered } }\n"
      "method M { grade A = 80% .. 100% require entered >= weight * grade_low\n"
      "  require 填报得分 <= 权重 * 等级上限 rate = entered / weight score = entered }\n");
  REQUIRE(codes(*c) == std::vector<std::string>{"unknown-variable"});
  CHECK(message_text(c->sink.all()[0], Lang::en)
            .starts_with("'entered' has no value in a score formula"));
}

TEST_CASE("a requirement is checked before met, rate and score exist") {
  const auto c = test::compile(
      kPolicy + "method M { require score > 0 rate = actual / target score = weight }\n");
  REQUIRE(codes(*c) == std::vector<std::string>{"unknown-variable"});
  CHECK(message_text(c->sink.all()[0], Lang::en) ==
        "'score' has no value in a require formula; available here: weight, target, actual, "
        "graded, grade, lower_is_better, entered, grade_low, grade_high");
}

TEST_CASE("both ends of a grade's band are constants") {
  const auto c = test::compile("method M { grade A = weight .. 100% rate = 1 score = weight }\n");
  REQUIRE_FALSE(c->sink.all().empty());
  CHECK(c->sink.all()[0].code == "grade-share-not-constant");
  CHECK(
      c->sources.get(c->sink.all()[0].range->file).position(c->sink.all()[0].range->begin).column ==
      22);
}

TEST_CASE("a grade's band is written lower end first") {
  const auto c = test::compile("method M { grade B = 80% 至 60% rate = 1 score = weight }\n");
  REQUIRE(codes(*c) == std::vector<std::string>{"grade-range-reversed"});
  const auto& reversed = c->sink.all()[0];
  CHECK(c->messages() ==
        "test.perf:1:22: error: the band of grade 'B' starts at 80.00%, above its end 60.00%; "
        "write the lower end first (for example: 60% .. 80%)\n"
        "  method M { grade B = 80% 至 60% rate = 1 score = weight }\n"
        "                       ^~~~~~~~~~\n\n");
  CHECK(message_text(reversed, Lang::en) ==
        "the band of grade 'B' starts at 80.00%, above its end 60.00%; write the lower end first "
        "(for example: 60% .. 80%)");
}

namespace {

// Rule files in folders: each text is parsed as a file of folder `scope`,
// whose uses reached the files listed by index.
struct InFolder {
  std::uint32_t scope;
  std::string text;
  std::vector<std::size_t> uses = {};
};

std::unique_ptr<test::Compiled> compile_folders(const std::vector<InFolder>& files) {
  auto c = std::make_unique<test::Compiled>();
  std::vector<ast::RuleFile> parsed;
  std::vector<FileId> ids;
  for (std::size_t i = 0; i < files.size(); ++i) {
    ids.push_back(c->sources.add("f" + std::to_string(i) + ".perf", files[i].text));
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto file = parse_rules(ids[i], c->sources, c->sink);
    REQUIRE(file);
    file->scope = files[i].scope;
    file->folder = "folder";
    file->folder += std::to_string(files[i].scope);
    for (const std::size_t used : files[i].uses) {
      file->used_files.push_back(ids[used]);
    }
    parsed.push_back(std::move(*file));
  }
  c->rules = check_rules(std::move(parsed), c->sink);
  c->program = Program::compile(c->rules, c->sink);
  return c;
}

std::string policy_named(const std::string& name, const std::string& digits) {
  return "policy " + name +
         " {\n"
         "  total 100\n"
         "  round score " +
         digits +
         "\n"
         "  funds { weight 10 rate = executed / budget score = weight * min(rate, 100%) }\n"
         "}\n";
}

const std::string kMethod =
    "method 按照完成比例赋分 { rate = actual / target score = weight * rate }\n";

std::string project_named(const std::string& name, const std::string& policy) {
  return "project " + name + " policy " + policy +
         " {\n  产出指标 / 数量指标 {\n"
         "    indicator 甲 weight 90 target >= 3个 method 按照完成比例赋分\n  }\n}\n";
}

}  // namespace

TEST_CASE("a policy name declared in two folders means each folder's own") {
  const auto c = compile_folders({
      {0, policy_named("本地", "1") + kMethod + project_named("A", "本地")},
      {1, policy_named("本地", "2") + project_named("B", "本地")},
  });
  CHECK(c->messages().empty());
  const CompiledProject* a = c->program.find_project("A");
  const CompiledProject* b = c->program.find_project("B");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->policy->score_digits == 1);
  CHECK(b->policy->score_digits == 2);
}

TEST_CASE("the same policy name twice in one folder is still a duplicate") {
  const auto c = compile_folders({
      {0, policy_named("本地", "1") + kMethod},
      {0, policy_named("本地", "2")},
  });
  CHECK(codes(*c) == std::vector<std::string>{"duplicate-policy"});
}

TEST_CASE("a folder that declares no policy of the name finds the one it uses") {
  const auto c = compile_folders({
      {0, policy_named("本地", "1") + kMethod},
      {1, policy_named("本地", "2")},
      {2, project_named("C", "本地"), {1}},
  });
  CHECK(c->messages().empty());
  REQUIRE(c->program.find_project("C"));
  CHECK(c->program.find_project("C")->policy->score_digits == 2);
}

TEST_CASE("uses are followed through the files they reach, and a cycle is harmless") {
  const auto c = compile_folders({
      {0, policy_named("本地", "1") + kMethod, {1}},
      {1, policy_named("本地", "2"), {0}},
      {2, project_named("C", "本地"), {1}},
  });
  // Folder 2 reaches folders 1 and 0 alike: the name is ambiguous there.
  CHECK(codes(*c) == std::vector<std::string>{"ambiguous-policy"});
}

TEST_CASE("a policy name that could mean either of two folders' is an error naming both") {
  const auto c = compile_folders({
      {0, policy_named("本地", "1") + kMethod},
      {1, policy_named("本地", "2")},
      {2, project_named("C", "本地")},
  });
  REQUIRE(codes(*c) == std::vector<std::string>{"ambiguous-policy"});
  const Diagnostic& d = c->sink.all()[0];
  CHECK(d.args == std::vector<std::string>{"本地", "folder0", "folder1"});
  REQUIRE(d.related);
  CHECK(c->program.find_project("C") == nullptr);
  CHECK(c->program.is_broken("C"));
}

TEST_CASE("a policy declared once is found from any folder, as before folders mattered") {
  const auto c = compile_folders({
      {0, policy_named("本地", "1") + kMethod},
      {1, project_named("C", "本地")},
  });
  CHECK(c->messages().empty());
  CHECK(c->program.find_project("C") != nullptr);
}

TEST_CASE("a method declared outside policies in two folders means each folder's own") {
  const std::string other =
      "method 按照完成比例赋分 { rate = actual / target score = weight * min(rate, 100%) }\n";
  const auto c = compile_folders({
      {0, policy_named("本地", "1") + kMethod + project_named("A", "本地")},
      {1, other + project_named("B", "本地"), {0}},
      {2, project_named("C", "本地"), {0}},
  });
  CHECK(codes(*c).empty());
  const CompiledProject* a = c->program.find_project("A");
  const CompiledProject* b = c->program.find_project("B");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->indicators[0].method != b->indicators[0].method);
  CHECK(b->indicators[0].method->range.file != a->indicators[0].method->range.file);
}
