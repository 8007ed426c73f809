#pragma once

// Tables sent by the page, scored against the rules as they are now, and
// what the page shows of them or offers to download: the same reports the
// command line writes.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/report.hpp"
#include "rules_workspace.hpp"

namespace perfeval::serve {

// Whether a file of this name is one the page scores (.xlsx, .json, .jsonl).
bool is_data_name(std::string_view name);

struct ScoredUploads {
  std::shared_ptr<const CompiledRules> rules;  // kept alive: results point into them
  SourceManager sources;                       // the rules' text, then the data's
  RunResults results;
};

// Scores `files` (each named by its own file name alone) with the working of
// every figure, as `perfeval explain` does.
ScoredUploads score_uploads(std::shared_ptr<const CompiledRules> rules,
                            const std::vector<DataInMemory>& files, Lang lang);

// For the page: the JSON report (to_json), the HTML report, the audit, the
// working of each table and of each of its indicators, and every problem as
// the command line writes it.
nlohmann::json page_view(const ScoredUploads& scored, Lang lang);

struct Download {
  std::string content_type;
  std::string file_name;
  std::string bytes;
};

// The results as `perfeval -f FORMAT` writes them: html, csv, xlsx, md,
// json, text, or the audit (audit) and working (explain) as text; nullopt
// for a format there is no report in.
std::optional<Download> report_download(const ScoredUploads& scored, std::string_view format,
                                        Lang lang);

}  // namespace perfeval::serve
