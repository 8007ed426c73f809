// perfeval's one UTF-8 decoder, checked against utf8proc's.

#include <utf8proc.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "perfeval/values/utf8.hpp"

using namespace perfeval;

namespace {

// The bytes of `cp` in UTF-8's bit layout, surrogates included (utf8proc
// would not write those, but a file may hold them).
std::string encode(char32_t cp) {
  const auto byte = [](char32_t bits) { return static_cast<char>(bits); };
  if (cp < 0x80)
    return {byte(cp)};
  if (cp < 0x800)
    return {byte(0xC0 | (cp >> 6)), byte(0x80 | (cp & 0x3F))};
  if (cp < 0x10000)
    return {byte(0xE0 | (cp >> 12)), byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F))};
  return {byte(0xF0 | (cp >> 18)), byte(0x80 | ((cp >> 12) & 0x3F)),
          byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F))};
}

// What utf8proc reads at the start of `text`: a code point and its length.
std::optional<utf8::CodePoint> utf8proc_read(std::string_view text) {
  utf8proc_int32_t value = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                  static_cast<utf8proc_ssize_t>(text.size()), &value);
  if (n <= 0)
    return std::nullopt;
  return utf8::CodePoint{static_cast<char32_t>(value), static_cast<std::size_t>(n)};
}

// Whether decode() reads the start of `text` as utf8proc does.
bool agrees_with_utf8proc(std::string_view text) {
  const auto ours = utf8::decode(text, 0);
  const auto theirs = utf8proc_read(text);
  if (ours.has_value() != theirs.has_value())
    return false;
  return !ours || (ours->value == theirs->value && ours->size == theirs->size);
}

}  // namespace

TEST_CASE("utf8: every code point decodes as utf8proc decodes it", "[utf8]") {
  std::size_t differ = 0;
  std::size_t surrogates_read = 0;
  std::size_t wrong_scan = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const std::string bytes = encode(cp);
    // Alone, after other text, and followed by more (the three-byte fast
    // path looks at the bytes that follow).
    const std::string after = "a" + bytes;
    const std::string before = bytes + "b";
    if (!agrees_with_utf8proc(bytes) || !agrees_with_utf8proc(before))
      ++differ;
    const auto at_one = utf8::decode(after, 1);
    const auto theirs = utf8proc_read(bytes);
    if (at_one.has_value() != theirs.has_value() || (at_one && at_one->value != cp))
      ++differ;
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (surrogate && utf8::decode(bytes, 0))
      ++surrogates_read;
    const std::optional<std::size_t> expected_scan =
        theirs ? std::nullopt : std::optional<std::size_t>(1);
    if (utf8::find_invalid(after) != expected_scan)
      ++wrong_scan;
  }
  CHECK(differ == 0);
  CHECK(surrogates_read == 0);
  CHECK(wrong_scan == 0);
  CHECK(utf8::decode("\xF4\x8F\xBF\xBF", 0)->value == 0x10FFFF);
}

TEST_CASE("utf8: every sequence of three bytes reads as utf8proc reads it", "[utf8]") {
  // Covers every lead byte with every two bytes after it: two-byte
  // sequences, three-byte ones, and four-byte ones cut short.
  std::size_t differ = 0;
  std::string text(3, '\0');
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      for (unsigned c = 0; c < 256; ++c) {
        text[0] = static_cast<char>(a);
        text[1] = static_cast<char>(b);
        text[2] = static_cast<char>(c);
        if (!agrees_with_utf8proc(text))
          ++differ;
      }
    }
  }
  CHECK(differ == 0);
}

TEST_CASE("utf8: four-byte leads with any second byte read as utf8proc reads them", "[utf8]") {
  std::size_t differ = 0;
  std::string text(4, '\0');
  for (unsigned lead = 0xF0; lead < 256; ++lead) {
    for (unsigned second = 0; second < 256; ++second) {
      for (const unsigned third : {0x41u, 0x80u, 0xBFu, 0xC0u}) {
        for (const unsigned fourth : {0x41u, 0x80u, 0xBFu, 0xC0u}) {
          text = {static_cast<char>(lead), static_cast<char>(second), static_cast<char>(third),
                  static_cast<char>(fourth)};
          if (!agrees_with_utf8proc(text))
            ++differ;
        }
      }
    }
  }
  CHECK(differ == 0);
}

