#include "perfeval/runtime/rule_set.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "perfeval/runtime/rule_search.hpp"

namespace perfeval {
namespace {

void file_error(DiagnosticSink& sink, std::string code, const std::filesystem::path& path,
                std::vector<std::string> args) {
  sink.report({Severity::error, std::move(code), std::nullopt, path.string(), std::move(args), {}});
}

}  // namespace

std::vector<std::filesystem::path> find_files(const std::filesystem::path& path,
                                              std::string_view extension, DiagnosticSink& sink) {
  return find_files(path, std::vector<std::string_view>{extension}, sink);
}

std::vector<std::filesystem::path> find_files(const std::filesystem::path& path,
                                              const std::vector<std::string_view>& extensions,
                                              DiagnosticSink& sink) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    file_error(sink, "path-not-found", path, {});
    return files;
  }
  if (!fs::is_directory(status)) {
    files.push_back(path);
    return files;
  }
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    // Anything with the extension that is not a folder is listed, so that a
    // dangling link or a pipe named x.json is reported rather than skipped.
    std::error_code entry_ec;
    const auto extension = it->path().extension();
    if (std::find(extensions.begin(), extensions.end(), extension.native()) != extensions.end() &&
        !it->is_directory(entry_ec)) {
      files.push_back(it->path());
    }
  }
  if (ec) {
    file_error(sink, "folder-unreadable", path, {ec.message()});
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<FileId> read_source(const std::filesystem::path& path, SourceManager& sources,
                                  DiagnosticSink& sink, std::size_t max_bytes) {
  auto text = read_file_text(path, sink, max_bytes);
  if (!text) {
    return std::nullopt;
  }
  return sources.add(path.string(), std::move(*text));
}

bool is_readable_file(const std::filesystem::path& path, DiagnosticSink& sink) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) {
    // A link whose target is gone is named as such; otherwise the file
    // vanished after it was listed.
    const bool link = fs::is_symlink(fs::symlink_status(path, ec));
    file_error(sink, link ? "file-broken-link" : "path-not-found", path,
               {link ? fs::read_symlink(path, ec).string() : std::string()});
    return false;
  }
  if (!fs::is_regular_file(status)) {
    // Opening a pipe would wait for a writer for ever; a folder or a device
    // is no rule or data file either.
    file_error(sink, "file-not-regular", path, {});
    return false;
  }
  return true;
}

std::optional<std::string> read_file_text(const std::filesystem::path& path, DiagnosticSink& sink,
                                          std::size_t max_bytes) {
  if (!is_readable_file(path, sink)) {
    return std::nullopt;
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) {
    file_error(sink, "file-too-large", path, {std::to_string(size), std::to_string(max_bytes)});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    file_error(sink, "file-unreadable", path, {});
    return std::nullopt;
  }
  // Read in one go into a string of the file's size: a stream buffer would
  // grow by doubling and hold up to twice the text while it reads. (Not
  // filled with zeros first: a large folder is a hundred megabytes.)
  std::string text;
  if (!ec) {
    text.resize_and_overwrite(static_cast<std::size_t>(size), [&](char* data, std::size_t n) {
      in.read(data, static_cast<std::streamsize>(n));
      return static_cast<std::size_t>(in.gcount());
    });
  }
  if (in.bad()) {
    file_error(sink, "file-unreadable", path, {});
    return std::nullopt;
  }
  // A file that grew since its size was taken (or whose size is unknown) is
  // read to its end.
  if (in.good() || ec) {
    in.clear();
    std::ostringstream rest;
    rest << in.rdbuf();
    text += std::move(rest).str();
  }
  return text;
}

RuleSet load_rules(const std::filesystem::path& path, SourceManager& sources, DiagnosticSink& sink,
                   const ParseLimits& limits, const CheckOptions& checks, unsigned jobs) {
  return load_rules(std::vector<std::filesystem::path>{path}, sources, sink, limits, checks, jobs);
}

