// Project declarations loaded for scoring keep their indicators packed
// (ast::PackedIndicators), and project types are compiled when first asked
// for: what is unpacked and compiled must be what the parser read.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "perfeval/lang/parser.hpp"
#include "support.hpp"

using namespace perfeval;

namespace {

// Every kind of part an indicator can have: quoted names with and without
// escapes, each kind of target, and a weight and a target amount too large
// to keep as 64-bit numbers (read from the text again).
const std::string kRules =
    "project \"项目 \\\"甲\\\"\" policy T {\n"
    "  产出指标 / 数量指标 {\n"
    "    indicator 培训人数  weight 10  target >= 13人  method 按照完成比例赋分\n"
    "    indicator \"带\\\"引号\\\"的指标\"  weight 2.5  target <= 532.8万元  method "
    "\"按照完成比例赋分\"\n"
    "  }\n"
    "  \"产出 指标\" / \"时效\\\\指标\" {\n"
    "    indicator 完成时间  weight 7  target 2024年12月10日前  method 按照完成比例赋分\n"
    "    indicator 满意度  weight 12345678901234567890123  target >= 95%  method 按照完成比例赋分\n"
    "    indicator 大数  weight 1  target >= 98765432109876543210987个  method 按照完成比例赋分\n"
    "  }\n"
    "  效益指标 / 社会效益指标 {\n"
    "    indicator 社会效益  weight 9  target 提高  method 按照完成比例赋分\n"
    "    indicator 引号目标  weight 3  target \"有效\\\"促进\\\"\"  method 按照完成比例赋分\n"
    "    indicator 比率  weight 0.125  target = 100%  method 按照完成比例赋分\n"
    "  }\n"
    "}\n";

struct Parsed {
  SourceManager sources;
  DiagnosticSink sink;
  std::optional<ast::RuleFile> file;
};

std::unique_ptr<Parsed> parse(Layout layout) {
  auto p = std::make_unique<Parsed>();
  p->file = parse_rules(p->sources.add("t.perf", kRules), p->sources, p->sink, {}, layout);
  return p;
}

void same_name(const ast::NameView& a, const ast::NameView& b) {
  CHECK(a.text == b.text);
  CHECK(a.quoted == b.quoted);
  CHECK(a.range.file == b.range.file);
  CHECK(a.range.begin == b.range.begin);
  CHECK(a.range.end == b.range.end);
}

void same_range(SourceRange a, SourceRange b) {
  CHECK(a.file == b.file);
  CHECK(a.begin == b.begin);
  CHECK(a.end == b.end);
}

}  // namespace

TEST_CASE("packed indicators unpack to what the parser read") {
  const auto kept = parse(Layout::keep);
  const auto dropped = parse(Layout::drop);
  REQUIRE(kept->file);
  REQUIRE(dropped->file);
  CHECK(kept->sink.all().empty());
  const ast::Project& read = kept->file->projects.at(0);
  const ast::Project& packed = dropped->file->projects.at(0);
  REQUIRE(read.indicators.size() == 8);
  CHECK(packed.indicators.empty());
  REQUIRE(packed.packed.size() == 8);

  std::vector<ast::Indicator> unpacked;
  const auto& out = ast::indicators_of(packed, unpacked);
  CHECK(&out == &unpacked);
  REQUIRE(out.size() == read.indicators.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    const ast::Indicator& a = read.indicators[k];
    const ast::Indicator& b = out[k];
    INFO("indicator " << k << " " << a.name.text);
    same_name(a.category1, b.category1);
    same_name(a.category2, b.category2);
    same_name(a.name, b.name);
    same_name(a.method, b.method);
    CHECK(a.weight == b.weight);
    same_range(a.weight_range, b.weight_range);
    CHECK(a.target.text == b.target.text);
    CHECK(a.target.op == b.target.op);
    CHECK(a.target.value == b.target.value);
    same_range(a.target.range, b.target.range);
    same_range(a.range, b.range);
  }
  // The escapes are read, not kept as written.
  CHECK(out[1].name.text == "带\"引号\"的指标");
  CHECK(out[2].category2.text == "时效\\指标");
  CHECK(std::get<Word>(out[6].target.value).text == "有效\"促进\"");

  // Unpacking again into the same storage gives the same.
  packed.packed.unpack(unpacked);
  CHECK(unpacked.size() == 8);
  CHECK(unpacked[3].weight == *Rational::parse("12345678901234567890123"));
}

