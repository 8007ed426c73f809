// perfeval_json_floor: how fast a JSON Lines file can merely be read and
// every value of it parsed, with simdjson's On-Demand API — the floor under
// what any reader of the same file, perfeval included, can take. See
// bench/README.md.
//
//   perfeval_json_floor [--kernel best|generic|haswell] [--chunk-mb M]
//                       [--batch-kb K] [--threaded] FILE|-
//
// The file is read in chunks of M MB (4); each chunk, cut after its last
// line end, is parsed with parser.iterate_many (a document_stream, K KB
// batches, 1024), and every document is walked through: every object's keys
// unescaped, every string unescaped, every number converted, every boolean
// and null read. So nothing is skipped the way On-Demand skips what is not
// asked for. It prints what it counted and the time; exit 1 on a JSON error.
//
// simdjson picks its On-Demand kernel when the code is compiled, from the
// compiler's flags: for the baseline x86-64 that perfeval is built for, it
// is the scalar "fallback" kernel. The tool has it twice: --kernel generic
// (the build's flags, as perfeval's own loader) and --kernel haswell (AVX2);
// best, the default, is haswell when this processor runs it.
//
// One thread unless --threaded: simdjson's document_stream may then find the
// next batch's structure on a second thread while this one walks.

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "../grouped.hpp"
#include "floor.hpp"

namespace {

using perfeval::floor::Counts;

constexpr std::size_t kPadding = 64;  // simdjson::SIMDJSON_PADDING

constexpr std::string_view kUsage =
    "usage: perfeval_json_floor [--kernel best|generic|haswell] [--chunk-mb M]\n"
    "                           [--batch-kb K] [--threaded] FILE|-\n"
    "\n"
    "  --kernel K    simdjson On-Demand as compiled for the build's flags (generic, as\n"
    "                perfeval's loader), or with AVX2 (haswell); best (default): haswell\n"
    "                when this processor runs it, else generic\n"
    "  --chunk-mb M  read the file M MB at a time (default 4)\n"
    "  --batch-kb K  simdjson document_stream batch size (default 1024; at least the\n"
    "                longest line)\n"
    "  --threaded    let the document_stream index the next batch on a second thread\n";

[[noreturn]] void usage_error(const std::string& message) {
  fmt::print(stderr, "perfeval_json_floor: {}\n\n{}", message, kUsage);
  std::exit(2);
}

std::size_t parse_size(std::string_view flag, const char* text) {
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0' || value == 0 || value > (1ULL << 20)) {
    usage_error(fmt::format("{} needs a whole number from 1 to 1048576, not '{}'", flag, text));
  }
  return static_cast<std::size_t>(value);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t chunk = std::size_t{4} << 20;
  std::size_t batch = std::size_t{1} << 20;
  bool threaded = false;
  std::string kernel = "best";
  std::string path;
  for (int k = 1; k < argc; ++k) {
    const std::string_view flag = argv[k];
    if (flag == "--help" || flag == "-h") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (flag == "--threaded") {
      threaded = true;
    } else if (flag == "--chunk-mb" && k + 1 < argc) {
      chunk = parse_size(flag, argv[++k]) << 20;
    } else if (flag == "--batch-kb" && k + 1 < argc) {
      batch = parse_size(flag, argv[++k]) << 10;
    } else if (flag == "--kernel" && k + 1 < argc) {
      kernel = argv[++k];
      if (kernel != "best" && kernel != "generic" && kernel != "haswell") {
        usage_error(fmt::format("--kernel is best, generic or haswell, not '{}'", kernel));
      }
    } else if (path.empty() && (flag == "-" || !flag.starts_with("-"))) {
      path = flag;
    } else {
      usage_error(fmt::format("unknown option or missing value: {}", flag));
    }
  }
  if (path.empty()) {
    usage_error("give the JSON Lines file, or - for standard input");
  }

  std::unique_ptr<perfeval::floor::ChunkParser> parser;
  if (kernel != "generic") {
    parser = perfeval::floor::make_haswell_parser(batch, threaded);
    if (!parser && kernel == "haswell") {
      fmt::print(stderr, "perfeval_json_floor: this build or this processor has no AVX2 kernel\n");
      return 2;
    }
  }
  if (!parser) {
    parser = perfeval::floor::make_generic_parser(batch, threaded);
  }

  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!in) {
    fmt::print(stderr, "perfeval_json_floor: cannot open {}: {}\n", path, std::strerror(errno));
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  Counts counts;
  std::uint64_t bytes = 0;
  std::uint64_t chunks = 0;
  // A chunk (the end of the previous one's last line, then what was read),
  // and simdjson's padding after it; not cleared, so that no page of it is
  // touched before it is read into.
  std::size_t capacity = chunk;
  auto buffer = std::make_unique_for_overwrite<char[]>(capacity + kPadding);
  std::size_t kept = 0;  // bytes of an unfinished line carried over
  bool eof = false;
  while (!eof) {
    if (kept == capacity) {  // one line longer than a chunk
      auto larger = std::make_unique_for_overwrite<char[]>(2 * capacity + kPadding);
      std::memcpy(larger.get(), buffer.get(), kept);
      buffer = std::move(larger);
      capacity *= 2;
    }
    const std::size_t room = capacity - kept;
    const std::size_t got = std::fread(buffer.get() + kept, 1, room, in);
    if (got < room) {
      if (std::ferror(in)) {
        fmt::print(stderr, "perfeval_json_floor: cannot read {}\n", path);
        return 1;
      }
      eof = true;
    }
    bytes += got;
    const std::size_t size = kept + got;
    // Up to the last line end; at the end of the input, everything.
    std::size_t cut = size;
    if (!eof) {
      while (cut > 0 && buffer[cut - 1] != '\n') {
        --cut;
      }
    }
    if (cut > 0) {
      ++chunks;
      // The bytes after `cut` (the next chunk's first line, or the spare
      // ones at the end) are simdjson's padding: they must be there, and
      // may hold anything.
      if (!parser->parse(buffer.get(), cut, counts)) {
        fmt::print(stderr, "perfeval_json_floor: {}: {}\n", path, counts.error);
        return 1;
      }
    }
    kept = size - cut;
    std::memmove(buffer.get(), buffer.get() + cut, kept);
  }
  if (in != stdin) {
    std::fclose(in);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  fmt::print("perfeval_json_floor: {}: {} bytes in {} chunks of up to {} MB\n", path,
             grouped(bytes), chunks, chunk >> 20);
  fmt::print("  simdjson On-Demand, kernel {}, iterate_many batches of {} KB, {}\n",
             parser->kernel(), batch >> 10, threaded ? "threaded" : "one thread");
  fmt::print(
      "  {} documents: {} objects, {} arrays, {} keys, {} strings ({} bytes with the keys), "
      "{} numbers (sum {:.6g}), {} booleans, {} nulls\n",
      grouped(counts.documents), grouped(counts.objects), grouped(counts.arrays),
      grouped(counts.keys), grouped(counts.strings), grouped(counts.string_bytes),
      grouped(counts.numbers), counts.number_sum, grouped(counts.booleans), grouped(counts.nulls));
  fmt::print("  {:.3f} s, {:.0f} MB/s, {} documents/s\n", seconds,
             static_cast<double>(bytes) / 1e6 / seconds,
             grouped(static_cast<std::uint64_t>(static_cast<double>(counts.documents) / seconds)));
  return 0;
}
