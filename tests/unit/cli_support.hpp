#pragma once

// Running the perfeval command from tests, the way a user runs it.

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace perfeval::test {

struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs perfeval in `dir` with `args` (shell words), stdout and stderr
// captured apart, standard input from `input` (none when empty), and `env`
// (VAR=value words) added to the environment; a hang ends after two
// minutes with status 124. CTest runs tests in parallel processes: names
// carry the pid.
inline Outcome run_perfeval(const std::filesystem::path& dir, const std::string& args,
                            const std::filesystem::path& input = {},
                            const std::string& env = {}) {
  const std::filesystem::path err_file = std::filesystem::temp_directory_path() /
                                         ("perfeval-test-" + std::to_string(getpid()) + ".err");
  const std::string command = "cd '" + dir.string() + "' && NO_COLOR=1 " + env + " timeout 120 '" +
                              PERFEVAL_BINARY + "' " + args + " 2>'" + err_file.string() + "' <'" +
                              (input.empty() ? "/dev/null" : input.string()) + "'";
  Outcome o;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buffer{};
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    o.out.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  o.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file, std::ios::binary);
  o.err.assign(std::istreambuf_iterator<char>(in), {});
  in.close();
  std::filesystem::remove(err_file);
  return o;
}

}  // namespace perfeval::test
