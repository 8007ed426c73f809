// perfeval serve's rule files: checked as the command line checks them,
// saved whole or not at all, only under the names listed, and swapped in
// under scorings that are running.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"
#include "rules_workspace.hpp"
#include "upload_scoring.hpp"

namespace fs = std::filesystem;
using namespace perfeval;
using namespace perfeval::serve;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A copy of the repository's rules/ in a folder of its own.
struct RulesCopy {
  fs::path dir;
  RulesCopy() {
    dir = fs::temp_directory_path() / ("perfeval-serve-" + std::to_string(getpid()) + "-" +
                                       std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(fs::path(PERFEVAL_SOURCE_DIR) / "rules", dir / "rules", fs::copy_options::recursive);
  }
  ~RulesCopy() { fs::remove_all(dir); }
  fs::path rules() const { return dir / "rules"; }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(rules())) {
      names.push_back(entry.path().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }
};

const std::string kWeikuan = "projects/weikuan.perf";

// The total of examples/weikuan.json scored as an upload; no Catch2
// assertion here, as scorer threads call it.
std::string total_of(const RulesWorkspace& workspace) {
  const std::vector<DataInMemory> files = {
      {"weikuan.json", slurp(fs::path(PERFEVAL_SOURCE_DIR) / "examples/weikuan.json")}};
  const ScoredUploads scored = score_uploads(workspace.current(), files, Lang::en);
  if (scored.results.projects.size() != 1) {
    return "tables: " + std::to_string(scored.results.projects.size());
  }
  const auto& total = scored.results.projects.front().total;
  return total ? total->to_fixed(2) : "none";
}

}  // namespace

TEST_CASE("serve: the rule files are listed by their names under RULES", "[serve]") {
  const RulesCopy copy;
  const RulesWorkspace workspace(copy.rules());
  const auto names = workspace.names();
  CHECK(std::find(names.begin(), names.end(), kWeikuan) != names.end());
  CHECK(std::find(names.begin(), names.end(), "新疆2024.perf") != names.end());
  CHECK(workspace.text(kWeikuan) == slurp(copy.rules() / kWeikuan));
  CHECK_FALSE(workspace.text("../rules/projects/weikuan.perf"));
  CHECK_FALSE(workspace.check(Lang::en).errors);
}

TEST_CASE("serve: a check says what perfeval check says, at the line", "[serve]") {
  const RulesCopy copy;
  const RulesWorkspace workspace(copy.rules());
  std::string text = *workspace.text(kWeikuan);
  const auto at = text.find("weight 20");
  REQUIRE(at != std::string::npos);
  text.replace(at, 6, "wieght");
  const auto outcome = workspace.check(kWeikuan, text, Lang::en);
  REQUIRE(outcome);
  REQUIRE(outcome->errors);
  const RuleProblem& problem = outcome->problems.front();
  CHECK(problem.name == kWeikuan);
  CHECK(problem.line == 7);
  CHECK(problem.column > 0);

  // The same file on disk, checked by the command line, gives the same text.
  std::ofstream(copy.rules() / kWeikuan, std::ios::binary) << text;
  const auto cli = test::run_perfeval(copy.dir, "check --lang en '" + copy.rules().string() + "'");
  CHECK(cli.status == 1);
  CHECK(cli.err.find(problem.text) != std::string::npos);

  CHECK_FALSE(workspace.check("../x.perf", text, Lang::en));
}

TEST_CASE("serve: a save writes the file through a rename and re-scores", "[serve]") {
  const RulesCopy copy;
  RulesWorkspace workspace(copy.rules());
  const auto before = copy.entries();
  CHECK(total_of(workspace) == "99.96");
  const auto held = workspace.current();  // a scoring that started before the save

  std::string text = *workspace.text(kWeikuan);
  text.replace(text.find(">= 3项"), std::string_view(">= 3项").size(), ">= 4项");
  const SaveOutcome saved = workspace.save(kWeikuan, text, Lang::en);
  REQUIRE(saved.status == SaveStatus::saved);
  CHECK(slurp(copy.rules() / kWeikuan) == text);
  CHECK(workspace.text(kWeikuan) == text);
  CHECK(copy.entries() == before);  // no temporary file left behind
  CHECK(total_of(workspace) == "94.96");
  CHECK(held != workspace.current());
}

