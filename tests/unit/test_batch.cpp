// Batches: JSON Lines and folders read as one stream, scored on any number
// of threads with the same results in the same order, and written as they
// come.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/report_stream.hpp"
#include "perfeval/runtime/run.hpp"

namespace {

using namespace perfeval;
namespace fs = std::filesystem;

const fs::path kSource = PERFEVAL_SOURCE_DIR;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The shipped tables as one JSON Lines text, one table per line.
std::string examples_as_lines() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kSource / "examples")) {
    if (entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::string lines;
  for (const auto& file : files) {
    std::string text = read_file(file);
    std::erase(text, '\n');
    lines += text + "\n";
  }
  return lines;
}

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "perfeval-test-batch";
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Everything a stream writer writes, with the rules loaded once.
struct Streamed {
  std::string out;
  std::string err;
  bool errors = false;
};

Streamed stream(const std::vector<fs::path>& data, unsigned jobs, StreamFormat format,
                std::size_t max_bytes = 64 * 1024 * 1024) {
  SourceManager sources;
  DiagnosticSink sink;
  const RuleSet rules = load_rules(kSource / "rules", sources, sink);
  REQUIRE(!sink.has_errors());
  char* out_text = nullptr;
  char* err_text = nullptr;
  std::size_t out_size = 0;
  std::size_t err_size = 0;
  std::FILE* out = open_memstream(&out_text, &out_size);
  std::FILE* err = open_memstream(&err_text, &err_size);
  DataReader reader(data, max_bytes, sink);
  TextOptions text;
  text.lang = Lang::en;
  StreamWriter writer(format, sources, text, out, err);
  BatchOptions options;
  options.jobs = jobs;
  score_batches(rules, reader, writer, options);
  writer.finish();
  std::fclose(out);
  std::fclose(err);
  Streamed result{std::string(out_text, out_size), std::string(err_text, err_size),
                  writer.any_error()};
  std::free(out_text);
  std::free(err_text);
  return result;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("a JSON Lines file scores like the same tables as files", "[batch]") {
  const fs::path lines = write_temp("examples.jsonl", examples_as_lines());
  SourceManager a_sources;
  RunOptions a;
  a.rules = kSource / "rules";
  a.data = {kSource / "examples"};
  const RunResults files = run(a, a_sources);
  SourceManager b_sources;
  RunOptions b = a;
  b.data = {lines};
  b.jobs = 2;
  const RunResults streamed = run(b, b_sources);
  REQUIRE(files.projects.size() == 17);
  REQUIRE(streamed.projects.size() == 17);
  CHECK(streamed.data_files == 17);
  for (std::size_t k = 0; k < 17; ++k) {
    CHECK(streamed.projects[k].project == files.projects[k].project);
    CHECK(streamed.projects[k].total == files.projects[k].total);
    CHECK(streamed.projects[k].file == lines.string() + ":" + std::to_string(k + 1));
  }
}

TEST_CASE("results are the same, in the same order, for any number of threads", "[batch]") {
  // Enough lines for several batches, so that threads really overlap.
  std::string many;
  const std::string one = examples_as_lines();
  for (int k = 0; k < 40; ++k) {
    many += one;
  }
  const fs::path lines = write_temp("many.jsonl", many);
  const Streamed single = stream({lines}, 1, StreamFormat::jsonl);
  for (const unsigned jobs : {2u, 3u, 8u}) {
    const Streamed parallel = stream({lines, kSource / "examples"}, jobs, StreamFormat::jsonl);
    const Streamed single_both = stream({lines, kSource / "examples"}, 1, StreamFormat::jsonl);
    CHECK(parallel.out == single_both.out);
  }
  const auto out = lines_of(single.out);
  REQUIRE(out.size() == 17 * 40 + 1);
  CHECK(out.back() ==
        R"({"summary":{"tables":680,"scored":680,"failed":0,"indicators":6520,"differences":240,)"
        R"("explanations_missing":200,"bands":{"优":680}}})");
  CHECK(out[17].starts_with("{\"file\":\"" + lines.string() + ":18\",\"project\":"));
}

TEST_CASE("the order the inputs come in changes the order of lines, nothing else", "[batch]") {
  const fs::path lines = write_temp("order.jsonl", examples_as_lines());
  auto forward = lines_of(stream({lines, kSource / "examples"}, 2, StreamFormat::jsonl).out);
  auto backward = lines_of(stream({kSource / "examples", lines}, 2, StreamFormat::jsonl).out);
  REQUIRE(forward.size() == 35);
  CHECK(forward.back() == backward.back());  // the summary
  std::sort(forward.begin(), forward.end());
  std::sort(backward.begin(), backward.end());
  CHECK(forward == backward);
}

TEST_CASE("bad lines are reported where they stand and do not stop the others", "[batch]") {
  const std::string good = lines_of(examples_as_lines()).front();
  // Blank lines are skipped but counted; a cut-off table, a line over the
  // limit, a CRLF line end and a last line without a line end.
  const std::string text = good + "\n\n   \n{\"project\": \"x\"\n" +
                           std::string(good.size() + 50, 'x') + "\n" + good + "\r\n" + good;
  const fs::path lines = write_temp("bad.jsonl", text);
  const Streamed t = stream({lines}, 2, StreamFormat::jsonl, good.size() + 1);
  const auto rows = lines_of(t.out);
  REQUIRE(rows.size() == 6);
  const std::string name = lines.string();
  CHECK(rows[0].starts_with("{\"file\":\"" + name + ":1\",\"project\":"));
  CHECK(rows[1] == "{\"file\":\"" + name +
                       ":4\",\"project\":null,\"complete\":false,\"total\":null,\"errors\":[\"" +
                       name +
                       ":4:16: the file ends before the JSON is complete; is it cut off? (syntax "
                       "error while parsing object - unexpected end of input; expected '}')\"]}");
  CHECK(rows[2].find(":5\",\"project\":null") != std::string::npos);
  CHECK(rows[2].find("the line is longer than the limit of") != std::string::npos);
  CHECK(rows[3].starts_with("{\"file\":\"" + name + ":6\""));
  CHECK(rows[4].starts_with("{\"file\":\"" + name + ":7\""));
  CHECK(rows[5].starts_with("{\"summary\":{\"tables\":5,\"scored\":3,\"failed\":2,"));
  CHECK(t.errors);
  // The whole message, with the line and a caret, goes to the error stream.
  CHECK(t.err.find(name + ":4:16: error: the file ends before") != std::string::npos);
}

TEST_CASE("a line longer than several read blocks is skipped to its end", "[batch]") {
  const std::string good = lines_of(examples_as_lines()).front();
  // 3 MB of one line, more than the 1.5 MB limit and than any read block.
  const std::string text =
      good + "\n" + std::string(3 * 1024 * 1024, ' ') + "x\n" + good + "\n" + good;
  const fs::path lines = write_temp("long.jsonl", text);
  for (const unsigned jobs : {1u, 2u}) {
    const auto rows = lines_of(stream({lines}, jobs, StreamFormat::jsonl, 1536 * 1024).out);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].starts_with("{\"file\":\"" + lines.string() + ":1\",\"project\":\"2"));
    CHECK(rows[1].starts_with("{\"file\":\"" + lines.string() + ":2\",\"project\":null"));
    CHECK(rows[1].find("longer than the limit of 1572864 bytes") != std::string::npos);
    CHECK(rows[2].starts_with("{\"file\":\"" + lines.string() + ":3\",\"project\":\"2"));
    CHECK(rows[3].starts_with("{\"file\":\"" + lines.string() + ":4\",\"project\":\"2"));
  }
}

