// Scoring a table again into the same result allocates nothing: the
// promise that lets a batch score a million indicators without the
// allocator in the way. A program of its own, as it replaces operator new;
// under AddressSanitizer, whose allocator must stay in charge, it counts
// through the sanitizer's allocation hook instead.

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <vector>

#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/internal/data_fast.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace {
std::atomic<std::size_t> allocations{0};
}

#if defined(__SANITIZE_ADDRESS__)
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*,
                                                                             std::size_t),
                                                         void (*free_hook)(const volatile void*));

namespace {
void count_allocation(const volatile void*, std::size_t) {
  ++allocations;
}
void ignore_release(const volatile void*) {}
[[maybe_unused]] const int hooks_installed =
    __sanitizer_install_malloc_and_free_hooks(count_allocation, ignore_release);
}  // namespace
#else
void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) {
    return p;
  }
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#endif

int main() {
  using namespace perfeval;
  namespace fs = std::filesystem;
  SourceManager sources;
  DiagnosticSink sink;
  const RuleSet rules = load_rules(fs::path(PERFEVAL_SOURCE_DIR) / "rules", sources, sink);
  if (sink.has_errors()) {
    std::fprintf(stderr, "the shipped rules do not load\n");
    return 1;
  }
#if defined(__SANITIZE_ADDRESS__)
  if (hooks_installed == 0) {
    std::fprintf(stderr, "the sanitizer's allocation hook could not be installed\n");
    return 1;
  }
#endif
  int failures = 0;
  FastDataLoader loader;
  ProjectData data;
  ProjectResult result;
  DiagnosticSink score_sink;
  for (const auto& entry : fs::directory_iterator(fs::path(PERFEVAL_SOURCE_DIR) / "examples")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string json = text.str();
    // The first pass grows the storage; the second must find it all there.
    for (int pass = 0; pass < 2; ++pass) {
      const std::size_t before_score = allocations;
      if (!loader.load(json, entry.path().string(), data)) {
        std::fprintf(stderr, "%s: the bulk loader declined a shipped table\n",
                     entry.path().c_str());
        return 1;
      }
      const std::size_t loaded = allocations;
      score_sink.clear();
      if (!score_project(rules.program, data, result, score_sink)) {
        return 1;
      }
      const std::size_t scored = allocations;
      if (pass == 1 && scored != loaded) {
        std::fprintf(stderr, "%s: scoring again allocated %zu times\n", entry.path().c_str(),
                     scored - loaded);
        ++failures;
      }
      if (pass == 1) {
        std::printf("%s: loading again allocated %zu times, scoring again %zu\n",
                    entry.path().filename().c_str(), loaded - before_score, scored - loaded);
      }
    }
  }
  // Tables that carry their own indicators, against a folder of policies
  // only: compiling each table's rows into the same storage allocates
  // nothing either, once it has grown.
  DiagnosticSink policy_sink;
  const RuleSet policies =
      load_rules(std::vector<fs::path>{fs::path(PERFEVAL_SOURCE_DIR) / "rules/新疆2024.perf",
                                       fs::path(PERFEVAL_SOURCE_DIR) / "rules/library"},
                 sources, policy_sink);
  CarriedTable table;
  std::vector<std::string> texts;
  for (const auto& entry :
       fs::directory_iterator(fs::path(PERFEVAL_SOURCE_DIR) / "examples-tables")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
  }
  // Each table twice: the second time must find all storage there. (From
  // one table to another, a row whose target changes kind, from a quantity
  // to a long qualitative word, may allocate that word once.)
  for (const std::string& json : texts) {
    for (int pass = 0; pass < 2; ++pass) {
      if (!loader.load(json, "table.json", data)) {
        std::fprintf(stderr, "the bulk loader declined a carried table\n");
        return 1;
      }
      const std::size_t loaded = allocations;
      score_sink.clear();
      if (!score_project(policies.program, data, result, table, score_sink) ||
          score_sink.has_errors()) {
        std::fprintf(stderr, "%s: a carried table did not score\n", data.project.c_str());
        return 1;
      }
      const std::size_t scored = allocations;
      if (pass == 1) {
        std::printf("%s (carried): scoring again allocated %zu times\n", data.project.c_str(),
                    scored - loaded);
        if (scored != loaded) {
          ++failures;
        }
      }
    }
  }
  return failures == 0 ? 0 : 1;
}
