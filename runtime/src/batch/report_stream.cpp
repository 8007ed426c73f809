// StreamWriter: JSON Lines and the terminal summary, written chunk by chunk.
//
// Lines are built into the chunk's buffers on the workers (LineWriter), so
// the calling thread only writes large blocks.

#include "perfeval/runtime/report_stream.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>

#include "line_writer.hpp"
#include "perfeval/lang/source.hpp"
#include "perfeval/runtime/internal/text_layout.hpp"
#include "perfeval/values/utf8.hpp"

namespace perfeval {
namespace {

// What a byte starts, for the loop below: an ASCII character that needs no
// escaping, the lead byte of a three-byte sequence that takes any two
// continuation bytes (E1..EC, EE, EF: most Chinese text), or anything else,
// decoded in full.
enum class Lead : std::uint8_t { plain, any_two, other };
constexpr std::array<Lead, 256> kLeads = [] {
  std::array<Lead, 256> leads{};
  for (unsigned c = 0; c < 256; ++c) {
    const bool plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    const bool any_two = utf8::takes_any_two_continuations(static_cast<unsigned char>(c));
    leads[c] = plain ? Lead::plain : any_two ? Lead::any_two : Lead::other;
  }
  return leads;
}();

// A JSON string: quotes, backslashes and control characters escaped; bytes
// that are not UTF-8 (a file name, say) become U+FFFD so the line stays
// valid JSON. Runs that need nothing are copied whole.
void append_string(LineWriter& out, std::string_view s) {
  out.put('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const Lead lead = kLeads[c];
    if (lead == Lead::plain) {
      ++i;
      continue;
    }
    if (lead == Lead::any_two && i + 2 < s.size() && utf8::two_continuations_follow(s, i)) {
      i += 3;
      continue;
    }
    if (c >= 0x80) {
      if (const auto point = utf8::decode(s, i)) {
        i += point->size;
        continue;
      }
    }
    out.put(s.substr(run, i - run));
    if (c == '"' || c == '\\') {
      out.put('\\');
      out.put(static_cast<char>(c));
    } else if (c < 0x20) {
      out.put(fmt::format("\\u{:04x}", c));
    } else {
      out.put("\xEF\xBF\xBD");
    }
    run = ++i;
  }
  out.put(s.substr(run));
  out.put('"');
}

void append_bool(LineWriter& out, bool value) {
  if (value) {
    out.put("true");
  } else {
    out.put("false");
  }
}

void append_count(LineWriter& out, std::size_t count) {
  const fmt::format_int digits(count);
  out.put(std::string_view(digits.data(), digits.size()));
}

void append_errors(LineWriter& out, const std::vector<std::string>& errors) {
  out.put("\"errors\":[");
  for (std::size_t k = 0; k < errors.size(); ++k) {
    if (k > 0) {
      out.put(',');
    }
    append_string(out, errors[k]);
  }
  out.put(']');
}

// A problem on one line: where it is, then the sentence.
std::string one_line(const Diagnostic& d, const SourceManager& sources, Lang lang) {
  return fmt::format("{}: {}", d.range ? location(*d.range, sources) : d.file,
                     message_text(d, lang));
}

// The figures of one scored row, the funds or an indicator, as the policy
// shows them.
void append_figures(LineWriter& out, const Rational& rate, const Rational& score,
                    bool explanation_required, const ProjectResult& p) {
  // Digits need no escaping: written straight into the line.
  out.put(",\"rate\":\"");
  out.put_fixed(rate, p.rate_digits, 2);  // a percentage
  out.put("%\",\"score\":\"");
  out.put_fixed(score, p.score_digits);
  out.put("\",\"explanation_required\":");
  append_bool(out, explanation_required);
}

}  // namespace

void append_jsonl_project(std::string& line, const ProjectResult& p,
                          const std::vector<std::string>& errors) {
  // About 200 bytes an indicator besides its name, and as many for the rest.
  std::size_t expected = 200 + p.file.size() + p.project.size();
  for (const IndicatorResult& i : p.indicators) {
    expected += 200 + i.name.size();
  }
  LineWriter out(line, expected);
  out.put("{\"file\":");
  append_string(out, p.file);
  out.put(",\"project\":");
  append_string(out, p.project);
  out.put(",\"kind\":");
  append_string(out, p.kind);
  out.put(",\"policy\":");
  append_string(out, p.policy);
  out.put(",\"complete\":");
  append_bool(out, p.complete);
  out.put(",\"total\":");
  if (p.total) {
    out.put('"');
    out.put_fixed(*p.total, p.score_digits);
    out.put('"');
  } else {
    out.put("null");
  }
  out.put(",\"full_marks\":");
  append_string(out, p.full_marks.to_string());
  out.put(",\"band\":");
  if (p.band) {
    append_string(out, *p.band);
  } else {
    out.put("null");
  }
  const FundsResult& f = p.funds;
  out.put(",\"funds\":{\"scored\":");
  append_bool(out, f.scored);
  if (f.scored) {
    append_figures(out, f.rate, f.score, f.explanation_required, p);
  }
  out.put("},\"indicators\":[");
  for (std::size_t k = 0; k < p.indicators.size(); ++k) {
    const IndicatorResult& i = p.indicators[k];
    if (k == 0) {
      out.put("{\"name\":");
    } else {
      out.put(",{\"name\":");
    }
    append_string(out, i.name);
    out.put(",\"scored\":");
    append_bool(out, i.scored);
    out.put(",\"applicable\":");
    append_bool(out, i.applicable);
    if (i.scored && i.applicable) {
      out.put(",\"met\":");
      append_bool(out, i.met);
      append_figures(out, i.rate, i.score_rounded, i.explanation_required, p);
    }
    out.put(",\"explanation_present\":");
    append_bool(out, i.explanation_present);
    out.put(",\"differences\":");
    append_count(out, i.differences.size());
    out.put('}');
  }
  out.put("],\"differences\":");
  append_count(out, p.differences());
  out.put(",\"explanations_missing\":");
  append_count(out, p.explanations_missing());
  out.put(",\"explanations_unneeded\":");
  append_count(out, p.explanations_unneeded());
  out.put(',');
  append_errors(out, errors);
  out.put('}');
}

void append_jsonl_failure(std::string& line, std::string_view label, std::string_view project,
                          const std::vector<std::string>& errors) {
  LineWriter out(line);
  out.put("{\"file\":");
  append_string(out, label);
  out.put(",\"project\":");
  if (project.empty()) {
    out.put("null");
  } else {
    append_string(out, project);
  }
  out.put(",\"complete\":false,\"total\":null,");
  append_errors(out, errors);
  out.put('}');
}

StreamWriter::StreamWriter(StreamFormat format, const SourceManager& rule_sources,
                           const TextOptions& options, std::FILE* out, std::FILE* err)
    : format_(format), rule_sources_(rule_sources), options_(options), out_(out), err_(err) {}

void StreamWriter::take(RecordOutcome& outcome, BatchChunk& chunk) const {
  // Problems: in full (with the line and a caret) on the error stream, and
  // on one line each in the table's JSON line.
  std::vector<std::string> errors;
  // `sources` resolves the places of ranged problems; the others have none.
  const auto note = [&](const Diagnostic& d, const SourceManager& sources) {
    if (d.severity == Severity::error || options_.warnings) {
      chunk.err += render(d, sources, options_.lang);
      chunk.err += '\n';
    }
    if (format_ == StreamFormat::jsonl) {
      errors.push_back(one_line(d, sources, options_.lang));
    }
  };
  for (const Diagnostic& d : outcome.load_diagnostics) {
    note(d, d.range && outcome.record_sources ? *outcome.record_sources : rule_sources_);
  }
  for (const Diagnostic& d : outcome.score_diagnostics) {
    note(d, rule_sources_);
  }

  if (format_ == StreamFormat::jsonl) {
    if (outcome.result) {
      append_jsonl_project(chunk.out, *outcome.result, errors);
    } else {
      append_jsonl_failure(chunk.out, outcome.record.label, {}, errors);
    }
    chunk.out += '\n';
    return;
  }
  if (outcome.result) {
    const std::size_t at = chunk.out.size() + 2;  // after the indent
    append_text_summary_line(chunk.out, *outcome.result, options_);
    const std::string& name = outcome.result->project;
    if (const std::size_t limit = text_summary_name_width(options_); display_width(name) > limit) {
      chunk.cut_names.push_back({at, truncate(name, limit).size(), name});
    }
  } else {
    chunk.out += text_failed_line(outcome.record.label, options_);
  }
  chunk.out += '\n';
}

void StreamWriter::tell_cut_names_apart(BatchChunk& chunk) {
  const std::size_t limit = text_summary_name_width(options_);
  // Decided in the order of the lines (the first name keeps its cut text,
  // whatever the chunks), then replaced from the last line up, so that a
  // replaced name leaves the places before it where they were.
  std::vector<std::pair<const BatchChunk::CutName*, std::string>> replaced;
  for (const auto& cut : chunk.cut_names) {
    const std::string shown = chunk.out.substr(cut.at, cut.length);
    const auto [owner, first] = cut_names_.try_emplace(shown, cut.name);
    if (first || owner->second == cut.name) {
      continue;
    }
    // Shown like a name before it: where the two differ, or else whole.
    std::string own = layout::distinct_short_names({owner->second, cut.name}, limit)[1];
    const auto [other, own_first] = cut_names_.try_emplace(own, cut.name);
    if (!own_first && other->second != cut.name) {
      own = cut.name;
    }
    replaced.emplace_back(&cut, std::move(own));
  }
  for (auto it = replaced.rbegin(); it != replaced.rend(); ++it) {
    const BatchChunk::CutName& cut = *it->first;
    const std::size_t shown_width =
        display_width(std::string_view(chunk.out).substr(cut.at, cut.length));
    chunk.out.replace(cut.at, cut.length + (limit - shown_width), fit(it->second, limit));
  }
}

void StreamWriter::hand_on(BatchChunk& chunk) {
  if (format_ == StreamFormat::text && !heading_written_) {
    const std::string heading = text_summary_heading(options_) + "\n";
    std::fwrite(heading.data(), 1, heading.size(), out_);
    heading_written_ = true;
  }
  // Problems first, so that a terminal shows them before the line they
  // belong to; both streams are flushed per chunk to keep them in step.
  if (!chunk.err.empty()) {
    std::fflush(out_);
    std::fwrite(chunk.err.data(), 1, chunk.err.size(), err_);
    std::fflush(err_);
  }
  tell_cut_names_apart(chunk);
  std::fwrite(chunk.out.data(), 1, chunk.out.size(), out_);
  totals_ += chunk.totals;
}

void StreamWriter::finish() {
  if (!summary_) {
    std::fflush(out_);
    return;
  }
  std::string line;
  if (format_ == StreamFormat::jsonl) {
    fmt::format_to(std::back_inserter(line),
                   "{{\"summary\":{{\"tables\":{},\"scored\":{},\"failed\":{},\"indicators\":{},"
                   "\"differences\":{},\"explanations_missing\":{},\"bands\":{{",
                   totals_.tables, totals_.scored, totals_.tables - totals_.scored,
                   totals_.indicators, totals_.differences, totals_.explanations_missing);
    bool first = true;
    for (const auto& [band, count] : totals_.bands) {
      LineWriter out(line);
      if (!first) {
        out.put(',');
      }
      first = false;
      append_string(out, band);
      out.put(':');
      append_count(out, count);
    }
    line += "}}}\n";
  } else {
    if (!heading_written_) {
      line = text_summary_heading(options_) + "\n";
    }
    line += text_totals_line(totals_.tables, totals_.scored, totals_.bands, options_) + "\n";
  }
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace perfeval
