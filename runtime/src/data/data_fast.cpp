#include "perfeval/runtime/internal/data_fast.hpp"

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>

namespace perfeval {
namespace {

namespace od = simdjson::ondemand;

// Thrown (and caught in load()) for anything the fast path does not take;
// the reference loader then reads the same text and says what is wrong.
struct Decline {};

template <typename T>
T take(simdjson::simdjson_result<T> result) {
  T value{};
  if (std::move(result).get(value) != simdjson::SUCCESS) {
    throw Decline{};
  }
  return value;
}

// A key read in place, without unescaping: every key a data file may have
// is plain ASCII, so `key.is("name")` compares the bytes after the opening
// quote with `name"`. A key written with an escape matches none and is left
// to the reference loader. The comparison may read past a short key into
// the text after it, which is always followed by the padding.
class Key {
 public:
  explicit Key(simdjson::simdjson_result<od::field>& field) : raw_(take(field.key()).raw()) {}

  bool is(std::string_view name) const {
    return std::memcmp(raw_, name.data(), name.size()) == 0 && raw_[name.size()] == '"';
  }

 private:
  const char* raw_;
};

// A JSON number as written, which is how the reference loader keeps it:
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view t) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      ++i;
    }
    return i > from;
  };
  if (i < t.size() && t[i] == '-') {
    ++i;
  }
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) {
      return false;
    }
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
      ++i;
    }
    if (!digits()) {
      return false;
    }
  }
  return i == t.size();
}

// Without the spaces a raw token may end with.
std::string_view trim_end(std::string_view token) {
  while (token.size() > 1 && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                              token.back() == '\r')) {
    token.remove_suffix(1);
  }
  return token;
}

// A value as it stands in the text, typed by its first character as
// simdjson types it, without its typed accessors: a run reads millions of
// these, and most are only looked at.
struct Token {
  od::json_type type;
  std::string_view text;  // raw: perhaps with spaces after it
};

[[gnu::always_inline]] inline Token token_of(od::value& v) {
  const std::string_view text = v.raw_json_token();
  // A raw token runs up to the next structural character, which after a
  // value is a comma or a closing bracket, never a colon. On-Demand does not
  // look: a string left unread there is skipped as a key, and its "value"
  // with it, as far as the brackets balance. (The byte is readable: at the
  // end of the text it is padding.)
  if (text.data()[text.size()] == ':') {
    throw Decline{};
  }
  const char first = text.front();
  if (first == '"') {
    return {od::json_type::string, text};
  }
  if (first == '-' || (first >= '0' && first <= '9')) {
    return {od::json_type::number, text};
  }
  switch (first) {
    case 'n':
      // simdjson reads a literal only when asked: "nul" or "nullx" would
      // pass for null by their first letter.
      if (trim_end(text) != "null") {
        throw Decline{};
      }
      return {od::json_type::null, text};
    case '{':
      return {od::json_type::object, text};
    case '[':
      return {od::json_type::array, text};
    case 't':
    case 'f':
      return {od::json_type::boolean, text};
    default:
      throw Decline{};
  }
}

// A number token as written, checked to be one.
std::string_view number_text(std::string_view token) {
  token = trim_end(token);
  // The reference loader writes an integer back from its value, which
  // turns -0 into 0; leave that rarity to it.
  if (!is_json_number(token) || token == "-0") {
    throw Decline{};
  }
  return token;
}

// How one document is read.
struct Reading {
  // Copy the text fields only shown in reports.
  bool keep;
  // The document has a backslash somewhere. Most have none, and then no
  // string needs looking at for escapes: one search of the whole line is
  // cheaper than one for every string.
  bool escapes;

  bool may_escape(std::string_view token) const {
    return escapes && token.find('\\') != std::string_view::npos;
  }
};

// A string's text, in place when it has no escapes (simdjson's indexing
// has already checked its UTF-8 and that no control character stands
// unescaped), else unescaped by simdjson.
std::string_view string_text(od::value& v, std::string_view token, Reading reading) {
  // Back to the closing quote: what follows a string before the next
  // structural character is spaces in a valid file, and in an invalid one
  // must not become part of the string.
  while (token.size() > 2 && token.back() != '"') {
    token.remove_suffix(1);
  }
  token = token.substr(1, token.size() - 2);
  if (!reading.may_escape(token)) {
    return token;
  }
  return take(v.get_string());
}

