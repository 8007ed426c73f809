// Positions, display widths and the rendering of diagnostics.

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <set>

#include "../../lang/src/messages.hpp"
#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/lang/source.hpp"

using namespace perfeval;

namespace {

std::string pos(const Source& s, std::uint32_t offset) {
  const Position p = s.position(offset);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

// One diagnostic on a one-file source manager, rendered.
std::string render_one(const std::string& text, std::uint32_t begin, std::uint32_t end,
                       std::string code, std::vector<std::string> args = {}, Lang lang = Lang::en,
                       Severity severity = Severity::error) {
  SourceManager sources;
  const FileId id = sources.add("f.perf", text);
  Diagnostic d{severity, std::move(code), SourceRange{id, begin, end}, {}, std::move(args), {}};
  return render(d, sources, lang);
}

}  // namespace

TEST_CASE("positions count lines from 1 and columns in code points") {
  const Source s("f", "ab\ncd");
  CHECK(pos(s, 0) == "1:1");
  CHECK(pos(s, 1) == "1:2");
  CHECK(pos(s, 2) == "1:3");  // the line end itself
  CHECK(pos(s, 3) == "2:1");
  CHECK(pos(s, 5) == "2:3");   // the end of the text
  CHECK(pos(s, 99) == "2:3");  // past the end: clamped, no crash
}

TEST_CASE("a CJK character is one column, however many bytes") {
  const Source s("f", "新疆2024\n  总分");
  CHECK(pos(s, 3) == "1:2");
  CHECK(pos(s, 6) == "1:3");
  CHECK(pos(s, 7) == "1:4");
  CHECK(pos(s, 13) == "2:3");
}

TEST_CASE("CRLF counts as one line end") {
  const Source s("f", "a\r\nb\r\n\r\nc");
  CHECK(pos(s, 1) == "1:2");  // the '\r'
  CHECK(pos(s, 3) == "2:1");
  CHECK(pos(s, 6) == "3:1");
  CHECK(pos(s, 8) == "4:1");
  CHECK(s.line_text(0) == "a");
  CHECK(s.line_text(3) == "b");
  CHECK(s.line_text(6).empty());
  CHECK(s.line_text(8) == "c");
}

TEST_CASE("a byte-order mark takes no column") {
  const Source s("f", "\xEF\xBB\xBFpolicy\nx");
  CHECK(pos(s, 3) == "1:1");
  CHECK(pos(s, 4) == "1:2");
  CHECK(s.line_text(3) == "policy");
  CHECK(pos(s, 10) == "2:1");
}

TEST_CASE("invalid bytes count as one column each") {
  const Source s("f",
                 "\xFF\xFE"
                 "ab\xE6\x96");
  CHECK(pos(s, 2) == "1:3");
  CHECK(pos(s, 3) == "1:4");
  CHECK(pos(s, 6) == "1:7");  // a truncated sequence: two bytes, two columns
}

TEST_CASE("line_text gives the whole line without its line end") {
  const Source s("f", "first\nsecond line\n");
  CHECK(s.line_text(0) == "first");
  CHECK(s.line_text(5) == "first");
  CHECK(s.line_text(9) == "second line");
  CHECK(s.line_text(18).empty());  // the empty line after the last line end
}

TEST_CASE("the source manager keeps every file where it was") {
  SourceManager sources;
  const FileId a = sources.add("a.perf", "alpha");
  const Source* first = &sources.get(a);
  for (int i = 0; i < 1000; ++i) sources.add("x", "y");
  const FileId b = sources.add("b.perf", "beta");
  CHECK(a == 0);
  CHECK(b == 1001);
  CHECK(sources.size() == 1002);
  CHECK(&sources.get(a) == first);
  CHECK(sources.get(a).text() == "alpha");
  CHECK(sources.get(b).name() == "b.perf");
}

TEST_CASE("a copy of the source manager shares the texts and adds on its own") {
  SourceManager sources;
  const FileId a = sources.add("a.perf", std::string(1000, 'x'));
  SourceManager copy = sources;
  // Views into the text (names, targets) are views of the copy's text too.
  CHECK(copy.get(a).text().data() == sources.get(a).text().data());
  const FileId b = copy.add("b.json", "{}");
  CHECK(copy.size() == 2);
  CHECK(sources.size() == 1);
  CHECK(copy.get(b).text() == "{}");
}

TEST_CASE("display width: CJK is two columns, invalid bytes and tabs one") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("新疆") == 4);
  CHECK(display_width("（%）") == 5);
  CHECK(display_width("a\tb") == 3);
  CHECK(display_width("\xFF\xFE") == 2);
  CHECK(display_width("e\xCC\x81") == 1);     // e + combining acute accent
  CHECK(display_width("\xE4\xB8") == 2);      // 中 cut short: two bytes
  CHECK(display_width("\xE4\x41\x80") == 3);  // a lead, A, a stray continuation
}

TEST_CASE("display width: every code point measures as utf8proc measures it") {
  // display_width measures ASCII and CJK ideographs without utf8proc: the
  // two must agree on every character, not only on those.
  std::size_t differ = 0;
  for (utf8proc_int32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;  // surrogates are not characters
    }
    std::array<utf8proc_uint8_t, 4> bytes{};
    const auto n = static_cast<std::size_t>(utf8proc_encode_char(cp, bytes.data()));
    const std::size_t expected =
        cp == '\t' ? 1 : static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    if (display_width({reinterpret_cast<const char*>(bytes.data()), n}) != expected) {
      ++differ;
    }
  }
  CHECK(differ == 0);
  CHECK(display_width("昌吉州人社局 2024") == 12 + 1 + 4);
}

