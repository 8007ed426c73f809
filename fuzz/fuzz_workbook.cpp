// libFuzzer target: an Excel workbook through `perfeval audit` — its sheets
// read as tables (load_workbook_tables), each scored against the shipped
// rules (loaded once) with the working written down, its findings counted
// and every problem rendered in both languages.
//
// Mutating a whole .xlsx mostly breaks the zip's checksums and tests little
// beyond libzip, so an input not starting with "PK" is taken as the XML of a
// worksheet and put in place of the sheet of a workbook from tests/xlsx
// (read once): the fuzzer then works on what perfeval itself reads, the
// cells, merges, shared-string references and styles of a sheet. Inputs that
// are zips go through whole, so a damaged container is fuzzed too.

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/workbook_data.hpp"
#include "shipped_rules.hpp"

using perfeval::fuzz::ShippedRules;

namespace {

constexpr const char* kTemplate = PERFEVAL_SOURCE_DIR "/tests/xlsx/printed/weikuan.xlsx";
constexpr const char* kSheetPart = "xl/worksheets/sheet1.xml";

std::string read_template() {
  std::ifstream in(kTemplate, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (bytes.empty()) {
    __builtin_trap();  // the target must start from a workbook that exists
  }
  return bytes;
}

// The template workbook with its sheet's XML replaced by `sheet`; empty when
// libzip refuses (the input is then skipped: that is not what is tested).
std::string workbook_with_sheet(std::string_view sheet) {
  static const std::string base = read_template();
  std::string out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* to = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &error) : nullptr;
  if (to == nullptr) {
    zip_source_free(buffer);
    zip_error_fini(&error);
    return out;
  }
  // The archive is written into `buffer`, which must outlive zip_close.
  zip_source_keep(buffer);
  zip_source_t* base_source = zip_source_buffer_create(base.data(), base.size(), 0, &error);
  zip_t* from = base_source ? zip_open_from_source(base_source, ZIP_RDONLY, &error) : nullptr;
  if (from != nullptr) {
    const zip_int64_t entries = zip_get_num_entries(from, 0);
    bool ok = true;
    for (zip_int64_t k = 0; k < entries && ok; ++k) {
      const char* name = zip_get_name(from, static_cast<zip_uint64_t>(k), 0);
      if (name == nullptr) {
        ok = false;
        break;
      }
      zip_source_t* part = std::string_view(name) == kSheetPart
                               ? zip_source_buffer(to, sheet.data(), sheet.size(), 0)
                               : zip_source_zip(to, from, static_cast<zip_uint64_t>(k), 0, 0, -1);
      if (part == nullptr || zip_file_add(to, name, part, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(part);
        ok = false;
      }
    }
    if (ok && zip_close(to) == 0) {
      to = nullptr;
      if (zip_source_open(buffer) == 0) {
        char chunk[8192];
        zip_int64_t n;
        while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
          out.append(chunk, static_cast<std::size_t>(n));
        }
        zip_source_close(buffer);
      }
    }
  }
  if (to != nullptr) {
    zip_discard(to);
  }
  if (from != nullptr) {
    zip_discard(from);
  } else if (base_source != nullptr) {
    zip_source_free(base_source);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace perfeval;
  static const ShippedRules rules;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string bytes =
      input.starts_with("PK") ? std::string(input) : workbook_with_sheet(input);
  if (bytes.empty()) {
    return 0;
  }
  SourceManager sources;
  for (FileId k = 0; k < rules.sources.size(); ++k) {
    const auto& file = rules.sources.get(k);
    sources.add(file.name(), file.text());
  }
  RunResults results;
  for (auto& table : load_workbook_tables(bytes, "fuzz.xlsx")) {
    ++results.data_files;
    for (auto& d : table.diagnostics) {
      results.diagnostics.push_back(std::move(d));
    }
    if (!table.data) {
      ++results.failed_data_files;
      continue;
    }
    DiagnosticSink sink;
    auto scored = score_project(rules.set.program, *table.data, sink,
                                ScoreOptions{.explain = true, .lang = Lang::zh});
    for (const auto& d : sink.all()) {
      results.diagnostics.push_back(d);
    }
    if (scored) {
      (void)count_findings(*scored);
      results.projects.push_back(std::move(*scored));
    } else {
      ++results.failed_data_files;
    }
  }
  for (const Lang lang : {Lang::zh, Lang::en}) {
    for (const auto& d : results.diagnostics) {
      (void)render(d, sources, lang);
    }
    (void)audit_json(results, sources, lang)
        .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return 0;
}
