#pragma once

// A table that carries its own indicator table (一级/二级/三级指标, 权重,
// 目标值, 赋分规则) instead of naming a project type of the rules: its rows
// compiled against the policy it names, as the rules' own project types
// are, so that the engine scores it the same way.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "perfeval/lang/ast.hpp"
#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/program.hpp"

namespace perfeval {

// One table's indicators compiled, in storage kept from table to table: a
// worker scoring table after table compiles each into the same object, so
// memory stays flat and the usual table allocates nothing.
class CarriedTable {
 public:
  CarriedTable() = default;
  // The compiled project points into this object's own storage.
  CarriedTable(const CarriedTable&) = delete;
  CarriedTable& operator=(const CarriedTable&) = delete;

  // Compiles `data`'s indicator rows under the policy `policy` (the data's
  // own "policy", else the one given for the run). Every problem is
  // reported to `sink`, naming the file (or the worksheet cell), the
  // indicator and the field: no policy, an unknown policy or method, a
  // weight or target that cannot be read, a row without one of them, a
  // name given twice, weights that do not add up as the policy requires.
  // Null when there was any; else valid until the next compile().
  const CompiledProject* compile(const Program& program, const ProjectData& data,
                                 std::string_view policy, DiagnosticSink& sink);

  // Storage for a project type of the rules compiled for one table
  // (Program::project_for_table), kept with the worker's other storage.
  OpenedProject& declared_storage() { return declared_; }

 private:
  bool compile_row(const Program& program, const CompiledPolicy& policy, const ProjectData& data,
                   const IndicatorData& row, std::size_t k, DiagnosticSink& sink);
  bool check_weights(const CompiledPolicy& policy, const ProjectData& data, DiagnosticSink& sink);
  bool unique_names(const ProjectData& data, DiagnosticSink& sink);
  // The grade words of `method` under `policy`, made once and then shared by
  // every row of every table that uses them.
  std::shared_ptr<const std::vector<Grade>> grades_for(const CompiledMethod& method,
                                                       const CompiledPolicy& policy);

  ast::Project decl_;
  std::vector<ast::Indicator> indicators_;  // never shrinks, nor does texts_
  // The texts of a row that its indicator's names and target view, kept
  // from table to table with their storage.
  struct RowText {
    std::string name;
    std::string category1;
    std::string category2;
    std::string target;
    std::string method;
  };
  std::vector<RowText> texts_;
  ParsedValue target_;
  CompiledProject project_{};
  std::vector<CompiledIndicator> spare_;  // rows of a longer table before, kept for the next
  std::vector<std::string_view> names_;   // the rows' names, sorted, to find one given twice
  struct KnownGrades {
    const CompiledMethod* method;
    const CompiledPolicy* policy;
    std::shared_ptr<const std::vector<Grade>> grades;
  };
  std::vector<KnownGrades> grades_;  // few: one per method and policy met so far
  OpenedProject declared_;
};

// The weight of a table's row as written ("20", "20分", "12.5"): nullopt
// when it is no number.
std::optional<Rational> read_table_weight(std::string_view text);

// Whether each field a table gives for an indicator of a declared project
// type agrees with the rules; a warning for each that differs, naming the
// file (or cell), the indicator, the field and both values. The table is
// scored by the rules whatever it says.
void report_table_differences(const ast::Indicator& declared, const ProjectData& data,
                              const IndicatorData& row, DiagnosticSink& sink);

// The method a row names: its "method", else the 赋分规则 printed ("rule").
inline const std::string& row_method(const IndicatorData& row) {
  return row.method.empty() ? row.rule : row.method;
}

}  // namespace perfeval
