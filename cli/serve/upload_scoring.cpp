#include "upload_scoring.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "perfeval/runtime/report_formats.hpp"
#include "perfeval/runtime/run.hpp"
#include "perfeval/runtime/score_report.hpp"

namespace perfeval::serve {
namespace {

// Larger than any table; the server's own limit on a request is smaller.
constexpr std::size_t kMaxTableBytes = 64 * 1024 * 1024;

TextOptions text_options(Lang lang) {
  TextOptions text;
  text.lang = lang;
  text.color = false;
  return text;
}

std::string explanation(const RunResults& one, const SourceManager& sources, Lang lang,
                        const std::string& indicator) {
  std::ostringstream out;
  write_explanation(out, one, sources, text_options(lang), ExplainFilter{{}, indicator});
  return out.str();
}

// The workbook libxlsxwriter writes goes to a file of the server's own
// making, read back and removed: no name from a request is used.
std::string xlsx_bytes(const RunResults& results, Lang lang) {
  namespace fs = std::filesystem;
  std::string name = (fs::temp_directory_path() / "perfeval-serve-XXXXXX.xlsx").string();
  const int fd = mkstemps(name.data(), 5);
  if (fd < 0) {
    throw std::runtime_error("cannot make a temporary file for the workbook");
  }
  close(fd);
  struct Remove {
    const std::string& name;
    ~Remove() { std::remove(name.c_str()); }
  } remove{name};
  write_xlsx(name, results, FormatOptions{lang});
  std::ifstream in(name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

bool is_data_name(std::string_view name) {
  return has_data_extension(std::filesystem::path(std::string(name)));
}

ScoredUploads score_uploads(std::shared_ptr<const CompiledRules> rules,
                            const std::vector<DataInMemory>& files, Lang lang) {
  ScoredUploads scored;
  scored.rules = std::move(rules);
  // Scoring's messages point into the rules' text: a copy of the sources
  // per request (sharing the texts), so that requests never add to one
  // another's.
  scored.sources = scored.rules->sources;
  DataReader reader(files, kMaxTableBytes);
  ScoreOptions options;
  options.explain = true;
  options.lang = lang;
  scored.results = score_all(scored.rules->rules, reader, options, scored.sources);
  scored.results.data_files = files.size();
  return scored;
}

nlohmann::json page_view(const ScoredUploads& scored, Lang lang) {
  const RunResults& results = scored.results;
  nlohmann::json view;
  view["report"] = to_json(results, scored.sources, lang);
  std::ostringstream html;
  write_html(html, results, FormatOptions{lang});
  view["html"] = html.str();
  std::ostringstream audit;
  write_audit_text(audit, results, scored.sources, text_options(lang));
  view["audit"] = audit.str();
  nlohmann::json working = nlohmann::json::array();
  for (const ProjectResult& project : results.projects) {
    RunResults one;
    one.projects.push_back(project);
    nlohmann::json table;
    table["all"] = explanation(one, scored.sources, lang, {});
    nlohmann::json indicators = nlohmann::json::array();
    for (const IndicatorResult& indicator : project.indicators) {
      indicators.push_back(explanation(one, scored.sources, lang, indicator.name));
    }
    table["indicators"] = std::move(indicators);
    working.push_back(std::move(table));
  }
  view["explain"] = std::move(working);
  nlohmann::json problems = nlohmann::json::array();
  for (const Diagnostic& d : results.diagnostics) {
    problems.push_back(
        {{"error", d.severity == Severity::error}, {"text", render(d, scored.sources, lang)}});
  }
  view["problems"] = std::move(problems);
  return view;
}

std::optional<Download> report_download(const ScoredUploads& scored, std::string_view format,
                                        Lang lang) {
  const RunResults& results = scored.results;
  const std::string stem = lang == Lang::zh ? "评分结果" : "scores";
  if (format == "xlsx") {
    return Download{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    stem + ".xlsx", xlsx_bytes(results, lang)};
  }
  std::ostringstream out;
  if (format == "audit") {
    write_audit_text(out, results, scored.sources, text_options(lang));
    return Download{"text/plain; charset=utf-8", stem + "-audit.txt", out.str()};
  }
  if (format == "explain") {
    write_explanation(out, results, scored.sources, text_options(lang), {});
    return Download{"text/plain; charset=utf-8", stem + "-explain.txt", out.str()};
  }
  struct Kind {
    std::string_view format, type, extension;
  };
  static constexpr Kind kKinds[] = {
      {"html", "text/html; charset=utf-8", ".html"}, {"csv", "text/csv; charset=utf-8", ".csv"},
      {"md", "text/markdown; charset=utf-8", ".md"}, {"json", "application/json", ".json"},
      {"text", "text/plain; charset=utf-8", ".txt"},
  };
  for (const Kind& kind : kKinds) {
    if (kind.format == format) {
      write_document(out, results, scored.sources, std::string(format), text_options(lang));
      return Download{std::string(kind.type), stem + std::string(kind.extension), out.str()};
    }
  }
  return std::nullopt;
}

}  // namespace perfeval::serve
