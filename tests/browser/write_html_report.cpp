// Writes the HTML report of a rules folder and data files, as a program
// linking perfeval would: the browser test opens what this writes.
//
//   write_html_report RULES OUTPUT.html DATA...   (from the folder the paths are relative to)

#include <fstream>
#include <iostream>

#include "perfeval/runtime/report_formats.hpp"
#include "perfeval/runtime/run.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: write_html_report RULES OUTPUT.html DATA...\n";
    return 2;
  }
  perfeval::RunOptions options;
  options.rules = argv[1];
  for (int i = 3; i < argc; ++i) {
    options.data.emplace_back(argv[i]);
  }
  perfeval::SourceManager sources;
  const perfeval::RunResults results = perfeval::run(options, sources);
  for (const auto& d : results.diagnostics) {
    std::cerr << perfeval::render(d, sources, perfeval::Lang::en) << "\n";
  }
  std::ofstream out(argv[2], std::ios::binary);
  perfeval::write_html(out, results, {perfeval::Lang::zh});
  out.close();
  if (!out) {
    std::cerr << "write_html_report: cannot write " << argv[2] << "\n";
    return 1;
  }
  return results.diagnostics.empty() ? 0 : 1;
}
