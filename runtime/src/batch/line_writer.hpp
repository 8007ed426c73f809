#pragma once

// LineWriter: appends to a std::string through a pointer into room made
// ahead. A JSON line is a hundred and more short pieces; appending each with
// std::string::append is a call and a capacity check apiece, where here a
// literal is a test and a copy of known size.

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include "perfeval/values/rational.hpp"

namespace perfeval {

class LineWriter {
 public:
  // Writes after what `out` holds; `out` has its final size again when the
  // writer is gone, and must not be touched while it lives.
  // `expected`, the length the line will likely have, is made room for at
  // once.
  explicit LineWriter(std::string& out, std::size_t expected = 0)
      : out_(out), at_(out.data() + out.size()), end_(at_) {
    if (expected > 0) {
      grow(expected);
    }
  }
  ~LineWriter() { out_.resize(written()); }
  LineWriter(const LineWriter&) = delete;
  LineWriter& operator=(const LineWriter&) = delete;

  // A literal's length is known here, so its copy is a few moves.
  template <std::size_t N>
  void put(const char (&literal)[N]) {
    reserve(N - 1);
    std::memcpy(at_, literal, N - 1);
    at_ += N - 1;
  }
  void put(std::string_view text) {
    reserve(text.size());
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void put(char c) {
    reserve(1);
    *at_++ = c;
  }
  // A decimal as Rational::append_fixed writes it.
  void put_fixed(const Rational& value, int digits, int shift = 0) {
    Rational::FixedText text;
    put(value.format_fixed(text, digits, shift));
  }

 private:
  [[gnu::always_inline]] void reserve(std::size_t size) {
    if (static_cast<std::size_t>(end_ - at_) < size) {
      grow(size);
    }
  }
  // Room for `size` more bytes, and some to spare so that a line is not
  // made room for piece by piece.
  [[gnu::noinline]] void grow(std::size_t size) {
    const std::size_t used = written();
    // The new bytes are left as they are: every one is written before the
    // writer is done, or cut off by the resize in the destructor.
    out_.resize_and_overwrite(used + (size > kBlock ? size : kBlock),
                              [](char*, std::size_t room) { return room; });
    at_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }
  std::size_t written() const { return static_cast<std::size_t>(at_ - out_.data()); }

  static constexpr std::size_t kBlock = 1024;
  std::string& out_;
  char* at_;
  char* end_;
};

}  // namespace perfeval
