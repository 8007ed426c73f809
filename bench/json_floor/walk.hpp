#pragma once

// The walk through every value, compiled once per kernel: included by
// kernel_generic.cpp and kernel_haswell.cpp, each compiled with its own
// instruction set, so that simdjson::ondemand (simdjson::builtin::ondemand,
// chosen at compile time) is that kernel's. The functions live in an
// unnamed namespace so that the two copies stay apart.

#include <simdjson.h>

#include <string_view>
#include <utility>

#include "floor.hpp"

#define PERFEVAL_FLOOR_STRING2(x) #x
#define PERFEVAL_FLOOR_STRING(x) PERFEVAL_FLOOR_STRING2(x)

namespace perfeval::floor {
namespace {

namespace od = simdjson::ondemand;

[[gnu::cold, gnu::noinline]] void note_error(simdjson::error_code error, Counts& counts) {
  if (counts.error.empty()) {
    counts.error =
        "document " + std::to_string(counts.documents + 1) + ": " + simdjson::error_message(error);
  }
}

inline bool failed(simdjson::error_code error, Counts& counts) {
  if (error == simdjson::SUCCESS) [[likely]] {
    return false;
  }
  note_error(error, counts);
  return true;
}

bool add_number(od::number n, Counts& counts) {
  ++counts.numbers;
  switch (n.get_number_type()) {
    case od::number_type::signed_integer:
      counts.number_sum += static_cast<double>(n.get_int64());
      break;
    case od::number_type::unsigned_integer:
      counts.number_sum += static_cast<double>(n.get_uint64());
      break;
    default:
      counts.number_sum += n.get_double();
      break;
  }
  return true;
}

bool visit(od::value value, Counts& counts);

// An object's keys and members, an array's elements, a scalar: the same for
// a value and for a document (whose root is not a value in simdjson).
template <typename V>
bool visit_any(V& value, Counts& counts) {
  od::json_type type = od::json_type::null;
  if (failed(value.type().get(type), counts)) {
    return false;
  }
  switch (type) {
    case od::json_type::object: {
      ++counts.objects;
      od::object object;
      if (failed(value.get_object().get(object), counts)) {
        return false;
      }
      for (auto field : object) {
        od::field member;
        std::string_view key;
        if (failed(std::move(field).get(member), counts) ||
            failed(member.unescaped_key().get(key), counts)) {
          return false;
        }
        ++counts.keys;
        counts.string_bytes += key.size();
        if (!visit(member.value(), counts)) {
          return false;
        }
      }
      return true;
    }
    case od::json_type::array: {
      ++counts.arrays;
      od::array array;
      if (failed(value.get_array().get(array), counts)) {
        return false;
      }
      for (auto element : array) {
        od::value item;
        if (failed(std::move(element).get(item), counts) || !visit(item, counts)) {
          return false;
        }
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view text;
      if (failed(value.get_string().get(text), counts)) {
        return false;
      }
      ++counts.strings;
      counts.string_bytes += text.size();
      return true;
    }
    case od::json_type::number: {
      od::number n;
      return !failed(value.get_number().get(n), counts) && add_number(n, counts);
    }
    case od::json_type::boolean: {
      bool b = false;
      if (failed(value.get_bool().get(b), counts)) {
        return false;
      }
      ++counts.booleans;
      counts.number_sum += b ? 1 : 0;
      return true;
    }
    case od::json_type::null: {
      bool null = false;
      if (failed(value.is_null().get(null), counts) ||
          (!null && failed(simdjson::INCORRECT_TYPE, counts))) {
        return false;
      }
      ++counts.nulls;
      return true;
    }
  }
  return !failed(simdjson::INCORRECT_TYPE, counts);
}

bool visit(od::value value, Counts& counts) {
  return visit_any(value, counts);
}

class Parser final : public ChunkParser {
 public:
  Parser(std::size_t batch_bytes, bool threaded) : batch_(batch_bytes) {
    parser_.threaded = threaded;
  }

  // Named at compile time: simdjson::builtin_implementation() is the
  // library's, compiled for the baseline.
  std::string kernel() const override {
    return PERFEVAL_FLOOR_STRING(SIMDJSON_BUILTIN_IMPLEMENTATION);
  }

  bool parse(const char* buf, std::size_t len, Counts& counts) override {
    od::document_stream stream;
    if (failed(parser_.iterate_many(buf, len, batch_).get(stream), counts)) {
      return false;
    }
    for (auto document : stream) {
      od::document_reference doc;
      if (failed(std::move(document).get(doc), counts) || !visit_any(doc, counts)) {
        return false;
      }
      ++counts.documents;
    }
    if (stream.truncated_bytes() != 0) {  // a document cut short at the end
      return !failed(simdjson::INCOMPLETE_ARRAY_OR_OBJECT, counts);
    }
    return true;
  }

 private:
  od::parser parser_;
  std::size_t batch_;
};

}  // namespace
}  // namespace perfeval::floor