namespace {

// Reads rule files and what their `use` statements name, each file once
// however often it is reached (a cycle of uses is harmless), and parses them.
class RuleLoader {
 public:
  RuleLoader(SourceManager& sources, DiagnosticSink& sink, const ParseLimits& limits,
             unsigned jobs = 1)
      : sources_(sources),
        sink_(sink),
        limits_(limits),
        search_(rule_search_path()),
        jobs_(std::max(1u, jobs)) {}

  // Every rule file under `path` (or `path` itself), read and parsed. The
  // files are read in order, parsed on up to `jobs` threads (a province's
  // folder is a hundred megabytes of project declarations), and taken in
  // order, each with its messages, so the result is the same however many.
  std::vector<FileId> load(const std::filesystem::path& path) {
    std::vector<FileId> ids;
    std::vector<Reading> readings;
    for (const auto& file : find_files(path, ".perf", sink_)) {
      const auto canonical = canonical_path(file);
      if (const auto it = seen_.find(canonical); it != seen_.end()) {
        ids.push_back(it->second);
        continue;
      }
      Reading& reading = readings.emplace_back();
      reading.path = file;
      reading.canonical = canonical;
      ++count_;
      reading.id = read_source(file, sources_, reading.sink, limits_.max_file_bytes);
      if (reading.id)
        seen_.emplace(canonical, *reading.id);
    }
    parse_all(readings);
    for (Reading& reading : readings) {
      for (auto& d : reading.sink.all()) sink_.report(std::move(d));
      if (!reading.id) {
        ++unreadable_;
        continue;
      }
      take(std::move(reading.parsed), *reading.id, reading.path, reading.canonical);
      ids.push_back(*reading.id);
    }
    return ids;
  }

  // A file already in `sources`. Rule text held in memory under a name that
  // is no file on disk has no folder to look in: its uses are reported, and
  // nothing is read from disk for it.
  void add(FileId id) {
    ++count_;
    const std::filesystem::path path(sources_.get(id).name());
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      parse(id, path, std::nullopt);
      return;
    }
    const auto canonical = canonical_path(path);
    seen_.emplace(canonical, id);
    parse(id, path, canonical);
  }

  // Follows the uses of every file parsed so far, and of the files they reach.
  void resolve_uses() {
    for (std::size_t i = 0; i < files_.size(); ++i) {
      for (std::size_t u = 0; u < files_[i].uses.size(); ++u) {
        const ast::Use use = files_[i].uses[u];
        if (in_memory_.contains(i)) {
          sink_.error("use-without-folder", use.target.range, {use.target.text});
          continue;
        }
        const std::filesystem::path from = utf8_path(files_[i].folder);
        const auto target = find_use_target(use.target.text, from, search_);
        if (!target) {
          not_found(use, from);
          continue;
        }
        const std::vector<FileId> reached = load(*target);  // files_ grows
        auto& used = files_[i].used_files;
        used.insert(used.end(), reached.begin(), reached.end());
      }
    }
  }

  std::vector<ast::RuleFile> take() { return std::move(files_); }
  std::size_t count() const { return count_; }
  std::size_t unreadable() const { return unreadable_; }

 private:
  static std::filesystem::path utf8_path(const std::string& text) {
    return std::filesystem::path(std::u8string(text.begin(), text.end()));
  }

