#include <iostream>

#include "commands.hpp"
#include "perfeval/runtime/output_file.hpp"
#include "perfeval/runtime/report_formats.hpp"

namespace perfeval::cli {
namespace {

void write_stream(std::ostream& out, const RunResults& results, const SourceManager& sources,
                  const std::string& format, const TextOptions& text) {
  const FormatOptions options{text.lang};
  if (format == "json") {
    // File names and quoted input may hold bytes that are not UTF-8: shown as U+FFFD.
    out << to_json(results, sources, text.lang)
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  } else if (format == "html") {
    write_html(out, results, options);
  } else if (format == "csv") {
    write_csv(out, results, options);
  } else if (format == "md") {
    write_markdown(out, results, options);
  } else {
    write_text(out, results, text);
  }
}

}  // namespace

bool refuse_to_overwrite_input(const std::string& output, const std::vector<std::string>& inputs,
                               Lang lang) {
  const std::vector<std::filesystem::path> input_paths(inputs.begin(), inputs.end());
  if (!is_one_of_inputs(output, input_paths)) {
    return false;
  }
  std::cerr << output
            << (lang == Lang::zh ? ": 这是输入文件，perfeval 不会覆盖它；请另选输出文件名\n"
                                 : ": this is one of the input files; perfeval will not overwrite "
                                   "it, choose another output file\n");
  return true;
}

int write_results(const RunResults& results, const SourceManager& sources,
                  const std::string& format, const std::string& output,
                  const std::vector<std::string>& inputs, const TextOptions& text) {
  const bool zh = text.lang == Lang::zh;
  if (output.empty()) {
    if (format == "xlsx") {
      std::cerr << (zh ? "Excel 工作簿须用 -o 文件名.xlsx 指定输出文件\n"
                       : "an Excel workbook needs an output file: -o FILE.xlsx\n");
      return kUsage;
    }
    write_stream(std::cout, results, sources, format, text);
    return kOk;
  }
  if (refuse_to_overwrite_input(output, inputs, text.lang)) {
    return kUsage;
  }
  try {
    if (format == "xlsx") {
      write_file_atomically(output, [&](const std::filesystem::path& temp) {
        write_xlsx(temp, results, FormatOptions{text.lang});
      });
    } else {
      TextOptions plain = text;
      plain.color = false;  // files never get terminal colours
      write_text_atomically(
          output, [&](std::ostream& out) { write_stream(out, results, sources, format, plain); });
    }
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return kFileProblem;
  }
  return kOk;
}

}  // namespace perfeval::cli