TEST_CASE("the text stream is one line per table and the totals", "[batch]") {
  const fs::path lines = write_temp("text.jsonl", examples_as_lines());
  const Streamed s = stream({lines}, 2, StreamFormat::text);
  const auto out = lines_of(s.out);
  REQUIRE(out.size() == 1 + 17 + 1);
  CHECK(out.front() == "Summary");
  CHECK(out.back() == "  projects 17, scored 17, failed 0 — 优 17");
  CHECK(!s.errors);
}

TEST_CASE("JSON Lines text is escaped, and bytes that are not UTF-8 are replaced", "[batch]") {
  std::string out;
  // A quote, a backslash, a tab, CJK, a 4-byte character, a lone
  // continuation byte, a cut-off 3-byte sequence, an encoded surrogate and
  // an overlong '/'.
  append_jsonl_failure(out, "a\"b\\c\td 表\xF0\x9F\x98\x80 \x80|\xE8\xA1|\xED\xA0\x80|\xC0\xAF",
                       "项目", {"x"});
  CHECK(out ==
        "{\"file\":\"a\\\"b\\\\c\\u0009d 表\xF0\x9F\x98\x80 \xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|"
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\",\"project\":\"项目\","
        "\"complete\":false,"
        "\"total\":null,\"errors\":[\"x\"]}");
  // Cut off at the very end, and a valid character just before the end.
  out.clear();
  append_jsonl_failure(out, "表\xE8\xA1", "表", {});
  CHECK(out ==
        "{\"file\":\"表\xEF\xBF\xBD\xEF\xBF\xBD\",\"project\":\"表\",\"complete\":false,"
        "\"total\":null,\"errors\":[]}");
}
