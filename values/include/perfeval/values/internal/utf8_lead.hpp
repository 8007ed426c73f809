#pragma once

// Lead bytes that most Chinese text is written with.

namespace perfeval {

// A lead byte E1..EC or EE..EF starts a three-byte UTF-8 sequence that any
// two continuation bytes complete: with E0 a sequence can be overlong, and
// with ED a surrogate, so those two are left to a full decoder.
constexpr bool takes_any_two_continuations(unsigned char lead) {
  return lead >= 0xE1 && lead <= 0xEF && lead != 0xED;
}

}  // namespace perfeval