// A text field: a string, or a number kept as written. Null means absent.
bool read_text(od::value v, std::string& out, Reading reading) {
  const Token token = token_of(v);
  switch (token.type) {
    case od::json_type::string:
      out.assign(string_text(v, token.text, reading));
      return true;
    case od::json_type::number:
      out.assign(number_text(token.text));
      return true;
    case od::json_type::null:
      return false;
    default:
      throw Decline{};
  }
}

// A text field only shown in reports (指标值设定依据, 佐证资料, ...). When
// the run has no use for it, it is checked as the reference loader would
// check it but not copied: a string without escapes is valid once simdjson
// has indexed it (UTF-8 and control characters are checked then), and one
// with escapes is unescaped to check them.
void read_description(od::value v, std::string& out, Reading reading) {
  if (reading.keep) {
    if (!read_text(v, out, reading)) {
      out.clear();
    }
    return;
  }
  out.clear();
  const Token token = token_of(v);
  switch (token.type) {
    case od::json_type::string:
      if (reading.may_escape(token.text)) {
        (void)take(v.get_string());
      }
      return;
    case od::json_type::number:
      (void)number_text(token.text);
      return;
    case od::json_type::null:
      return;
    default:
      throw Decline{};
  }
}

void read_optional_text(od::value v, std::optional<std::string>& out, Reading reading) {
  if (!out) {
    out.emplace();
  }
  if (!read_text(v, *out, reading)) {
    out.reset();
  }
}

Rational read_amount(od::value v, Reading reading) {
  std::string text;
  if (!read_text(v, text, reading)) {
    throw Decline{};
  }
  try {
    if (auto value = Rational::parse(text)) {
      return *value;
    }
  } catch (const ArithmeticError&) {
  }
  throw Decline{};
}

// Each key of an object at most once: the reference loader refuses a
// repeated key, so a repeat is left to it.
class Seen {
 public:
  void mark(unsigned bit) {
    if (bits_ & (1u << bit)) {
      throw Decline{};
    }
    bits_ |= 1u << bit;
  }
  bool has(unsigned bit) const { return (bits_ & (1u << bit)) != 0; }

 private:
  std::uint32_t bits_ = 0;
};

void read_reported(od::value v, Reported& out, Reading reading) {
  out.rate.reset();
  out.score.reset();
  if (token_of(v).type == od::json_type::null) {
    return;
  }
  Seen seen;
  for (auto field : take(v.get_object())) {
    const Key key(field);
    if (key.is("rate")) {
      seen.mark(0);
      read_optional_text(field.value(), out.rate, reading);
    } else if (key.is("score")) {
      seen.mark(1);
      read_optional_text(field.value(), out.score, reading);
    } else {
      throw Decline{};
    }
  }
}

// One of an object's text fields, by key: marked seen (the first of
// `fields` as bit `first_bit`, the next as the next bit, ...) and returned;
// any other key is declined.
struct TextField {
  std::string_view key;
  std::string* target;
};
std::string& text_field(const Key& key, Seen& seen, unsigned first_bit,
                        std::initializer_list<TextField> fields) {
  unsigned bit = first_bit;
  for (const TextField& field : fields) {
    if (key.is(field.key)) {
      seen.mark(bit);
      return *field.target;
    }
    ++bit;
  }
  throw Decline{};
}

void read_source(od::value v, FundsSource& out, Reading reading) {
  Seen seen;
  out = FundsSource{};
  for (auto field : take(v.get_object())) {
    std::string& target = text_field(Key(field), seen, 0,
                                     {{"name", &out.name},
                                      {"planned", &out.planned},
                                      {"budget", &out.budget},
                                      {"executed", &out.executed}});
    read_description(field.value(), target, reading);
  }
}

