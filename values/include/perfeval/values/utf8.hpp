#pragma once

// UTF-8 as perfeval reads it (RFC 3629): no overlong forms, no surrogates,
// nothing past U+10FFFF, no truncated sequences. Every place that reads
// UTF-8 reads it with these functions. They are inline because value
// parsing, JSON Lines and display widths run them on every string.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace perfeval::utf8 {

// A code point and the number of bytes (1 to 4) it is written with.
struct CodePoint {
  char32_t value;
  std::size_t size;
};

// A byte 10xxxxxx, which only continues a sequence and never starts one.
constexpr bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// A lead byte E1..EC or EE..EF starts a three-byte sequence that any two
// continuation bytes complete: with E0 a sequence can be overlong, and with
// ED a surrogate, so those two take the full check. Most Chinese text is
// written with these lead bytes, so they are worth a path of their own.
constexpr bool takes_any_two_continuations(unsigned char lead) {
  return lead >= 0xE1 && lead <= 0xEF && lead != 0xED;
}

// Whether both bytes after text[pos] (pos + 2 < text.size()) are
// continuation bytes, tested at once: after a lead byte that takes any two,
// this is the whole check of a three-byte sequence.
inline bool two_continuations_follow(std::string_view text, std::size_t pos) {
  std::uint16_t pair = 0;
  std::memcpy(&pair, text.data() + pos + 1, sizeof pair);
  return (pair & 0xC0C0) == 0x8080;
}

// The code point that starts at text[pos] (pos < text.size()), or nothing
// when the bytes there are not well-formed UTF-8.
[[gnu::always_inline]] inline std::optional<CodePoint> decode(std::string_view text,
                                                              std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80)
    return CodePoint{lead, 1};
  if (takes_any_two_continuations(lead) && text.size() - pos >= 3) {
    const char b1 = text[pos + 1];
    const char b2 = text[pos + 2];
    if (!is_continuation(b1) || !is_continuation(b2))
      return std::nullopt;
    return CodePoint{((lead & 0x0Fu) << 12) | ((static_cast<unsigned char>(b1) & 0x3Fu) << 6) |
                         (static_cast<unsigned char>(b2) & 0x3Fu),
                     3};
  }
  std::size_t size = 0;
  char32_t value = 0;
  char32_t smallest = 0;
  if ((lead & 0xE0) == 0xC0) {
    size = 2, value = lead & 0x1Fu, smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    size = 3, value = lead & 0x0Fu, smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    size = 4, value = lead & 0x07u, smallest = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() - pos < size)
    return std::nullopt;
  for (std::size_t i = 1; i < size; ++i) {
    const char byte = text[pos + i];
    if (!is_continuation(byte))
      return std::nullopt;
    value = (value << 6) | (static_cast<unsigned char>(byte) & 0x3Fu);
  }
  if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return std::nullopt;
  return CodePoint{value, size};
}

// Bytes from text[pos] (pos < text.size()) to the next character: a whole
// code point, or the one byte that is not UTF-8 (shown as one U+FFFD).
inline std::size_t step(std::string_view text, std::size_t pos) {
  const auto point = decode(text, pos);
  return point ? point->size : 1;
}

// Where the first byte that is not well-formed UTF-8 stands, from `from` on;
// nothing when the whole text is valid.
inline std::optional<std::size_t> find_invalid(std::string_view text, std::size_t from = 0) {
  for (std::size_t pos = from; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const auto point = decode(text, pos);
    if (!point)
      return pos;
    pos += point->size;
  }
  return std::nullopt;
}

// `offset` moved back to the start of the code point it is in: over at most
// three continuation bytes, as no valid sequence has more.
constexpr std::size_t code_point_start(std::string_view text, std::size_t offset) {
  for (int k = 0; k < 3 && offset > 0 && offset < text.size() && is_continuation(text[offset]);
       ++k) {
    --offset;
  }
  return offset;
}

}  // namespace perfeval::utf8
