#pragma once

// The bulk data loader: reads a data file's fields with simdjson's On-Demand
// API straight into a ProjectData, reusing its storage, for batches of many
// thousands of tables.
//
// It takes only the well-formed case: valid JSON made of the documented
// fields (docs/data-format.md) with values of the documented types. For
// anything else — a syntax error, an unknown or repeated key, a missing
// field, a value that cannot be read — it declines, and the caller hands
// the same text to load_project_data(), which says exactly what is wrong
// and where. So both loaders give the same data for every file the fast
// one accepts, and every message comes from one place.

#include <memory>
#include <string_view>

#include "perfeval/runtime/data.hpp"

namespace perfeval {

class FastDataLoader {
 public:
  // Bytes that must be readable after the text given to load_padded().
  static constexpr std::size_t kPadding = 64;

  // Without `keep_descriptions` the fields only reports show — 指标值设定依据,
  // 上年完成情况, 赋分规则, 佐证资料, 年度总体目标, 主管部门, 实施单位, the
  // 其中 funds rows — are checked but left empty, for a stream of results
  // that does not show them.
  explicit FastDataLoader(bool keep_descriptions = true);
  ~FastDataLoader();
  FastDataLoader(const FastDataLoader&) = delete;
  FastDataLoader& operator=(const FastDataLoader&) = delete;

  // Reads `json` into `out` (named `file` in messages and results) and
  // returns true, or returns false and leaves `out` in no particular state.
  // `json` is copied into a padded buffer first, so it may end anywhere.
  bool load(std::string_view json, std::string_view file, ProjectData& out);
  // The same without the copy, for text followed by kPadding readable bytes
  // (whatever they hold: a batch's next line will do).
  bool load_padded(std::string_view json, std::string_view file, ProjectData& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace perfeval
