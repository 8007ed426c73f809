#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "perfeval/runtime/data.hpp"
#include "perfeval/values/utf8.hpp"

namespace perfeval {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxDepth = 64;

// Builds the JSON tree with two differences from nlohmann's own parser:
// numbers with a fraction keep their written text (as strings), so 13.41 is
// read exactly rather than through a double; and a key that appears twice in
// one object is an error rather than a silent overwrite.
class ExactSax {
 public:
  bool null() { return put(json(nullptr)); }
  bool boolean(bool v) { return put(json(v)); }
  bool number_integer(json::number_integer_t v) { return put(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
  bool number_float(json::number_float_t, const json::string_t& text) { return put(json(text)); }
  bool string(json::string_t& v) { return put(json(std::move(v))); }
  bool binary(json::binary_t&) { return put(json()); }

  bool start_object(std::size_t) { return open(json::object()); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& k) {
    json& object = *stack_.back();
    if (object.contains(k)) {
      duplicate_key_ = k;
      return false;
    }
    key_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    error_position_ = position;
    error_message_ = e.what();
    return false;
  }

  json root;
  std::optional<std::string> duplicate_key_;
  bool too_deep_ = false;
  std::size_t error_position_ = 0;
  std::string error_message_;

 private:
  bool put(json value) {
    if (stack_.empty()) {
      root = std::move(value);
      return true;
    }
    json& parent = *stack_.back();
    if (parent.is_object()) {
      parent[key_] = std::move(value);
    } else {
      parent.push_back(std::move(value));
    }
    return true;
  }

  bool open(json container) {
    if (stack_.size() >= kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    json* slot = nullptr;
    if (stack_.empty()) {
      root = std::move(container);
      slot = &root;
    } else if (json& parent = *stack_.back(); parent.is_object()) {
      slot = &(parent[key_] = std::move(container));
    } else {
      parent.push_back(std::move(container));
      slot = &parent.back();
    }
    stack_.push_back(slot);
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  std::vector<json*> stack_;
  std::string key_;
};

// Reads fields of one data file and reports what is wrong with them, naming
// the file, the project and the field.
class Reader {
 public:
  Reader(const std::string& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

  void error(std::string code, std::vector<std::string> args,
             std::optional<Cause> cause = std::nullopt) {
    sink_.report({Severity::error,
                  std::move(code),
                  std::nullopt,
                  file_,
                  std::move(args),
                  {},
                  std::move(cause)});
    ok_ = false;
  }

  // Text of a field that may be written as a string or a JSON number.
  std::optional<std::string> text(const json& object, const char* key, const std::string& path,
                                  bool required) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) {
        error("data-missing-field", {project_, path + key});
      }
      return std::nullopt;
    }
    if (it->is_string()) {
      return it->get<std::string>();
    }
    if (it->is_number_integer()) {
      return it->dump();
    }
    error("data-wrong-type", {project_, path + key, "text or a number", type_name(*it)});
    return std::nullopt;
  }

  std::string optional_text(const json& object, const char* key, const std::string& path) {
    return text(object, key, path, false).value_or("");
  }

  Rational amount(const json& object, const char* key, const std::string& path) {
    const auto t = text(object, key, path, true);
    if (!t) {
      return Rational();
    }
    try {
      if (auto value = Rational::parse(*t)) {
        return *value;
      }
    } catch (const ArithmeticError&) {
      error("data-number-too-large", {project_, path + key, *t});
      return Rational();
    }
    error("data-bad-amount", {project_, path + key, *t});
    return Rational();
  }

  Reported reported(const json& object, const std::string& path) {
    Reported r;
    const auto it = object.find("reported");
    if (it == object.end() || it->is_null()) {
      return r;
    }
    if (!it->is_object()) {
      error("data-wrong-type", {project_, path + "reported", "an object", type_name(*it)});
      return r;
    }
    r.rate = text(*it, "rate", path + "reported.", false);
    r.score = text(*it, "score", path + "reported.", false);
    return r;
  }

  static std::string type_name(const json& j) {
    switch (j.type()) {
      case json::value_t::object:
        return "an object";
      case json::value_t::array:
        return "a list";
      case json::value_t::string:
        return "text";
      case json::value_t::boolean:
        return "true/false";
      case json::value_t::null:
        return "null";
      default:
        return "a number";
    }
  }

  std::string project_;
  bool ok_ = true;

 private:
  const std::string& file_;
  DiagnosticSink& sink_;
};

void read_funds(Reader& r, const json& root, ProjectData& data) {
  const auto it = root.find("funds");
  if (it == root.end() || !it->is_object()) {
    r.error(it == root.end() ? "data-missing-field" : "data-wrong-type",
            it == root.end() ? std::vector<std::string>{data.project, "funds"}
                             : std::vector<std::string>{data.project, "funds", "an object",
                                                        Reader::type_name(*it)});
    return;
  }
  const json& funds = *it;
  data.funds.planned = r.amount(funds, "planned", "funds.");
  data.funds.budget = r.amount(funds, "budget", "funds.");
  data.funds.executed = r.amount(funds, "executed", "funds.");
  data.funds.reported = r.reported(funds, "funds.");
  data.funds.note = r.optional_text(funds, "note", "funds.");
  data.funds.explanation = r.optional_text(funds, "explanation", "funds.");
  if (const auto sources = funds.find("sources"); sources != funds.end() && sources->is_array()) {
    for (std::size_t k = 0; k < sources->size(); ++k) {
      const json& s = (*sources)[k];
      if (!s.is_object()) {
        continue;
      }
      const std::string path = fmt::format("funds.sources[{}].", k);
      data.funds.sources.push_back(
          {r.optional_text(s, "name", path), r.optional_text(s, "planned", path),
           r.optional_text(s, "budget", path), r.optional_text(s, "executed", path)});
    }
  }
}

void read_indicators(Reader& r, const json& root, ProjectData& data) {
  const auto it = root.find("indicators");
  if (it == root.end() || !it->is_array()) {
    r.error(it == root.end() ? "data-missing-field" : "data-wrong-type",
            it == root.end() ? std::vector<std::string>{data.project, "indicators"}
                             : std::vector<std::string>{data.project, "indicators", "a list",
                                                        Reader::type_name(*it)});
    return;
  }
  for (std::size_t k = 0; k < it->size(); ++k) {
    const json& row = (*it)[k];
    const std::string path = fmt::format("indicators[{}].", k);
    if (!row.is_object()) {
      r.error("data-wrong-type", {data.project, fmt::format("indicators[{}]", k), "an object",
                                  Reader::type_name(row)});
      continue;
    }
    IndicatorData indicator;
    const auto name = r.text(row, "name", path, true);
    if (!name) {
      continue;
    }
    indicator.name = *name;
    const auto actual = r.text(row, "actual", path, false);
    if (!actual) {
      // A value of the wrong type has been reported already.
      if (const auto a = row.find("actual"); a == row.end() || a->is_null()) {
        r.error("data-missing-actual", {data.project, indicator.name});
      }
      continue;
    }
    indicator.actual_text = *actual;
    // A blank 业绩值 was not filled in; "/" (not applicable) is a word the
    // policy may skip.
    if (actual->find_first_not_of(" \t\r\n") == std::string::npos) {
      r.error("data-blank-actual", {data.project, indicator.name});
      continue;
    }
    const auto parsed = parse_value(*actual);
    if (const auto* e = std::get_if<ValueError>(&parsed)) {
      r.error("data-bad-actual", {data.project, indicator.name, *actual}, cause_of(*e));
      continue;
    }
    indicator.actual = std::get<ParsedValue>(parsed);
    indicator.explanation = r.optional_text(row, "explanation", path);
    indicator.basis = r.optional_text(row, "basis", path);
    indicator.last_year = r.optional_text(row, "last_year", path);
    indicator.rule = r.optional_text(row, "rule", path);
    indicator.evidence = r.optional_text(row, "evidence", path);
    indicator.reported = r.reported(row, path);
    // The indicator's own row, for a table that carries its indicator table.
    indicator.category1 = r.optional_text(row, "category1", path);
    indicator.category2 = r.optional_text(row, "category2", path);
    indicator.weight = r.optional_text(row, "weight", path);
    indicator.target = r.optional_text(row, "target", path);
    indicator.method = r.optional_text(row, "method", path);
    data.indicators.push_back(std::move(indicator));
  }
}

// The offset of the bracket that opens level kMaxDepth + 1, or of the end
// of the text: where a too deeply nested file goes too deep.
std::size_t too_deep_offset(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) {
        return i;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

// nlohmann's explanation without its own prefix ("[json.exception.parse_error.101]
// parse error at line 3, column 5: "): the place is shown separately.
// "last read: ..." is left out: it quotes the input, which may not be UTF-8.
std::string json_reason(const std::string& what) {
  const auto colon = what.find(": ");
  std::string reason = what.starts_with("[json.exception.") && colon != std::string::npos
                           ? what.substr(colon + 2)
                           : what;
  return reason.substr(0, reason.find("; last read:"));
}

}  // namespace

std::optional<ProjectData> load_project_data(FileId file, const SourceManager& sources,
                                             DiagnosticSink& sink, std::string_view label) {
  const Source& source = sources.get(file);
  const std::string name = label.empty() ? source.name() : std::string(label);
  ExactSax sax;
  const bool parsed = json::sax_parse(source.text(), &sax, json::input_format_t::json, true);
  if (!parsed) {
    const auto at = [&](std::size_t offset) {
      const auto o = static_cast<std::uint32_t>(std::min(offset, source.text().size()));
      return SourceRange{file, o, o + 1};
    };
    if (source.text().find_first_not_of(" \t\r\n") == std::string::npos) {
      sink.report({Severity::error, "data-empty", std::nullopt, name, {}, {}});
    } else if (sax.duplicate_key_) {
      sink.report(
          {Severity::error, "data-duplicate-key", std::nullopt, name, {*sax.duplicate_key_}, {}});
    } else if (sax.too_deep_) {
      sink.report({Severity::error,
                   "data-too-deep",
                   at(too_deep_offset(source.text())),
                   source.name(),
                   {std::to_string(kMaxDepth)},
                   {}});
    } else if (const auto bad = utf8::find_invalid(source.text())) {
      // Chinese Windows saves "ANSI" text as GBK; perfeval reads UTF-8 only.
      sink.report({Severity::error, "data-not-utf8", at(*bad), source.name(), {}, {}});
    } else {
      // nlohmann counts the position one past the offending character.
      const std::size_t offset = sax.error_position_ > 0 ? sax.error_position_ - 1 : 0;
      const bool cut_off = offset >= source.text().size() ||
                           sax.error_message_.find("unexpected end of input") != std::string::npos;
      sink.report({Severity::error,
                   cut_off ? "data-truncated" : "data-bad-json",
                   at(offset),
                   source.name(),
                   {json_reason(sax.error_message_)},
                   {}});
    }
    return std::nullopt;
  }

  ProjectData data;
  data.file = name;
  Reader r(data.file, sink);
  const json& root = sax.root;
  if (!root.is_object()) {
    r.error("data-not-an-object", {Reader::type_name(root)});
    return std::nullopt;
  }
  const auto project = r.text(root, "project", "", true);
  if (!project) {
    return std::nullopt;
  }
  data.project = *project;
  r.project_ = data.project;
  data.policy = r.optional_text(root, "policy", "");
  data.kind = r.optional_text(root, "kind", "");
  if (const auto year = root.find("year"); year != root.end() && year->is_number_integer()) {
    data.year = year->get<int>();
  }
  data.department = r.optional_text(root, "department", "");
  data.implementer = r.optional_text(root, "implementer", "");
  if (const auto goals = root.find("goals"); goals != root.end() && goals->is_object()) {
    data.goals_planned = r.optional_text(*goals, "planned", "goals.");
    data.goals_achieved = r.optional_text(*goals, "achieved", "goals.");
  }
  data.source = r.optional_text(root, "source", "");
  data.reported_total = r.text(root, "reported_total", "", false);
  read_funds(r, root, data);
  read_indicators(r, root, data);
  if (!r.ok_) {
    return std::nullopt;
  }
  return data;
}

}  // namespace perfeval