TEST_CASE("utf8: sequences that are not UTF-8 are refused", "[utf8]") {
  const auto bad = GENERATE(as<std::string>{},
                            "\xC0\x80",          // overlong NUL
                            "\xC1\xBF",          // overlong DEL
                            "\xE0\x80\x80",      // overlong, three bytes
                            "\xE0\x9F\xBF",      // overlong U+07FF
                            "\xF0\x8F\xBF\xBF",  // overlong U+FFFF
                            "\xED\xA0\x80",      // surrogate U+D800
                            "\xED\xBF\xBF",      // surrogate U+DFFF
                            "\xF4\x90\x80\x80",  // U+110000, beyond the range
                            "\xF5\x80\x80\x80",  // a lead byte past F4
                            "\xFF",              // never a byte of UTF-8
                            "\xC3",              // two bytes cut short
                            "\xE4\xB8",          // 中 cut short
                            "\xF0\x9F\x98",      // four bytes cut short
                            "\xE4\x41\xAD",      // ASCII where a continuation goes
                            "\x80",              // a lone continuation byte
                            "\xBF");
  CAPTURE(bad);
  CHECK_FALSE(utf8::decode(bad, 0).has_value());
  CHECK(utf8::find_invalid(bad) == 0u);
  CHECK(utf8::find_invalid("中文" + bad + "x") == 6u);
  CHECK(utf8::step(bad, 0) == 1);
}

TEST_CASE("utf8: a whole text is scanned for its first bad byte", "[utf8]") {
  CHECK_FALSE(utf8::find_invalid("").has_value());
  CHECK_FALSE(utf8::find_invalid("项目 ok é 😀").has_value());
  CHECK(utf8::find_invalid("ok\xFF中\xFF") == 2u);
  CHECK(utf8::find_invalid("中\xFFx", 3) == 3u);
  CHECK_FALSE(utf8::find_invalid("\xFF中", 1).has_value());
}

TEST_CASE("utf8: the common lead bytes take any two continuation bytes", "[utf8]") {
  std::size_t wrong = 0;
  for (unsigned lead = 0; lead < 256; ++lead) {
    bool all_valid = true;
    for (unsigned b1 = 0x80; b1 < 0xC0; ++b1) {
      for (unsigned b2 = 0x80; b2 < 0xC0; ++b2) {
        const std::string text{static_cast<char>(lead), static_cast<char>(b1),
                               static_cast<char>(b2)};
        all_valid = all_valid && utf8proc_read(text).has_value();
      }
    }
    // True exactly for the lead bytes that no continuation can make invalid.
    if (utf8::takes_any_two_continuations(static_cast<unsigned char>(lead)) !=
        (all_valid && lead >= 0xE0 && lead < 0xF0)) {
      ++wrong;
    }
  }
  CHECK(wrong == 0);
}

TEST_CASE("utf8: stepping back to the start of a code point", "[utf8]") {
  const std::string_view text = "a中😀";  // offsets 0, 1 and 4
  CHECK(utf8::code_point_start(text, 0) == 0);
  CHECK(utf8::code_point_start(text, 2) == 1);
  CHECK(utf8::code_point_start(text, 3) == 1);
  CHECK(utf8::code_point_start(text, 7) == 4);
  CHECK(utf8::code_point_start(text, text.size()) == text.size());
  // No valid sequence has more than three continuation bytes.
  CHECK(utf8::code_point_start("a\x80\x80\x80\x80", 4) == 1);
  CHECK(utf8::is_continuation('\x80'));
  CHECK_FALSE(utf8::is_continuation('\xC0'));
  CHECK_FALSE(utf8::is_continuation('a'));
}

TEST_CASE("utf8: two continuation bytes are told at once", "[utf8]") {
  std::size_t wrong = 0;
  for (unsigned b1 = 0; b1 < 256; ++b1) {
    for (unsigned b2 = 0; b2 < 256; ++b2) {
      const std::string text{'\xE4', static_cast<char>(b1), static_cast<char>(b2)};
      const bool both = utf8::is_continuation(text[1]) && utf8::is_continuation(text[2]);
      if (utf8::two_continuations_follow(text, 0) != both)
        ++wrong;
    }
  }
  CHECK(wrong == 0);
}
