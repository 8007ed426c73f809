// The command line's golden cases (tests/golden/cli/cases.txt): help,
// usage errors and the terminal table, in both languages, each compared
// whole with what the case's file holds. PERFEVAL_UPDATE_GOLDEN=1
// rewrites the files; review the diff like code.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_support.hpp"

namespace fs = std::filesystem;

namespace {

struct Case {
  std::string name;
  std::string env;   // VAR=value words
  std::string args;  // after `perfeval`
};

std::vector<Case> read_cases(const fs::path& file) {
  std::vector<Case> cases;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.starts_with("#")) {
      continue;
    }
    const auto colon = line.find(": ");
    const auto command = line.find("perfeval", colon);
    REQUIRE(colon != std::string::npos);
    REQUIRE(command != std::string::npos);
    const auto args_from = std::min(line.size(), command + 9);
    cases.push_back({line.substr(0, colon), line.substr(colon + 2, command - colon - 2),
                     line.substr(args_from)});
  }
  return cases;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("cli golden: help, usage errors and the terminal table") {
  const fs::path folder = fs::path(PERFEVAL_SOURCE_DIR) / "tests/golden/cli";
  const auto cases = read_cases(folder / "cases.txt");
  REQUIRE(cases.size() >= 20);
  for (const Case& c : cases) {
    INFO("case " << c.name << ": " << c.env << "perfeval " << c.args);
    const auto o = perfeval::test::run_perfeval(
        PERFEVAL_SOURCE_DIR, c.args, {}, "LANG=C.UTF-8 LC_ALL= LC_MESSAGES= COLUMNS= " + c.env);
    const std::string actual = "$ " + c.env + "perfeval " + c.args + "\nexit status " +
                               std::to_string(o.status) + "\n--- standard output\n" + o.out +
                               "--- standard error\n" + o.err;
    const fs::path golden = folder / (c.name + ".txt");
    if (std::getenv("PERFEVAL_UPDATE_GOLDEN")) {
      std::ofstream(golden, std::ios::binary) << actual;
    }
    REQUIRE(fs::exists(golden));
    CHECK(actual == read(golden));
  }
}
