#include "perfeval/runtime/output_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace perfeval {

void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(const std::filesystem::path&)>& write) {
  namespace fs = std::filesystem;
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // fmt rather than operator+: GCC 12 at -O3 warns falsely (-Wrestrict) on
  // a literal plus a temporary string.
  const fs::path temp =
      folder / fmt::format(".{}.perfeval-{}", target.filename().string(), getpid());
  try {
    write(temp);
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
      throw std::runtime_error("cannot write " + target.string() + ": " + ec.message());
    }
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
}

void write_text_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write) {
  write_file_atomically(target, [&](const std::filesystem::path& temp) {
    std::ofstream out(temp, std::ios::binary);
    if (!out) {
      throw std::runtime_error("cannot write " + target.string() + ": the folder is not writable");
    }
    write(out);
    out.flush();
    if (!out) {
      throw std::runtime_error("cannot write " + target.string() + ": the disk may be full");
    }
  });
}

bool is_one_of_inputs(const std::filesystem::path& target,
                      const std::vector<std::filesystem::path>& inputs) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path out = fs::weakly_canonical(target, ec);
  if (ec) {
    return false;
  }
  for (const auto& input : inputs) {
    const fs::path in = fs::weakly_canonical(input, ec);
    if (ec) {
      continue;
    }
    if (out == in) {
      return true;
    }
    // Inside an input folder: only files perfeval reads count.
    const auto [mismatch, rest] = std::mismatch(in.begin(), in.end(), out.begin(), out.end());
    if (mismatch == in.end() && fs::is_directory(in) &&
        (out.extension() == ".json" || out.extension() == ".jsonl" || out.extension() == ".perf")) {
      return true;
    }
  }
  return false;
}

}  // namespace perfeval
