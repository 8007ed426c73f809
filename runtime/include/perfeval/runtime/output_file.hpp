#pragma once

// Writing an output file safely: into a temporary file beside it, then
// renamed over it, so an interrupted run leaves the old file or the new one,
// never half of one.

#include <filesystem>
#include <functional>
#include <ostream>
#include <vector>

namespace perfeval {

// Calls `write` with a temporary path in the same folder as `target`, then
// renames it to `target`. Throws std::runtime_error with a plain message;
// the temporary file is removed on failure.
void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(const std::filesystem::path&)>& write);

// The same for text produced on a stream.
void write_text_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write);

// Whether `target` names the same file as one of `inputs` (or one inside
// an input folder), so that perfeval never overwrites what it reads.
bool is_one_of_inputs(const std::filesystem::path& target,
                      const std::vector<std::filesystem::path>& inputs);

}  // namespace perfeval
