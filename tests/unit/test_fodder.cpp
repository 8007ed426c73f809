// How the AST keeps the way a file was written, for `perfeval fmt`: every
// comment in the fodder of the token after it, line breaks and blank lines,
// and which spelling of each keyword was used.

#include <catch2/catch.hpp>
#include <string>

#include "perfeval/lang/parser.hpp"

using namespace perfeval;

namespace {

struct Parsed {
  SourceManager sources;
  DiagnosticSink sink;
  std::optional<ast::RuleFile> file;
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  p->file = parse_rules(p->sources.add("t.perf", text), p->sources, p->sink);
  return p;
}

std::vector<std::string> texts(const ast::Fodder& f) {
  std::vector<std::string> out;
  for (const auto& c : f.comments) out.push_back(c.text);
  return out;
}

}  // namespace

TEST_CASE("fodder: comments around declarations and statements") {
  const auto p = parse(
      "// head  \n\n// about P\npolicy P {  // after {\n  total 100 // after total\n\n\n"
      "  // own\n  round score 2\n} // after }\n\n// last\n");
  REQUIRE(p->file);
  const ast::RuleFile& f = *p->file;
  CHECK(f.comment_count == 7);
  REQUIRE(f.items.size() == 1);
  const ast::Fodder& head = f.items[0].fodder;
  CHECK(texts(head) == std::vector<std::string>{"// head", "// about P"});
  CHECK(head.comments[0].own_line);
  CHECK_FALSE(head.comments[0].blank_before);
  CHECK(head.comments[1].blank_before);
  CHECK_FALSE(head.blank_line);

  const ast::Policy& policy = f.policies.at(0);
  REQUIRE(policy.items.size() == 2);
  const ast::Fodder& total = policy.items[0].fodder;
  CHECK(texts(total) == std::vector<std::string>{"// after {"});
  CHECK_FALSE(total.comments[0].own_line);  // it ends the header's line
  CHECK(total.line_break);
  CHECK(policy.items[0].number == "100");

  const ast::Fodder& round = policy.items[1].fodder;
  CHECK(texts(round) == std::vector<std::string>{"// after total", "// own"});
  CHECK_FALSE(round.comments[0].own_line);
  CHECK(round.comments[1].own_line);
  CHECK(round.comments[1].blank_before);
  CHECK_FALSE(round.blank_line);
  CHECK(policy.close.comments.empty());

  CHECK(texts(f.end) == std::vector<std::string>{"// after }", "// last"});
  CHECK_FALSE(f.end.comments[0].own_line);
  CHECK(f.end.comments[1].blank_before);
}

TEST_CASE("fodder: a comment inside an indicator moves before it, on its own line") {
  const auto p = parse(
      "project X policy P {\n  A / B {\n    indicator N 权重 // inside\n"
      "      1 target >= 1人 方法 M\n    // before }\n  }\n}\n");
  REQUIRE(p->file);
  const ast::Project& project = p->file->projects.at(0);
  REQUIRE(project.groups.size() == 1);
  const ast::Item& indicator = project.groups[0].items.at(0);
  CHECK(texts(indicator.fodder) == std::vector<std::string>{"// inside"});
  CHECK(indicator.fodder.comments[0].own_line);
  CHECK(indicator.spellings == std::vector<std::uint8_t>{0, 1, 0, 1});
  CHECK(texts(project.groups[0].close) == std::vector<std::string>{"// before }"});
}

TEST_CASE("fodder: a formula keeps its line breaks, brackets and comments") {
  const auto p = parse("method M {\n  score = 如果 a // why\n    then (b)\n    否则 c\n}\n");
  REQUIRE(p->file);
  const ast::Expr& score = *p->file->methods.at(0).score;
  const auto* c = std::get_if<ast::Conditional>(&score.node);
  REQUIRE(c != nullptr);
  CHECK(c->spellings == std::array<std::uint8_t, 3>{1, 0, 1});
  CHECK(texts(c->then_fodder) == std::vector<std::string>{"// why"});
  CHECK_FALSE(c->then_fodder.comments[0].own_line);
  CHECK(c->then_fodder.line_break);
  CHECK(c->else_fodder.line_break);
  CHECK(c->then_branch->brackets.size() == 1);
  CHECK_FALSE(c->then_branch->brackets[0].open.line_break);
  CHECK(c->condition->brackets.empty());
  CHECK_FALSE(score.fodder.line_break);
}

TEST_CASE("fodder: a `//` inside a quoted name is no comment") {
  const auto p = parse("policy \"a // b\" { total 1 }\n");
  REQUIRE(p->file);
  CHECK(p->file->comment_count == 0);
  CHECK(p->file->policies.at(0).name.quoted);
  CHECK(p->file->policies.at(0).name.text == "a // b");
}
