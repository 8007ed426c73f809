// StreamWriter: JSON Lines and the terminal summary, written chunk by chunk.
//
// Lines are built with fmt into the chunk's buffers on the workers, so the
// calling thread only writes large blocks.

#include "perfeval/runtime/report_stream.hpp"

#include <fmt/format.h>

namespace perfeval {
namespace {

// Literals with their length: a line is built from hundreds of them.
using namespace std::string_view_literals;

// Length of the well-formed UTF-8 sequence at s[i], or 0 (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u;
  };
  const unsigned c = byte(i);
  const auto continuation = [&](std::size_t k, unsigned low = 0x80, unsigned high = 0xBF) {
    const unsigned b = byte(k);
    return b >= low && b <= high;
  };
  if (c >= 0xC2 && c <= 0xDF) {
    return continuation(i + 1) ? 2 : 0;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned low = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned high = c == 0xED ? 0x9F : 0xBF;
    return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned low = c == 0xF0 ? 0x90 : 0x80;
    const unsigned high = c == 0xF4 ? 0x8F : 0xBF;
    return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}

// A JSON string: quotes, backslashes and control characters escaped; bytes
// that are not UTF-8 (a file name, say) become U+FFFD so the line stays
// valid JSON. Runs that need nothing are copied whole.
void append_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  const auto continuation = [&](std::size_t k) {
    return (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
  };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    // Most Chinese text: a lead byte that takes any two continuation bytes
    // (E1..EC, EE, EF), checked here without the general decoding below.
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < s.size() && continuation(i + 1) &&
        continuation(i + 2)) {
      i += 3;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t n = utf8_length(s, i)) {
        i += n;
        continue;
      }
    }
    out.append(s.substr(run, i - run));
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    } else {
      out += "\xEF\xBF\xBD"sv;
    }
    run = ++i;
  }
  out.append(s.substr(run));
  out += '"';
}

void append_bool(std::string& out, bool value) {
  out += value ? "true"sv : "false"sv;
}

void append_errors(std::string& out, const std::vector<std::string>& errors) {
  out += "\"errors\":["sv;
  for (std::size_t k = 0; k < errors.size(); ++k) {
    if (k > 0) {
      out += ',';
    }
    append_string(out, errors[k]);
  }
  out += ']';
}

// A problem on one line: where it is, then the sentence.
std::string one_line(const Diagnostic& d, const SourceManager& sources, Lang lang) {
  return fmt::format("{}: {}", d.range ? location(*d.range, sources) : d.file,
                     message_text(d, lang));
}

// The figures of one scored row, the funds or an indicator, as the policy
// shows them.
void append_figures(std::string& out, const Rational& rate, const Rational& score,
                    bool explanation_required, const ProjectResult& p) {
  // Digits need no escaping: written straight into the line.
  out += ",\"rate\":\""sv;
  rate.append_fixed(out, p.rate_digits, 2);  // a percentage
  out += "%\",\"score\":\""sv;
  score.append_fixed(out, p.score_digits);
  out += '"';
  out += ",\"explanation_required\":"sv;
  append_bool(out, explanation_required);
}

}  // namespace

void append_jsonl_project(std::string& out, const ProjectResult& p,
                          const std::vector<std::string>& errors) {
  out += "{\"file\":"sv;
  append_string(out, p.file);
  out += ",\"project\":"sv;
  append_string(out, p.project);
  out += ",\"kind\":"sv;
  append_string(out, p.kind);
  out += ",\"policy\":"sv;
  append_string(out, p.policy);
  out += ",\"complete\":"sv;
  append_bool(out, p.complete);
  out += ",\"total\":"sv;
  if (p.total) {
    out += '"';
    p.total->append_fixed(out, p.score_digits);
    out += '"';
  } else {
    out += "null"sv;
  }
  out += ",\"full_marks\":"sv;
  append_string(out, p.full_marks.to_string());
  out += ",\"band\":"sv;
  if (p.band) {
    append_string(out, *p.band);
  } else {
    out += "null"sv;
  }
  const FundsResult& f = p.funds;
  out += ",\"funds\":{\"scored\":"sv;
  append_bool(out, f.scored);
  if (f.scored) {
    append_figures(out, f.rate, f.score, f.explanation_required, p);
  }
  out += "},\"indicators\":["sv;
  for (std::size_t k = 0; k < p.indicators.size(); ++k) {
    const IndicatorResult& i = p.indicators[k];
    out += k == 0 ? "{\"name\":"sv : ",{\"name\":"sv;
    append_string(out, i.name);
    out += ",\"scored\":"sv;
    append_bool(out, i.scored);
    out += ",\"applicable\":"sv;
    append_bool(out, i.applicable);
    if (i.scored && i.applicable) {
      out += ",\"met\":"sv;
      append_bool(out, i.met);
      append_figures(out, i.rate, i.score_rounded, i.explanation_required, p);
    }
    out += ",\"explanation_present\":"sv;
    append_bool(out, i.explanation_present);
    out += ",\"differences\":"sv;
    const fmt::format_int differences(i.differences.size());
    out.append(differences.data(), differences.size());
    out += '}';
  }
  fmt::format_to(std::back_inserter(out),
                 "],\"differences\":{},\"explanations_missing\":{},\"explanations_unneeded\":{},",
                 p.differences(), p.explanations_missing(), p.explanations_unneeded());
  append_errors(out, errors);
  out += '}';
}

void append_jsonl_failure(std::string& out, std::string_view label, std::string_view project,
                          const std::vector<std::string>& errors) {
  out += "{\"file\":"sv;
  append_string(out, label);
  out += ",\"project\":"sv;
  if (project.empty()) {
    out += "null"sv;
  } else {
    append_string(out, project);
  }
  out += ",\"complete\":false,\"total\":null,"sv;
  append_errors(out, errors);
  out += '}';
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
    chunk.err += render(d, sources, options_.lang);
    chunk.err += '\n';
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
  chunk.out += outcome.result ? text_summary_line(*outcome.result, options_)
                              : text_failed_line(outcome.record.label, options_);
  chunk.out += '\n';
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
  std::fwrite(chunk.out.data(), 1, chunk.out.size(), out_);
  totals_ += chunk.totals;
}

void StreamWriter::finish() {
  std::string line;
  if (format_ == StreamFormat::jsonl) {
    fmt::format_to(std::back_inserter(line),
                   "{{\"summary\":{{\"tables\":{},\"scored\":{},\"failed\":{},\"indicators\":{},"
                   "\"differences\":{},\"explanations_missing\":{},\"bands\":{{",
                   totals_.tables, totals_.scored, totals_.tables - totals_.scored,
                   totals_.indicators, totals_.differences, totals_.explanations_missing);
    bool first = true;
    for (const auto& [band, count] : totals_.bands) {
      line += first ? "" : ",";
      first = false;
      append_string(line, band);
      fmt::format_to(std::back_inserter(line), ":{}", count);
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