void read_funds(od::value v, FundsData& out, Reading reading) {
  Seen seen;
  out.sources.clear();
  out.reported = Reported{};
  out.note.clear();
  out.explanation.clear();
  for (auto field : take(v.get_object())) {
    const Key key(field);
    if (key.is("planned")) {
      seen.mark(0);
      out.planned = read_amount(field.value(), reading);
    } else if (key.is("budget")) {
      seen.mark(1);
      out.budget = read_amount(field.value(), reading);
    } else if (key.is("executed")) {
      seen.mark(2);
      out.executed = read_amount(field.value(), reading);
    } else if (key.is("reported")) {
      seen.mark(3);
      read_reported(field.value(), out.reported, reading);
    } else if (key.is("note")) {
      seen.mark(4);
      read_description(field.value(), out.note, reading);
    } else if (key.is("explanation")) {
      seen.mark(6);
      if (!read_text(field.value(), out.explanation, reading)) {
        out.explanation.clear();
      }
    } else if (key.is("sources")) {
      seen.mark(5);
      for (auto element : take(field.value().get_array())) {
        FundsSource source;
        read_source(take(std::move(element)), source, reading);
        if (reading.keep) {
          out.sources.push_back(std::move(source));
        }
      }
    } else {
      throw Decline{};
    }
  }
  if (!seen.has(0) || !seen.has(1) || !seen.has(2)) {
    throw Decline{};
  }
}

void read_indicator(od::value v, IndicatorData& out, Reading reading) {
  Seen seen;
  out.explanation.clear();
  out.basis.clear();
  out.last_year.clear();
  out.rule.clear();
  out.evidence.clear();
  out.reported = Reported{};
  out.category1.clear();
  out.category2.clear();
  out.weight.clear();
  out.target.clear();
  out.method.clear();
  out.row = 0;
  for (auto field : take(v.get_object())) {
    const Key key(field);
    if (key.is("reported")) {
      seen.mark(0);
      read_reported(field.value(), out.reported, reading);
      continue;
    }
    std::string* target = nullptr;
    unsigned bit = 0;
    if (key.is("name")) {
      target = &out.name, bit = 1;
    } else if (key.is("actual")) {
      target = &out.actual_text, bit = 2;
    } else if (key.is("explanation")) {
      target = &out.explanation, bit = 3;
    } else if (key.is("basis")) {
      target = &out.basis, bit = 4;
    } else if (key.is("last_year")) {
      target = &out.last_year, bit = 5;
    } else if (key.is("rule")) {
      target = &out.rule, bit = 6;
    } else if (key.is("evidence")) {
      target = &out.evidence, bit = 7;
    } else if (key.is("category1")) {
      target = &out.category1, bit = 8;
    } else if (key.is("category2")) {
      target = &out.category2, bit = 9;
    } else if (key.is("weight")) {
      target = &out.weight, bit = 10;
    } else if (key.is("target")) {
      target = &out.target, bit = 11;
    } else if (key.is("method")) {
      target = &out.method, bit = 12;
    } else {
      throw Decline{};
    }
    seen.mark(bit);
    if (bit >= 8 || bit == 6) {
      // The indicator's own row scores a table that carries it, the printed
      // 赋分规则 ("rule") naming its method when "method" does not: kept
      // whatever the run shows.
      if (!read_text(field.value(), *target, reading)) {
        target->clear();
      }
    } else if (bit > 3) {
      read_description(field.value(), *target, reading);
    } else if (!read_text(field.value(), *target, reading)) {
      if (bit <= 2) {
        throw Decline{};  // a name or actual value is required
      }
      target->clear();
    }
  }
  if (!seen.has(1) || !seen.has(2)) {
    throw Decline{};
  }
  if (!parse_value_into(out.actual_text, out.actual)) {
    throw Decline{};
  }
}

void read_goals(od::value v, ProjectData& out, Reading reading) {
  Seen seen;
  for (auto field : take(v.get_object())) {
    std::string& target = text_field(
        Key(field), seen, 0, {{"planned", &out.goals_planned}, {"achieved", &out.goals_achieved}});
    read_description(field.value(), target, reading);
  }
}

