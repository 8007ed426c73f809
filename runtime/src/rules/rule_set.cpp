#include "perfeval/runtime/rule_set.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

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
  // grow by doubling and hold up to twice the text while it reads.
  std::string text;
  if (!ec) {
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
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
                   const ParseLimits& limits, const CheckOptions& checks) {
  return load_rules(std::vector<std::filesystem::path>{path}, sources, sink, limits, checks);
}

RuleSet load_rules(const std::vector<std::filesystem::path>& paths, SourceManager& sources,
                   DiagnosticSink& sink, const ParseLimits& limits, const CheckOptions& checks) {
  std::size_t count = 0;
  std::size_t unreadable = 0;
  std::vector<std::filesystem::path> found;
  for (const auto& path : paths) {
    const auto more = find_files(path, ".perf", sink);
    found.insert(found.end(), more.begin(), more.end());
  }
  std::vector<FileId> ids;
  for (const auto& file : found) {
    ++count;
    if (const auto id = read_source(file, sources, sink, limits.max_file_bytes)) {
      ids.push_back(*id);
    } else {
      ++unreadable;
    }
  }
  if (count == 0 && !sink.has_errors()) {
    file_error(sink, "no-rule-files", paths.empty() ? std::filesystem::path() : paths.front(), {});
  }
  RuleSet set = compile_rule_sources(ids, sources, sink, limits, checks);
  set.file_count = count;
  set.unreadable_files += unreadable;
  return set;
}

RuleSet compile_rule_sources(const std::vector<FileId>& ids, const SourceManager& sources,
                             DiagnosticSink& sink, const ParseLimits& limits,
                             const CheckOptions& checks) {
  RuleSet set;
  std::vector<ast::RuleFile> files;
  for (const FileId id : ids) {
    if (auto parsed = parse_rules(id, sources, sink, limits)) {
      files.push_back(std::move(*parsed));
    } else {
      ++set.unreadable_files;
    }
  }
  set.file_count = ids.size();
  set.rules = check_rules(std::move(files), sink, checks);
  set.program = Program::compile(set.rules, sink);
  return set;
}

}  // namespace perfeval