TEST_CASE("render: location, message, the line and a caret") {
  CHECK(render_one("policy P {\n  total x\n}\n", 19, 20, "expected-total-number") ==
        "f.perf:2:9: error: expected a number after 'total' (for example: total 100)\n"
        "    total x\n"
        "          ^\n");
}

TEST_CASE("render: the caret is placed by display width after CJK text") {
  CHECK(render_one("  总分 一百\n", 9, 15, "expected-total-number") ==
        "f.perf:1:6: error: expected a number after 'total' (for example: total 100)\n"
        "    总分 一百\n"
        "         ^~~~\n");
}

TEST_CASE("render: tabs before the caret stay tabs") {
  CHECK(render_one("\ta\tbc", 3, 5, "x") ==
        "f.perf:1:4: error: x\n"
        "  \ta\tbc\n"
        "  \t \t^~\n");
}

TEST_CASE("render: a range that runs past the line is underlined to the line end") {
  CHECK(render_one("abc def\nghi", 4, 11, "x") ==
        "f.perf:1:5: error: x\n"
        "  abc def\n"
        "      ^~~\n");
}

TEST_CASE("render: an empty range or one character gets a caret only") {
  CHECK(render_one("abc", 3, 3, "x") == "f.perf:1:4: error: x\n  abc\n     ^\n");
  CHECK(render_one("a新c", 1, 4, "x") == "f.perf:1:2: error: x\n  a新c\n   ^\n");
}

TEST_CASE("render: invalid bytes in the line are shown as U+FFFD") {
  CHECK(render_one("ab\xFF"
                   "cd",
                   2, 3, "x") ==
        "f.perf:1:3: error: x\n"
        "  ab\xEF\xBF\xBD"
        "cd\n"
        "    ^\n");
}

TEST_CASE("render in Chinese and for warnings") {
  CHECK(render_one("权重 十", 7, 10, "expected-weight-number", {}, Lang::zh) ==
        "f.perf:1:4: 错误: “权重”后面应为数字（例如：权重 10）\n"
        "  权重 十\n"
        "       ^\n");
  CHECK(render_one("abc", 0, 1, "x", {}, Lang::en, Severity::warning) ==
        "f.perf:1:1: warning: x\n  abc\n  ^\n");
  CHECK(render_one("abc", 0, 1, "x", {}, Lang::zh, Severity::warning) ==
        "f.perf:1:1: 警告: x\n  abc\n  ^\n");
}

TEST_CASE("render: a diagnostic without a place names the file only") {
  SourceManager sources;
  Diagnostic d{Severity::error, "file-too-large", std::nullopt, "big.perf", {"20", "10"}, {}};
  CHECK(render(d, sources, Lang::en) ==
        "big.perf: error: the file is 20 bytes, more than the limit of 10 bytes\n");
}

// (CTest splits test names at ';', so names here never contain one.)
TEST_CASE("message_text fills arguments, and unknown codes still say something") {
  Diagnostic d{Severity::error, "file-too-large", std::nullopt, "", {"900", "800"}, {}};
  CHECK(message_text(d, Lang::en) == "the file is 900 bytes, more than the limit of 800 bytes");
  CHECK(message_text(d, Lang::zh) == "文件大小为900字节，超过了800字节的上限");
  d.args = {"900"};  // a missing argument leaves its placeholder visible
  CHECK(message_text(d, Lang::en) == "the file is 900 bytes, more than the limit of {1} bytes");
  d.code = "no-such-code";
  CHECK(message_text(d, Lang::en) == "no-such-code: 900");
  d.args.clear();
  CHECK(message_text(d, Lang::zh) == "no-such-code");
}

TEST_CASE("location is file:line:column") {
  SourceManager sources;
  sources.add("a.perf", "x");
  const FileId id = sources.add("b.perf", "one\n新疆 two");
  CHECK(location(SourceRange{id, 11, 14}, sources) == "b.perf:2:4");
}

TEST_CASE("has_errors ignores warnings") {
  DiagnosticSink sink;
  CHECK_FALSE(sink.has_errors());
  sink.warning("x", SourceRange{});
  CHECK_FALSE(sink.has_errors());
  sink.error("y", SourceRange{});
  CHECK(sink.has_errors());
  CHECK(sink.all().size() == 2);
}

TEST_CASE("the message table has text in both languages for the front end's codes") {
  const std::vector<std::string_view> codes = {"file-too-large",
                                               "invalid-utf8",
                                               "nesting-too-deep",
                                               "name-too-long",
                                               "empty-name",
                                               "unterminated-string",
                                               "invalid-escape",
                                               "text-after-number",
                                               "number-too-large",
                                               "full-width-punctuation",
                                               "full-width-space",
                                               "full-width-in-name",
                                               "expected-declaration",
                                               "expected-closing-brace",
                                               "expected-weight-number",
                                               "duplicate-statement",
                                               "invalid-target"};
  for (const auto code : codes) {
    INFO(code);
    const Message* m = find_message(code);
    REQUIRE(m != nullptr);
    CHECK(m->code == code);
    CHECK_FALSE(m->en.empty());
    CHECK_FALSE(m->zh.empty());
  }
  CHECK(find_message("no-such-code") == nullptr);
}
