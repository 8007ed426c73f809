#pragma once

// A blank 项目支出绩效自评表 to fill in, as an .xlsx workbook: one sheet per
// project type, laid out as perfeval's Excel reader reads a printed table.
// What the rules fix — 一级/二级/三级指标, 年度指标值, 权重, 赋分规则, the funds'
// 分值 — is written and locked; what the officer fills — 主管部门, 实施单位,
// the funds, 年度总体目标, each 实际完成值 and 偏差原因分析 — is left open and
// shaded. An indicator whose actual is a grade word (a qualitative target,
// or a method with grades of its own) offers the words as a drop-down list.
// The sheets are protected without a password: the locked cells stay as
// the rules wrote them, and the open cells take any entry.

#include <filesystem>
#include <vector>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/program.hpp"

namespace perfeval {

struct TemplateOptions {
  Lang lang = Lang::zh;  // headings, notes and prompts
};

// Writes one sheet per project type of `projects`, in that order. Throws
// std::runtime_error with a plain message when the file cannot be written.
void write_template_xlsx(const std::filesystem::path& file,
                         const std::vector<const CompiledProject*>& projects,
                         const TemplateOptions& options);

}  // namespace perfeval
