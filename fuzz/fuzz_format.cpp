// libFuzzer target: `perfeval fmt` on one rule file. Whatever parses must
// format (the formatter never refuses a valid file), the result must parse
// to the same AST as the original (positions and spacing aside), and
// formatting the result again must change nothing: the layout is a fixed
// point.

#include <cstddef>
#include <cstdint>
#include <string>

#include "perfeval/lang/ast_dump.hpp"
#include "perfeval/lang/formatter.hpp"
#include "perfeval/lang/parser.hpp"

namespace {

using namespace perfeval;

// The AST dump without its `@line:column` positions and its blanks (the
// formatter puts one space after a target's operator and makes runs of
// blanks one): what must survive formatting. The formatter checks this
// too; this checks that check.
std::string meaning(std::string_view dump) {
  std::string out;
  for (std::size_t i = 0; i < dump.size(); ++i) {
    const char c = dump[i];
    if (c == '@' && i + 1 < dump.size() && dump[i + 1] >= '0' && dump[i + 1] <= '9') {
      while (i + 1 < dump.size() &&
             ((dump[i + 1] >= '0' && dump[i + 1] <= '9') || dump[i + 1] == ':')) {
        ++i;
      }
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\n') {
      out += c;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id =
      sources.add("fuzz.perf", std::string(reinterpret_cast<const char*>(data), size));
  const auto original = parse_rules(id, sources, sink);
  if (!original) {
    return 0;
  }
  const auto formatted = format_rules(id, sources, sink);
  if (!formatted) {
    __builtin_trap();  // a valid file the formatter could not lay out
  }
  const FileId once = sources.add("once.perf", *formatted);
  const auto reparsed = parse_rules(once, sources, sink);
  if (!reparsed || meaning(dump(*reparsed, sources)) != meaning(dump(*original, sources))) {
    __builtin_trap();  // formatting changed what the file says
  }
  const auto twice = format_rules(once, sources, sink);
  if (!twice || *twice != *formatted) {
    __builtin_trap();  // not a fixed point
  }
  return 0;
}