TEST_CASE("unpacking reuses storage without keeping anything of what was there") {
  const std::string text =
      "project A policy T {\n"
      "  甲 / 乙 {\n"
      "    indicator 一 weight 12345678901234567890123 target 提高 method M\n"
      "    indicator 二 weight 3 target 2024年12月10日前 method M\n"
      "    indicator 三 weight 4 target >= 5个 method M\n"
      "  }\n"
      "}\n"
      "project B policy T {\n"
      "  丙 / 丁 {\n"
      "    indicator 四 weight 1 target >= 98765432109876543210987个 method M\n"
      "    indicator 五 weight 0.5 target 保障 method M\n"
      "  }\n"
      "}\n";
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id = sources.add("t.perf", text);
  const auto kept = parse_rules(id, sources, sink, {}, Layout::keep);
  const auto dropped = parse_rules(id, sources, sink, {}, Layout::drop);
  REQUIRE(kept);
  REQUIRE(dropped);
  std::vector<ast::Indicator> storage;
  dropped->projects.at(0).packed.unpack(storage);
  REQUIRE(storage.size() == 3);
  dropped->projects.at(1).packed.unpack(storage);
  const auto& b = kept->projects.at(1).indicators;
  REQUIRE(storage.size() == b.size());
  for (std::size_t k = 0; k < b.size(); ++k) {
    INFO("indicator " << k);
    CHECK(storage[k].name.text == b[k].name.text);
    CHECK(storage[k].category1.text == b[k].category1.text);
    CHECK(storage[k].weight == b[k].weight);
    CHECK(storage[k].target.op == b[k].target.op);
    CHECK(storage[k].target.value == b[k].target.value);
    same_range(storage[k].range, b[k].range);
  }
}

TEST_CASE("a project type is compiled once when first asked for and from any thread") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * rate } }\n"
      "method 按照完成比例赋分 { rate = actual / target score = weight * rate }\n"
      "project 甲 policy T {\n"
      "  产出指标 / 数量指标 {\n"
      "    indicator 培训人数 weight 60 target >= 13人 method 按照完成比例赋分\n"
      "    indicator 办班次数 weight 30 target >= 2次 method 按照完成比例赋分\n"
      "  }\n"
      "}\n"
      "project 乙 policy T {\n"
      "  产出指标 / 数量指标 { indicator 人数 weight 90 target >= 1人 method 按照完成比例赋分 }\n"
      "}\n");
  REQUIRE_FALSE(c->sink.has_errors());

  std::vector<const CompiledProject*> found(8);
  {
    std::vector<std::jthread> threads;
    for (std::size_t k = 0; k < found.size(); ++k) {
      threads.emplace_back([&, k] { found[k] = c->program.find_project(k % 2 ? "乙" : "甲"); });
    }
  }
  REQUIRE(found[0]);
  REQUIRE(found[1]);
  CHECK(found[0] != found[1]);
  for (std::size_t k = 2; k < found.size(); ++k) {
    CHECK(found[k] == found[k % 2]);
  }
  const CompiledProject& first = *found[0];
  REQUIRE(first.indicators.size() == 2);
  CHECK(first.full_marks == Rational(100));
  CHECK(first.find_indicator("办班次数") == std::optional<std::size_t>(1));
  CHECK(first.indicators[1].decl->target.value == Value(Quantity{Rational(2), "次"}));

  // Compiled into storage of the caller's, and not kept.
  OpenedProject opened;
  const CompiledProject* again = c->program.compile_project("甲", opened);
  REQUIRE(again == &opened.project);
  CHECK(again != &first);
  CHECK(again->indicators.size() == 2);
  CHECK(again->indicators[0].method == first.indicators[0].method);
  CHECK(c->program.find_project("甲") == &first);

  CHECK(c->program.find_project("丙") == nullptr);
  CHECK(c->program.compile_project("丙", opened) == nullptr);
  CHECK_FALSE(c->program.is_broken("甲"));
  CHECK(c->program.project_names() == std::vector<std::string>{"乙", "甲"});
}