  static std::filesystem::path canonical_path(const std::filesystem::path& path) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(path, ec);
    return ec ? path.lexically_normal() : canonical;
  }

  // A rule file of a folder being loaded: read, then parsed.
  struct Reading {
    std::filesystem::path path;
    std::filesystem::path canonical;
    std::optional<FileId> id;  // nullopt when it could not be read
    std::optional<ast::RuleFile> parsed;
    DiagnosticSink sink;  // its messages, reported in the order of the files
  };

  void parse_all(std::vector<Reading>& readings) const {
    std::atomic<std::size_t> next = 0;
    const auto work = [&] {
      for (std::size_t k; (k = next++) < readings.size();) {
        Reading& r = readings[k];
        if (r.id)
          r.parsed = parse_rules(*r.id, sources_, r.sink, limits_, Layout::drop);
      }
    };
    std::vector<std::jthread> helpers;
    for (std::size_t k = 1; k < std::min<std::size_t>(jobs_, readings.size()); ++k)
      helpers.emplace_back(work);
    work();
  }

  // `path` as given names the folder in messages; `canonical` (nullopt for
  // rule text that is no file) tells which files share a folder.
  void parse(FileId id, const std::filesystem::path& path,
             const std::optional<std::filesystem::path>& canonical) {
    // Scoring never prints the rules back: their layout is not kept.
    take(parse_rules(id, sources_, sink_, limits_, Layout::drop), id, path, canonical);
  }

  void take(std::optional<ast::RuleFile> parsed, FileId id, const std::filesystem::path& path,
            const std::optional<std::filesystem::path>& canonical) {
    if (!parsed) {
      ++unreadable_;
      return;
    }
    // An empty file, or one of comments only: most likely not the one meant.
    if (parsed->policies.empty() && parsed->methods.empty() && parsed->projects.empty() &&
        parsed->uses.empty()) {
      sink_.report({Severity::warning,
                    "rules-declare-nothing",
                    std::nullopt,
                    sources_.get(id).name(),
                    {},
                    {}});
    }
    const std::u8string folder = path.parent_path().lexically_normal().generic_u8string();
    parsed->folder.assign(folder.begin(), folder.end());
    if (parsed->folder.empty())
      parsed->folder.push_back('.');
    if (canonical) {
      const auto [it, added] =
          scopes_.emplace(canonical->parent_path(), static_cast<std::uint32_t>(scopes_.size()));
      parsed->scope = it->second;
    } else {
      in_memory_.insert(files_.size());
      parsed->scope = kMemoryScope;
    }
    files_.push_back(std::move(*parsed));
  }

  void not_found(const ast::Use& use, const std::filesystem::path& from) {
    if (const auto suggestion = closest_use_target(use.target.text, from, search_)) {
      sink_.error("use-not-found-suggest", use.target.range, {use.target.text, *suggestion});
      return;
    }
    std::string places = from.generic_string();
    for (const auto& dir : search_) places += ", " + dir.generic_string();
    sink_.error("use-not-found", use.target.range, {use.target.text, places});
  }

  // Rule text held in memory counts as one folder of its own.
  static constexpr std::uint32_t kMemoryScope = 0xFFFFFFFF;

  SourceManager& sources_;
  DiagnosticSink& sink_;
  const ParseLimits& limits_;
  std::vector<std::filesystem::path> search_;
  unsigned jobs_ = 1;
  std::map<std::filesystem::path, FileId> seen_;           // by canonical path
  std::map<std::filesystem::path, std::uint32_t> scopes_;  // canonical folder to scope
  std::vector<ast::RuleFile> files_;
  std::set<std::size_t> in_memory_;  // of files_
  std::size_t count_ = 0;
  std::size_t unreadable_ = 0;
};

RuleSet check_and_compile(RuleLoader& loader, DiagnosticSink& sink, const CheckOptions& checks) {
  loader.resolve_uses();
  RuleSet set;
  set.file_count = loader.count();
  set.unreadable_files = loader.unreadable();
  set.rules = check_rules(loader.take(), sink, checks);
  set.program = Program::compile(set.rules, sink);
  return set;
}

}  // namespace

RuleSet load_rules(const std::vector<std::filesystem::path>& paths, SourceManager& sources,
                   DiagnosticSink& sink, const ParseLimits& limits, const CheckOptions& checks,
                   unsigned jobs) {
  RuleLoader loader(sources, sink, limits, jobs);
  for (const auto& path : paths) loader.load(path);
  if (loader.count() == 0 && !sink.has_errors()) {
    file_error(sink, "no-rule-files", paths.empty() ? std::filesystem::path() : paths.front(), {});
  }
  return check_and_compile(loader, sink, checks);
}

RuleSet compile_rule_sources(const std::vector<FileId>& ids, SourceManager& sources,
                             DiagnosticSink& sink, const ParseLimits& limits,
                             const CheckOptions& checks) {
  // Files a `use` reaches are added to `sources`; rule text held in memory
  // that uses nothing adds nothing.
  RuleLoader loader(sources, sink, limits);
  for (const FileId id : ids) loader.add(id);
  return check_and_compile(loader, sink, checks);
}

}  // namespace perfeval
