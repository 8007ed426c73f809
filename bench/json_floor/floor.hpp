#pragma once

// perfeval_json_floor: what the kernels share. See main.cpp.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace perfeval::floor {

// What a walk through every value of every document found.
struct Counts {
  std::uint64_t documents = 0;
  std::uint64_t objects = 0;
  std::uint64_t arrays = 0;
  std::uint64_t keys = 0;
  std::uint64_t strings = 0;
  std::uint64_t numbers = 0;
  std::uint64_t booleans = 0;
  std::uint64_t nulls = 0;
  std::uint64_t string_bytes = 0;  // keys and strings, unescaped
  double number_sum = 0;           // so that no conversion can be left out
  std::string error;               // the first JSON error, if any: the walk stops there
};

// One simdjson On-Demand parser, kept from chunk to chunk.
class ChunkParser {
 public:
  virtual ~ChunkParser() = default;
  // The simdjson implementation the On-Demand code was compiled for.
  virtual std::string kernel() const = 0;
  // Walks every document of buf[0, len), whole JSON documents separated by
  // white space; buf must have simdjson's padding (64 bytes) readable after
  // len. False on a JSON error (then counts.error says which).
  virtual bool parse(const char* buf, std::size_t len, Counts& counts) = 0;
};

// On-Demand compiled for the baseline x86-64 (or whatever the build's flags
// allow), as perfeval's own loader is: simdjson's scalar "fallback" kernel
// unless the flags allow better.
std::unique_ptr<ChunkParser> make_generic_parser(std::size_t batch_bytes, bool threaded);

// On-Demand compiled with AVX2 (simdjson's "haswell" kernel); null when
// this build or this processor cannot run it.
std::unique_ptr<ChunkParser> make_haswell_parser(std::size_t batch_bytes, bool threaded);

}  // namespace perfeval::floor
