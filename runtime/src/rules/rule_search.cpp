#include "perfeval/runtime/rule_search.hpp"

#include <cstdlib>
#include <system_error>

#include "perfeval/lang/checker.hpp"

namespace perfeval {
namespace {

namespace fs = std::filesystem;

// The target as a path: it is UTF-8 text, whatever the locale.
fs::path target_path(std::string_view target) {
  return fs::path(std::u8string(target.begin(), target.end()));
}

std::string utf8(const fs::path& path) {
  const std::u8string text = path.generic_u8string();
  return std::string(text.begin(), text.end());
}

bool present(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

}  // namespace

std::vector<fs::path> rule_search_path() {
  std::vector<fs::path> out;
  if (const char* value = std::getenv("PERFEVAL_RULES_PATH"); value && *value) {
    const std::string_view list = value;
    for (std::size_t begin = 0; begin <= list.size();) {
      const std::size_t end = std::min(list.find(':', begin), list.size());
      if (end > begin)
        out.push_back(target_path(list.substr(begin, end - begin)));
      begin = end + 1;
    }
  }
#ifdef PERFEVAL_INSTALLED_LIBRARY
  if (const fs::path installed = PERFEVAL_INSTALLED_LIBRARY; present(installed))
    out.push_back(installed);
#endif
  return out;
}

std::optional<fs::path> find_use_target(std::string_view target, const fs::path& from,
                                        const std::vector<fs::path>& search) {
  const fs::path name = target_path(target);
  std::vector<fs::path> bases{from};
  if (name.is_absolute())
    bases = {fs::path()};
  else
    bases.insert(bases.end(), search.begin(), search.end());
  for (const fs::path& base : bases) {
    const fs::path whole = base / name;
    if (present(whole))
      return whole;
    fs::path with_extension = whole;
    with_extension += ".perf";
    if (present(with_extension))
      return with_extension;
  }
  return std::nullopt;
}

std::optional<std::string> closest_use_target(std::string_view target, const fs::path& from,
                                              const std::vector<fs::path>& search) {
  const fs::path name = target_path(target);
  const fs::path parent = name.parent_path();
  std::string last = utf8(name.filename());
  if (last.ends_with(".perf"))
    last.resize(last.size() - 5);
  std::vector<std::string> candidates;
  std::vector<fs::path> bases{from};
  if (!name.is_absolute())
    bases.insert(bases.end(), search.begin(), search.end());
  for (const fs::path& base : bases) {
    std::error_code ec;
    for (fs::directory_iterator it(name.is_absolute() ? parent : base / parent, ec), end;
         !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      const fs::path& entry = it->path();
      if (it->is_directory(type_ec))
        candidates.push_back(utf8(entry.filename()));
      else if (entry.extension() == ".perf")
        candidates.push_back(utf8(entry.stem()));
    }
  }
  const auto best = closest_name(last, candidates);
  if (!best)
    return std::nullopt;
  return parent.empty() ? *best : utf8(parent / target_path(*best));
}

}  // namespace perfeval