TEST_CASE("serve: text with errors is not saved", "[serve]") {
  const RulesCopy copy;
  RulesWorkspace workspace(copy.rules());
  const std::string original = slurp(copy.rules() / kWeikuan);
  const SaveOutcome saved = workspace.save(kWeikuan, original + "\nproject {", Lang::zh);
  CHECK(saved.status == SaveStatus::has_errors);
  CHECK(saved.check.errors);
  CHECK(slurp(copy.rules() / kWeikuan) == original);
  CHECK(total_of(workspace) == "99.96");
}

TEST_CASE("serve: only the listed rule files are ever written", "[serve]") {
  const RulesCopy copy;
  RulesWorkspace workspace(copy.rules());
  const auto before = copy.entries();
  const std::string weikuan = slurp(copy.rules() / kWeikuan);
  const std::vector<std::string> refused = {
      "../x",
      "../../etc/passwd",
      "/etc/passwd",
      (copy.rules() / kWeikuan).string(),
      "projects/../projects/weikuan.perf",
      "./projects/weikuan.perf",
      "projects//weikuan.perf",
      std::string("projects/weikuan.perf\0.txt", 26),
      std::string("projects/weikuan.perf\0", 22),
      "projects",
      "",
      "new.perf",
  };
  for (const std::string& name : refused) {
    INFO(name);
    CHECK(workspace.save(name, "// nothing\n", Lang::en).status == SaveStatus::unknown_name);
  }
  CHECK(copy.entries() == before);
  CHECK(slurp(copy.rules() / kWeikuan) == weikuan);
  CHECK_FALSE(fs::exists(copy.dir / "x"));
}

TEST_CASE("serve: scorings running while the rules are saved see old or new rules whole",
          "[serve]") {
  const RulesCopy copy;
  RulesWorkspace workspace(copy.rules());
  const std::string original = *workspace.text(kWeikuan);
  std::string changed = original;
  changed.replace(changed.find(">= 3项"), std::string_view(">= 3项").size(), ">= 4项");

  std::atomic<bool> stop = false;
  std::atomic<int> wrong = 0, scored = 0;
  std::vector<SaveStatus> saves;
  {
    std::vector<std::jthread> scorers;
    for (int k = 0; k < 3; ++k) {
      scorers.emplace_back([&] {
        while (!stop) {
          const std::string total = total_of(workspace);
          wrong += total != "99.96" && total != "94.96";
          ++scored;
        }
      });
    }
    for (int round = 0; round < 6; ++round) {
      saves.push_back(workspace.save(kWeikuan, round % 2 ? original : changed, Lang::en).status);
    }
    stop = true;
  }
  CHECK(saves == std::vector<SaveStatus>(6, SaveStatus::saved));
  CHECK(wrong == 0);
  CHECK(scored > 0);
  CHECK(total_of(workspace) == "99.96");
}

TEST_CASE("serve: a file changed outside the page is not overwritten, and is read again",
          "[serve]") {
  const RulesCopy copy;
  RulesWorkspace workspace(copy.rules());
  const std::string original = *workspace.text(kWeikuan);
  std::string elsewhere = original;
  elsewhere.replace(elsewhere.find(">= 3项"), std::string_view(">= 3项").size(), ">= 4项");
  std::ofstream(copy.rules() / kWeikuan, std::ios::binary) << elsewhere;

  const SaveOutcome saved = workspace.save(kWeikuan, original + "// edited\n", Lang::en);
  CHECK(saved.status == SaveStatus::changed_elsewhere);
  CHECK(slurp(copy.rules() / kWeikuan) == elsewhere);

  CHECK(workspace.reload());
  CHECK(workspace.text(kWeikuan) == elsewhere);
  CHECK(total_of(workspace) == "94.96");
  CHECK_FALSE(workspace.reload());
  CHECK(workspace.save(kWeikuan, elsewhere + "// edited\n", Lang::en).status == SaveStatus::saved);
}

TEST_CASE("serve: an upload named .JSONL is read a table a line, as .jsonl is", "[serve]") {
  const RulesCopy copy;
  const RulesWorkspace workspace(copy.rules());
  std::string example = slurp(fs::path(PERFEVAL_SOURCE_DIR) / "examples/weikuan.json");
  std::erase(example, '\n');
  const std::string lines = example + "\n" + example + "\n";
  for (const char* name : {"tables.jsonl", "TABLES.JSONL", "Tables.JsonL"}) {
    INFO(name);
    const ScoredUploads scored = score_uploads(workspace.current(), {{name, lines}}, Lang::en);
    REQUIRE(scored.results.projects.size() == 2);
    CHECK(scored.results.projects[1].file == std::string(name) + ":2");
    CHECK(scored.results.projects[1].total == scored.results.projects[0].total);
  }
}
