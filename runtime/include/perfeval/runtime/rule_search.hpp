#pragma once

// Where `use "../library"` and `use 全国模板` look for the rule file or folder
// they name (docs/language.md, "Using a library").

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfeval {

// The folders a `use` looks in after the using file's own folder, in order:
// those of the PERFEVAL_RULES_PATH environment variable (separated by ':'),
// then the policy library installed with perfeval
// (share/perfeval/rules/library), when it exists.
std::vector<std::filesystem::path> rule_search_path();

// The file or folder `target` names, looked for in `from` (the using file's
// folder) and then in each folder of `search`: the name itself, else the
// name with `.perf` added. nullopt when none exists.
std::optional<std::filesystem::path> find_use_target(
    std::string_view target, const std::filesystem::path& from,
    const std::vector<std::filesystem::path>& search);

// For a target that was not found: the closest name that does stand where
// it was looked for (a misspelt `use 全国模版`), written as the target would
// be, if one is close enough.
std::optional<std::string> closest_use_target(std::string_view target,
                                              const std::filesystem::path& from,
                                              const std::vector<std::filesystem::path>& search);

}  // namespace perfeval