TEST_CASE("a folder parsed on several threads loads as on one") {
  namespace fs = std::filesystem;
  const fs::path folder =
      fs::temp_directory_path() / ("perfeval-jobs-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(folder / name, std::ios::binary) << text;
  };
  write(
      "0-policy.perf",
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * rate } }\n"
      "method M { rate = actual / target score = weight * rate }\n");
  for (int k = 0; k < 12; ++k) {
    const std::string name = "项目" + std::to_string(k);
    write("p" + std::to_string(10 + k) + ".perf",
          "project " + name + " policy T {\n  产出指标 / 数量指标 {\n" +
              "    indicator 人数 weight " + std::to_string(k == 3 ? 80 : 90) +
              " target >= 13人 method M\n  }\n}\n");
  }
  write("p30-syntax.perf", "project 坏 policy T {\n  产出指标 / 数量指标 { indicator }\n}\n");
  write("p31-date.perf",
        "project 日期 policy T {\n  产出指标 / 数量指标 {\n"
        "    indicator 完成 weight 90 target 2024年2月30日 method M\n  }\n}\n");
  write("p32-empty.perf", "// nothing yet\n");

  const auto load = [&](unsigned jobs) {
    SourceManager sources;
    DiagnosticSink sink;
    const RuleSet set = load_rules(folder, sources, sink, {}, {}, jobs);
    std::string out = std::to_string(set.file_count) + " files, " +
                      std::to_string(set.unreadable_files) + " unreadable\n";
    for (const auto& d : sink.all()) out += render(d, sources, Lang::en);
    for (const auto& name : set.program.project_names()) out += name + "\n";
    return out;
  };
  const std::string one = load(1);
  CHECK(one.find("16 files, 2 unreadable") == 0);
  for (const char* expected : {"p30-syntax.perf:2:", "p31-date.perf:3:", "p32-empty.perf: warning",
                               "project '项目3' add up to 90", "\n项目11\n"}) {
    INFO(one);
    CHECK(one.find(expected) != std::string::npos);
  }
  CHECK(load(3) == one);
  CHECK(load(16) == one);
  fs::remove_all(folder);
}

TEST_CASE("project types beyond the kept budget are compiled for each table") {
  // One more project type than the budget keeps, of ten indicators each.
  const std::size_t types = Program::kKeptIndicators / 10 + 1;
  std::string text =
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * rate } }\n"
      "method M { rate = actual / target score = weight * rate }\n";
  for (std::size_t k = 0; k < types; ++k) {
    text += "project P" + std::to_string(k) + " policy T {\n  产出指标 / 数量指标 {\n";
    for (int i = 0; i < 10; ++i) {
      text += "    indicator I" + std::to_string(i) +
              " weight 9 target >= " + std::to_string(k + 1) + "人 method M\n";
    }
    text += "  }\n}\n";
  }
  const auto c = test::compile(text);
  REQUIRE_FALSE(c->sink.has_errors());

  OpenedProject scratch;
  std::size_t in_scratch = 0;
  for (std::size_t k = 0; k < types; ++k) {
    const std::string name = "P" + std::to_string(k);
    const CompiledProject* project = c->program.project_for_table(name, scratch);
    REQUIRE(project);
    in_scratch += project == &scratch.project;
    REQUIRE(project->indicators.size() == 10);
    CHECK(project->indicators[9].decl->target.value ==
          Value(Quantity{Rational(static_cast<std::int64_t>(k + 1)), "人"}));
  }
  // The last one did not fit; the first ones are kept, and asked again
  // they are the same.
  CHECK(in_scratch == 1);
  CHECK(c->program.project_for_table("P0", scratch) == c->program.find_project("P0"));
  // find_project keeps any it is asked for.
  const std::string last = "P" + std::to_string(types - 1);
  const CompiledProject* kept = c->program.find_project(last);
  REQUIRE(kept);
  CHECK(kept != &scratch.project);
  CHECK(c->program.project_for_table(last, scratch) == kept);
  CHECK_FALSE(c->program.is_broken(last));
  CHECK(c->program.declares(last));
  CHECK_FALSE(c->program.declares("P-none"));
}