void read_year(od::value v, std::optional<int>& out) {
  const Token token = token_of(v);
  if (token.type != od::json_type::number) {
    // The reference loader ignores a year that is not an integer, except
    // that anything else than text or null would be no valid file at all.
    if (token.type != od::json_type::string && token.type != od::json_type::null) {
      throw Decline{};
    }
    return;
  }
  if (number_text(token.text).find_first_of(".eE") != std::string_view::npos) {
    return;  // a fraction is not a year; the reference loader ignores it too
  }
  const std::int64_t year = take(v.get_int64());
  if (year < INT32_MIN || year > INT32_MAX) {
    throw Decline{};
  }
  out = static_cast<int>(year);
}

void read_project(od::document& doc, ProjectData& out, Reading reading) {
  Seen seen;
  std::size_t count = 0;
  for (auto field : take(doc.get_object())) {
    const Key key(field);
    if (key.is("funds")) {
      seen.mark(0);
      read_funds(field.value(), out.funds, reading);
    } else if (key.is("indicators")) {
      seen.mark(1);
      for (auto element : take(field.value().get_array())) {
        if (count == out.indicators.size()) {
          out.indicators.emplace_back();
        }
        read_indicator(take(std::move(element)), out.indicators[count++], reading);
      }
    } else if (key.is("project")) {
      seen.mark(2);
      if (!read_text(field.value(), out.project, reading)) {
        throw Decline{};
      }
    } else if (key.is("year")) {
      seen.mark(3);
      read_year(field.value(), out.year);
    } else if (key.is("reported_total")) {
      seen.mark(4);
      read_optional_text(field.value(), out.reported_total, reading);
    } else if (key.is("goals")) {
      seen.mark(5);
      read_goals(field.value(), out, reading);
    } else if (key.is("policy")) {
      seen.mark(10);
      if (!read_text(field.value(), out.policy, reading)) {
        out.policy.clear();
      }
    } else if (key.is("kind")) {
      seen.mark(6);
      read_description(field.value(), out.kind, Reading{true, reading.escapes});
    } else {
      std::string& target = text_field(key, seen, 7,
                                       {{"department", &out.department},
                                        {"implementer", &out.implementer},
                                        {"source", &out.source}});
      read_description(field.value(), target, reading);
    }
  }
  if (!seen.has(0) || !seen.has(1) || !seen.has(2)) {
    throw Decline{};
  }
  out.indicators.resize(count);
}

}  // namespace

static_assert(FastDataLoader::kPadding >= simdjson::SIMDJSON_PADDING);

struct FastDataLoader::Impl {
  od::parser parser;
  std::string buffer;  // a copy of unpadded text, with the padding after it
  bool keep_descriptions;
};

FastDataLoader::FastDataLoader(bool keep_descriptions) : impl_(std::make_unique<Impl>()) {
  impl_->keep_descriptions = keep_descriptions;
}
FastDataLoader::~FastDataLoader() = default;

bool FastDataLoader::load(std::string_view json, std::string_view file, ProjectData& out) {
  std::string& buffer = impl_->buffer;
  buffer.reserve(json.size() + kPadding);
  buffer.assign(json);
  return load_padded(buffer, file, out);
}

bool FastDataLoader::load_padded(std::string_view json, std::string_view file, ProjectData& out) {
  // Fields a file may leave out start empty, whatever an earlier file held.
  out.kind.clear();
  out.year.reset();
  out.department.clear();
  out.implementer.clear();
  out.goals_planned.clear();
  out.goals_achieved.clear();
  out.source.clear();
  out.reported_total.reset();
  out.policy.clear();
  // JSON gives no worksheet places; the strings keep their storage.
  SheetPlaces& places = out.places;
  for (std::string* column : {&places.sheet, &places.actual, &places.weight, &places.target,
                              &places.method, &places.explanation, &places.rate, &places.score}) {
    column->clear();
  }
  try {
    od::document doc = take(impl_->parser.iterate(
        simdjson::padded_string_view(json.data(), json.size(), json.size() + kPadding)));
    const Reading reading{impl_->keep_descriptions,
                          std::memchr(json.data(), '\\', json.size()) != nullptr};
    read_project(doc, out, reading);
    // Anything after the object is for the reference loader to report.
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
      return false;
    }
  } catch (const Decline&) {
    return false;
  } catch (const simdjson::simdjson_error&) {
    return false;
  }
  out.file.assign(file);
  return true;
}

}  // namespace perfeval
