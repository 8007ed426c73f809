#include "rules_workspace.hpp"

#include <algorithm>
#include <stdexcept>

#include "perfeval/runtime/output_file.hpp"
#include "perfeval/runtime/rule_lint.hpp"

namespace perfeval::serve {
namespace {

bool any_error(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace

RulesWorkspace::RulesWorkspace(std::filesystem::path rules) : root_(std::move(rules)) {
  namespace fs = std::filesystem;
  DiagnosticSink sink;
  const bool folder = fs::is_directory(root_);
  for (const fs::path& file : find_files(root_, ".perf", sink)) {
    std::string name =
        folder ? file.lexically_relative(root_).generic_string() : file.filename().generic_string();
    auto text = read_file_text(file, sink, ParseLimits{}.max_file_bytes);
    paths_.emplace(name, file);
    if (text) {
      texts_.emplace(name, std::move(*text));
    } else {
      unreadable_.push_back(name);
    }
  }
  start_diagnostics_ = sink.all();
  if (paths_.empty() && !sink.has_errors()) {
    start_diagnostics_.push_back(
        {Severity::error, "no-rule-files", std::nullopt, root_.string(), {}, {}});
  }
  current_ = compile(texts_).rules;
}

std::vector<std::string> RulesWorkspace::names() const {
  std::vector<std::string> names;
  std::lock_guard lock(mutex_);
  for (const auto& entry : texts_) {
    names.push_back(entry.first);
  }
  return names;
}

std::optional<std::string> RulesWorkspace::text(std::string_view name) const {
  std::lock_guard lock(mutex_);
  const auto it = texts_.find(std::string(name));
  if (it == texts_.end()) {
    return std::nullopt;
  }
  return it->second;
}

RulesWorkspace::Compiled RulesWorkspace::compile(
    const std::map<std::string, std::string>& texts) const {
  Compiled compiled{std::make_shared<CompiledRules>(), start_diagnostics_};
  CompiledRules& out = *compiled.rules;
  DiagnosticSink sink;
  std::vector<FileId> ids;
  for (const auto& entry : texts) {
    // Named by their paths, so that their `use` statements find what they
    // name and messages read as `perfeval check RULES` writes them.
    ids.push_back(out.sources.add(paths_.find(entry.first)->second.string(), entry.second));
  }
  out.rules = compile_rule_sources(ids, out.sources, sink, {}, CheckOptions{.warn_unused = true});
  out.rules.file_count += unreadable_.size();
  out.rules.unreadable_files += unreadable_.size();
  lint_rules(out.rules.program, sink);
  compiled.diagnostics.insert(compiled.diagnostics.end(), sink.all().begin(), sink.all().end());
  return compiled;
}

CheckOutcome RulesWorkspace::describe(const Compiled& compiled, Lang lang) const {
  CheckOutcome outcome;
  outcome.rule_files = compiled.rules->rules.file_count;
  const SourceManager& sources = compiled.rules->sources;
  const auto listed_name = [&](const std::string& path) {
    for (const auto& entry : paths_) {
      if (entry.second.string() == path) {
        return entry.first;
      }
    }
    return std::string();
  };
  for (const Diagnostic& d : compiled.diagnostics) {
    RuleProblem problem;
    problem.error = d.severity == Severity::error;
    problem.text = render(d, sources, lang);
    if (d.range) {
      const Source& source = sources.get(d.range->file);
      const Position at = source.position(d.range->begin);
      problem.name = listed_name(source.name());
      problem.line = at.line;
      problem.column = at.column;
    } else {
      problem.name = listed_name(d.file);
    }
    outcome.errors |= problem.error;
    outcome.problems.push_back(std::move(problem));
  }
  return outcome;
}

CheckOutcome RulesWorkspace::check(Lang lang) const {
  std::map<std::string, std::string> texts;
  {
    std::lock_guard lock(mutex_);
    texts = texts_;
  }
  return describe(compile(texts), lang);
}

std::optional<CheckOutcome> RulesWorkspace::check(std::string_view name, std::string_view text,
                                                  Lang lang) const {
  std::map<std::string, std::string> texts;
  {
    std::lock_guard lock(mutex_);
    const auto it = texts_.find(std::string(name));
    if (it == texts_.end()) {
      return std::nullopt;
    }
    texts = texts_;
  }
  texts[std::string(name)] = std::string(text);
  return describe(compile(texts), lang);
}

SaveOutcome RulesWorkspace::save(std::string_view name, std::string_view text, Lang lang) {
  std::lock_guard saving(save_mutex_);
  SaveOutcome outcome;
  const auto path = paths_.find(name);
  std::map<std::string, std::string> texts;
  {
    std::lock_guard lock(mutex_);
    if (path == paths_.end() || !texts_.contains(path->first)) {
      outcome.status = SaveStatus::unknown_name;
      return outcome;
    }
    texts = texts_;
  }
  // Errors elsewhere that were there before (a file that was already
  // broken) do not keep this file from being saved; errors in it, or new
  // ones it causes, do.
  const bool broken_before = any_error(compile(texts).diagnostics);
  texts[path->first] = std::string(text);
  Compiled compiled = compile(texts);
  outcome.check = describe(compiled, lang);
  const bool errors_here =
      std::any_of(outcome.check.problems.begin(), outcome.check.problems.end(),
                  [&](const RuleProblem& p) { return p.error && p.name == path->first; });
  if (errors_here || (!broken_before && outcome.check.errors)) {
    outcome.status = SaveStatus::has_errors;
    return outcome;
  }
  // A file someone changed outside the page since it was read is not
  // overwritten with an edit of what it was.
  DiagnosticSink ignored;
  const auto on_disk = read_file_text(path->second, ignored, ParseLimits{}.max_file_bytes);
  {
    std::lock_guard lock(mutex_);
    if (!on_disk || *on_disk != texts_.at(path->first)) {
      outcome.status = SaveStatus::changed_elsewhere;
      return outcome;
    }
  }
  try {
    // Through a temporary file beside it and a rename: never half written.
    write_text_atomically(path->second, [&](std::ostream& out) { out << text; });
  } catch (const std::exception& e) {
    outcome.status = SaveStatus::write_failed;
    outcome.error = e.what();
    return outcome;
  }
  std::lock_guard lock(mutex_);
  texts_ = std::move(texts);
  current_ = std::move(compiled.rules);
  return outcome;
}

bool RulesWorkspace::reload() {
  std::lock_guard saving(save_mutex_);
  std::map<std::string, std::string> texts;
  {
    std::lock_guard lock(mutex_);
    texts = texts_;
  }
  bool changed = false;
  for (auto& [name, text] : texts) {
    DiagnosticSink ignored;
    auto on_disk = read_file_text(paths_.at(name), ignored, ParseLimits{}.max_file_bytes);
    if (on_disk && *on_disk != text) {
      text = std::move(*on_disk);
      changed = true;
    }
  }
  if (changed) {
    auto compiled = compile(texts).rules;
    std::lock_guard lock(mutex_);
    texts_ = std::move(texts);
    current_ = std::move(compiled);
  }
  return changed;
}

std::shared_ptr<const CompiledRules> RulesWorkspace::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

}  // namespace perfeval::serve
