#include "perfeval/lang/formatter.hpp"

// How it works: the file is parsed (it must be valid, and the AST gives the
// byte ranges of the targets); a small lexer cuts the original text into
// tokens, keeping comments and counting the line ends before each token; a
// walker that knows the shape of each construct turns the tokens into lines;
// the columns of indicators and assignments are aligned; the lines are
// written out. Finally the result is parsed again and must give the same AST.
//
// No PEGTL here: the walker trusts that the file parsed, so it only has to
// find where each construct ends, not to check it.

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "perfeval/lang/ast_dump.hpp"
#include "perfeval/lang/parser.hpp"

namespace perfeval {

namespace {

constexpr std::size_t npos = std::string::npos;

// ---- tokens

enum class Tok { word, quoted, number, symbol, target, comment, end };

struct Token {
  Tok kind = Tok::end;
  std::string_view text;       // as written (a comment without its trailing spaces)
  std::uint32_t offset = 0;    // where it starts, for a message
  std::uint32_t newlines = 0;  // line ends between the previous token and this one
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// In a file that parses, a non-ASCII byte outside quotes, comments and
// targets can only belong to a bare name.
bool is_name_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || is_digit(c) || u == '_' || u >= 0x80;
}

bool is_symbol(const Token& t, std::string_view s) {
  return t.kind == Tok::symbol && t.text == s;
}

std::size_t count_while(std::string_view text, std::size_t at, bool (*pred)(char)) {
  while (at < text.size() && pred(text[at])) ++at;
  return at;
}

// The kind and length of the token at the start of `rest`; targets are
// handled by the caller, since only the grammar knows where one ends.
std::pair<Tok, std::size_t> scan(std::string_view rest) {
  const char c = rest.front();
  if (rest.starts_with("//"))
    return {Tok::comment, std::min(rest.find('\n'), rest.size())};
  if (c == '"') {
    std::size_t i = 1;
    while (i < rest.size() && rest[i] != '"' && rest[i] != '\n') i += rest[i] == '\\' ? 2 : 1;
    return {Tok::quoted, std::min(i + 1, rest.size())};
  }
  if (is_digit(c)) {  // 10, 2.5, 100%
    std::size_t i = count_while(rest, 0, is_digit);
    if (i + 1 < rest.size() && rest[i] == '.' && is_digit(rest[i + 1]))
      i = count_while(rest, i + 1, is_digit);
    if (i < rest.size() && rest[i] == '%')
      ++i;
    return {Tok::number, i};
  }
  if (is_name_byte(c))
    return {Tok::word, count_while(rest, 0, is_name_byte)};
  if (rest.size() >= 2 && rest[1] == '=' && (c == '!' || c == '<' || c == '>'))
    return {Tok::symbol, 2};
  if (rest.starts_with(".."))  // between the ends of a grade's band
    return {Tok::symbol, 2};
  return {Tok::symbol, 1};
}

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The tokens of `text`, ending with a Tok::end. `targets` are the byte
// ranges of the indicators' targets, each kept as one token exactly as
// written (`>= 13 人` is one value, and the AST keeps its text).
std::vector<Token> lex(std::string_view text, std::vector<SourceRange> targets) {
  std::sort(targets.begin(), targets.end(),
            [](const SourceRange& a, const SourceRange& b) { return a.begin < b.begin; });
  auto next_target = targets.begin();
  std::vector<Token> out;
  std::uint32_t newlines = 0;
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a byte-order mark is not text
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      newlines += c == '\n' ? 1 : 0;
      ++i;
      continue;
    }
    while (next_target != targets.end() && next_target->begin < i) ++next_target;
    Token t;
    t.offset = static_cast<std::uint32_t>(i);
    t.newlines = newlines;
    std::size_t length = 0;
    if (next_target != targets.end() && next_target->begin == i) {
      t.kind = Tok::target;
      length = next_target->end - next_target->begin;
    } else {
      std::tie(t.kind, length) = scan(text.substr(i));
    }
    t.text = text.substr(i, length);
    if (t.kind == Tok::comment)
      t.text = trim_end(t.text);
    out.push_back(t);
    newlines = 0;
    i += length;
  }
  out.push_back(Token{Tok::end, {}, static_cast<std::uint32_t>(text.size()), newlines});
  return out;
}

// ---- keywords: the walker only needs to know which construct starts

// clang-format off
enum class Kw {
  none, policy, method, project, indicator, total, round, rate, explain, funds, weight, grade,
  band, score, met, extends, skip, category, require, if_, then_, else_, and_, or_, not_, true_,
  false_, to_,
};

struct Spelling {
  std::string_view text;
  Kw kw;
};

// The keywords of docs/language.md with their Chinese aliases.
constexpr Spelling kSpellings[] = {
    {"policy", Kw::policy},       {"政策", Kw::policy},
    {"method", Kw::method},       {"方法", Kw::method},   {"赋分规则", Kw::method},
    {"project", Kw::project},     {"项目", Kw::project},
    {"indicator", Kw::indicator}, {"指标", Kw::indicator},
    {"total", Kw::total},         {"总分", Kw::total},
    {"round", Kw::round},         {"舍入", Kw::round},
    {"rate", Kw::rate},           {"完成率", Kw::rate},
    {"explain", Kw::explain},     {"说明", Kw::explain},
    {"funds", Kw::funds},         {"资金", Kw::funds},
    {"weight", Kw::weight},       {"权重", Kw::weight},
    {"grade", Kw::grade},         {"等级", Kw::grade},
    {"band", Kw::band},           {"档次", Kw::band},
    {"score", Kw::score},         {"得分", Kw::score},
    {"met", Kw::met},             {"达标", Kw::met},
    {"extends", Kw::extends},     {"继承", Kw::extends},
    {"skip", Kw::skip},           {"跳过", Kw::skip},
    {"category", Kw::category},   {"类别", Kw::category},
    {"require", Kw::require},     {"要求", Kw::require},
    {"至", Kw::to_},
    {"if", Kw::if_},              {"如果", Kw::if_},
    {"then", Kw::then_},          {"则", Kw::then_},
    {"else", Kw::else_},          {"否则", Kw::else_},
    {"and", Kw::and_},            {"并且", Kw::and_},
    {"or", Kw::or_},              {"或者", Kw::or_},
    {"not", Kw::not_},            {"非", Kw::not_},
    {"true", Kw::true_},          {"真", Kw::true_},
    {"false", Kw::false_},        {"假", Kw::false_},
};
// clang-format on

Kw keyword(const Token& t) {
  if (t.kind != Tok::word)
    return Kw::none;
  for (const Spelling& s : kSpellings)
    if (s.text == t.text)
      return s.kw;
  return Kw::none;
}

// Words a formula reserves for its own syntax (never a variable or function).
bool is_formula_keyword(Kw kw) {
  return kw == Kw::if_ || kw == Kw::then_ || kw == Kw::else_ || kw == Kw::and_ || kw == Kw::or_ ||
         kw == Kw::not_ || kw == Kw::to_;
}

// Whether `t` can be the last token of an operand: after one, only an
// operator, `then`, `else` or a call's `(` can continue a formula.
bool ends_operand(const Token& t) {
  switch (t.kind) {
    case Tok::number:
    case Tok::quoted:
      return true;
    case Tok::symbol:
      return t.text == ")";
    case Tok::word:
      return !is_formula_keyword(keyword(t));
    default:
      return false;
  }
}

// A function name: `min` in `min(a, b)`.
bool is_callable(const Token& t) {
  const Kw kw = keyword(t);
  return t.kind == Tok::quoted ||
         (t.kind == Tok::word && !is_formula_keyword(kw) && kw != Kw::true_ && kw != Kw::false_);
}

bool is_binary_symbol(const Token& t) {
  static constexpr std::string_view kOps[] = {"+", "-", "*", "/", "=", "!=", "<", "<=", ">", ">="};
  return t.kind == Tok::symbol &&
         std::find(std::begin(kOps), std::end(kOps), t.text) != std::end(kOps);
}

// Whether a formula whose last token is `prev` (outside brackets) goes on with
// `next`; if not, `next` starts the next statement (or is the block's `}`).
bool continues(const Token& prev, const Token& next) {
  if (!ends_operand(prev))
    return true;
  if (is_binary_symbol(next))
    return true;
  if (is_symbol(next, "("))
    return is_callable(prev);
  if (is_symbol(next, ".."))  // grade W = LOW .. HIGH is one formula line
    return true;
  const Kw kw = keyword(next);
  return kw == Kw::and_ || kw == Kw::or_ || kw == Kw::then_ || kw == Kw::else_ || kw == Kw::to_;
}

// Joins tokens with the canonical spacing: one space between tokens, except
// inside brackets, before `,`, before a call's `(` and after a unary minus.
class Joiner {
 public:
  void add(std::string& out, const Token& t) {
    const bool unary = is_symbol(t, "-") && (prev_ == nullptr || !ends_operand(*prev_));
    if (prev_ != nullptr && !line_start_ && space_between(*prev_, t))
      out += ' ';
    out += t.text;
    prev_ = &t;
    prev_unary_ = unary;
    line_start_ = false;
  }
  // The next token starts a line of its own: no space before it.
  void new_line() { line_start_ = true; }
  const Token* last() const { return prev_; }

 private:
  bool space_between(const Token& a, const Token& b) const {
    if (is_symbol(a, "(") || is_symbol(b, ")") || is_symbol(b, ","))
      return false;
    if (prev_unary_)
      return is_symbol(b, "-");  // `- -a`, not `--a`
    return !(is_symbol(b, "(") && is_callable(a));
  }

  const Token* prev_ = nullptr;
  bool prev_unary_ = false;
  bool line_start_ = false;
};

std::string join(const std::vector<const Token*>& tokens) {
  std::string out;
  Joiner joiner;
  for (const Token* t : tokens) joiner.add(out, *t);
  return out;
}

// ---- lines

enum class LineKind {
  plain,         // a header, a `}`, a simple statement, a statement with a formula
  comment,       // a comment on its own line
  indicator,     // cells: indicator NAME | weight N | target T | method M
  assignment,    // cells: rate | = FORMULA (also score, met)
  category,      // cells: category PATH | weight N
  continuation,  // a further line of a formula (or a comment among its lines)
};

struct Line {
  LineKind kind = LineKind::plain;
  std::size_t indent = 0;          // columns; a continuation's is found when written
  std::vector<std::string> cells;  // columns to align; one cell when nothing is aligned
  std::string comment;             // after the code, or the whole line
  bool blank_before = false;
  bool opens_block = false;
  std::size_t anchor = 0;         // continuation: the first line of its statement
  std::size_t formula_at = npos;  // where the formula starts in the last cell, in columns
};

// The tokens did not have the shape the walker expects: a formatter bug.
struct LayoutError {
  std::uint32_t offset;
};

// Walks the tokens of a valid file construct by construct, making lines.
class Layout {
 public:
  explicit Layout(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  std::vector<Line> run() {
    for (;;) {
      own_line_comments();
      if (peek().kind == Tok::end)
        break;
      declaration();
    }
    return std::move(lines_);
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  // The token `ahead` places on, comments not counted.
  const Token& peek(std::size_t ahead) const {
    std::size_t at = pos_;
    for (std::size_t seen = 0; tokens_[at].kind != Tok::end; ++at) {
      if (tokens_[at].kind != Tok::comment && seen++ == ahead)
        break;
    }
    return tokens_[at];
  }
  const Token& take() {
    const Token& t = tokens_[pos_];
    if (t.kind == Tok::end)
      fail(t);
    ++pos_;
    return t;
  }
  // The next token that is not a comment.
  const Token& peek_code() const {
    std::size_t i = pos_;
    while (tokens_[i].kind == Tok::comment) ++i;
    return tokens_[i];
  }
  [[noreturn]] static void fail(const Token& t) { throw LayoutError{t.offset}; }

  std::size_t add(Line line) {
    line.blank_before = blank_ && !lines_.empty() && !lines_.back().opens_block;
    blank_ = false;
    if (line.kind != LineKind::continuation)
      line.indent = 2 * depth_;
    lines_.push_back(std::move(line));
    return lines_.size() - 1;
  }

  void own_line_comments() {
    while (peek().kind == Tok::comment) {
      blank_ = peek().newlines >= 2;
      Line line;
      line.kind = LineKind::comment;
      line.comment = take().text;
      add(std::move(line));
    }
  }

  // A comment after the code on the line just made stays at its end.
  void trailing_comment() {
    if (peek().kind == Tok::comment && peek().newlines == 0 && !lines_.empty())
      lines_.back().comment = take().text;
  }

  // The next `n` tokens of a construct laid out on one line. A comment among
  // them cannot stay there, so it goes on its own line above the construct.
  std::vector<const Token*> collect(std::size_t n) {
    blank_ = peek().newlines >= 2;
    std::vector<const Token*> out;
    while (out.size() < n) {
      const Token& t = take();
      if (t.kind != Tok::comment) {
        out.push_back(&t);
        continue;
      }
      Line line;
      line.kind = LineKind::comment;
      line.comment = t.text;
      add(std::move(line));
    }
    return out;
  }

  void declaration() {
    switch (keyword(peek())) {
      case Kw::policy:  // policy NAME [extends BASE] {
        open_block(keyword(peek(2)) == Kw::extends ? 4 : 2);
        return body(&Layout::statement);
      case Kw::method:  // method NAME {
        open_block(2);
        return body(&Layout::statement);
      case Kw::project:  // project NAME policy NAME {
        open_block(4);
        return body(&Layout::project_item);
      default:
        fail(peek());
    }
  }

  // A category weight or a group of indicators.
  void project_item() {
    if (keyword(peek()) == Kw::category)
      return category();
    group();
  }

  // 一级 / 二级 { indicators }
  void group() {
    open_block(3);
    body(&Layout::indicator);
  }

  // category 一级 [/ 二级] weight N
  void category() {
    const auto t = collect(is_symbol(peek(2), "/") ? 6 : 4);
    const std::size_t path = t.size() - 2;
    Line line;
    line.kind = LineKind::category;
    line.cells = {join({t.begin(), t.begin() + static_cast<std::ptrdiff_t>(path)}),
                  join({t.begin() + static_cast<std::ptrdiff_t>(path), t.end()})};
    add(std::move(line));
    trailing_comment();
  }

  // A header of `words` tokens and its `{`, on one line.
  void open_block(std::size_t words) {
    const auto tokens = collect(words + 1);
    if (!is_symbol(*tokens.back(), "{"))
      fail(*tokens.back());
    Line line;
    line.cells = {join(tokens)};
    line.opens_block = true;
    add(std::move(line));
    trailing_comment();
    ++depth_;
  }

  // The items of a block, up to and including its `}`.
  void body(void (Layout::*item)()) {
    for (;;) {
      own_line_comments();
      if (is_symbol(peek(), "}"))
        break;
      (this->*item)();
    }
    take();
    --depth_;
    blank_ = false;
    Line line;
    line.cells = {"}"};
    add(std::move(line));
    trailing_comment();
  }

  // One statement of a policy, method or funds block.
  void statement() {
    switch (keyword(peek())) {
      case Kw::funds:  // funds {
        open_block(1);
        return body(&Layout::statement);
      case Kw::method:  // a policy's own method NAME {
        open_block(2);
        return body(&Layout::statement);
      case Kw::total:  // total 100, or total = FORMULA
        if (is_symbol(peek(1), "="))
          return formula_statement(2, LineKind::plain);
        return simple(2);
      case Kw::weight:  // weight 10
      case Kw::skip:    // skip 不适用
        return simple(2);
      case Kw::category:  // category 一级 [/ 二级] weight N
        return category();
      case Kw::require:  // require FORMULA
        return formula_statement(1, LineKind::plain);
      case Kw::round:  // round score 2
        return simple(3);
      case Kw::band:  // band 优 >= 90
        return simple(4);
      case Kw::explain:  // explain when FORMULA
        return formula_statement(2, LineKind::plain);
      case Kw::grade:  // grade WORD = FORMULA
        return formula_statement(3, LineKind::plain);
      case Kw::rate:  // rate = FORMULA
      case Kw::score:
      case Kw::met:
        return formula_statement(2, LineKind::assignment);
      default:
        fail(peek());
    }
  }

  void simple(std::size_t words) {
    Line line;
    line.cells = {join(collect(words))};
    add(std::move(line));
    trailing_comment();
  }

  // indicator NAME weight N target T method M
  void indicator() {
    if (keyword(peek()) != Kw::indicator)
      fail(peek());
    const auto t = collect(8);
    if (t[5]->kind != Tok::target)
      fail(*t[5]);
    Line line;
    line.kind = LineKind::indicator;
    for (std::size_t i = 0; i < 8; i += 2) line.cells.push_back(join({t[i], t[i + 1]}));
    add(std::move(line));
    trailing_comment();
  }

  // A statement whose head (`head_size` tokens, ending in `=` or `when`) is
  // followed by a formula.
  void formula_statement(std::size_t head_size, LineKind kind) {
    const auto head = collect(head_size);
    Line line;
    line.kind = kind;
    if (kind == LineKind::assignment)
      line.cells = {std::string(head[0]->text), std::string(head[1]->text)};
    else
      line.cells = {join(head)};
    formula(add(std::move(line)));
    trailing_comment();
  }

  // The tokens of a formula up to where it ends, keeping its line breaks and
  // the comments among its lines.
  void formula(std::size_t head_line) {
    std::size_t line = head_line;
    Joiner joiner;
    int parens = 0;
    for (;;) {
      const Token* last = joiner.last();
      if (last != nullptr && parens == 0 && !continues(*last, peek_code()))
        return;
      if (peek().kind == Tok::comment) {
        formula_comment(head_line, line);
        continue;
      }
      const Token& t = take();
      if (t.newlines > 0) {
        line = continuation(head_line);
        joiner.new_line();
      } else if (last == nullptr) {  // the formula starts on the head's line
        std::string& cell = lines_[line].cells.back();
        cell += ' ';
        lines_[line].formula_at = display_width(cell);
      }
      joiner.add(lines_[line].cells.back(), t);
      parens += is_symbol(t, "(") ? 1 : is_symbol(t, ")") ? -1 : 0;
    }
  }

  // A comment inside a formula: at the end of the current line, or on a line
  // of its own among the formula's lines.
  void formula_comment(std::size_t head_line, std::size_t& line) {
    const Token& c = take();
    if (c.newlines > 0)
      line = continuation(head_line);
    lines_[line].comment = c.text;
  }

  std::size_t continuation(std::size_t head_line) {
    Line line;
    line.kind = LineKind::continuation;
    line.anchor = head_line;
    line.cells = {""};
    return add(std::move(line));
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::vector<Line> lines_;
  std::size_t depth_ = 0;
  bool blank_ = false;  // the next line follows a blank line
};

// ---- alignment and output

std::string_view separator(LineKind kind) {
  return kind == LineKind::indicator || kind == LineKind::category ? "  " : " ";
}

// Pads every cell but the last of the lines in `run` to the widest in its
// column.
void pad(std::vector<Line>& lines, const std::vector<std::size_t>& run) {
  const std::size_t columns = lines[run.front()].cells.size() - 1;
  for (std::size_t c = 0; c < columns; ++c) {
    std::size_t widest = 0;
    for (const std::size_t i : run) widest = std::max(widest, display_width(lines[i].cells[c]));
    for (const std::size_t i : run)
      lines[i].cells[c].append(widest - display_width(lines[i].cells[c]), ' ');
  }
}

// Lines up the columns of consecutive lines of `kind`. Comments and a
// formula's further lines between them do not break the run; a blank line or
// any other line does.
void align(std::vector<Line>& lines, LineKind kind) {
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].kind != kind) {
      ++i;
      continue;
    }
    std::vector<std::size_t> run{i};
    std::size_t j = i + 1;
    for (; j < lines.size() && !lines[j].blank_before; ++j) {
      if (lines[j].kind == kind)
        run.push_back(j);
      else if (lines[j].kind != LineKind::comment && lines[j].kind != LineKind::continuation)
        break;
    }
    pad(lines, run);
    i = j;
  }
}

std::string render(const std::vector<Line>& lines) {
  std::string out;
  std::vector<std::size_t> formula_column(lines.size(), npos);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    std::size_t indent = line.indent;
    if (line.kind == LineKind::continuation) {
      const std::size_t a = line.anchor;
      indent = formula_column[a] != npos ? formula_column[a] : lines[a].indent + 2;
    }
    std::string text;
    for (const std::string& cell : line.cells) {
      if (!text.empty())
        text += separator(line.kind);
      text += cell;
    }
    if (line.formula_at != npos)
      formula_column[i] =
          indent + display_width(text) - display_width(line.cells.back()) + line.formula_at;
    if (line.blank_before)
      out += '\n';
    out.append(indent, ' ');
    out += text;
    if (!line.comment.empty())
      out.append(text.empty() ? "" : "  ").append(line.comment);
    out += '\n';
  }
  return out;
}

// ---- the check that formatting kept the meaning

std::vector<SourceRange> target_ranges(const ast::RuleFile& file) {
  std::vector<SourceRange> out;
  for (const auto& project : file.projects)
    for (const auto& indicator : project.indicators) out.push_back(indicator.target.range);
  return out;
}

// The AST dump without its `@line:column` positions.
std::string without_positions(std::string_view dump) {
  std::string out;
  for (std::size_t i = 0; i < dump.size(); ++i) {
    if (dump[i] == '@' && i + 1 < dump.size() && is_digit(dump[i + 1])) {
      std::size_t j = count_while(dump, i + 1, is_digit);
      if (j + 1 < dump.size() && dump[j] == ':' && is_digit(dump[j + 1])) {
        i = count_while(dump, j + 1, is_digit) - 1;
        continue;
      }
    }
    out += dump[i];
  }
  return out;
}

bool same_meaning(const ast::RuleFile& original, const SourceManager& sources,
                  const std::string& formatted) {
  SourceManager again;
  DiagnosticSink quiet;
  const FileId id = again.add("formatted", formatted);
  const auto reparsed = parse_rules(id, again, quiet);
  return reparsed &&
         without_positions(dump(*reparsed, again)) == without_positions(dump(original, sources));
}

}  // namespace

std::optional<std::string> format_rules(FileId file, const SourceManager& sources,
                                        DiagnosticSink& sink) {
  const auto parsed = parse_rules(file, sources, sink);
  if (!parsed)
    return std::nullopt;
  std::string out;
  try {
    std::vector<Line> lines = Layout(lex(sources.get(file).text(), target_ranges(*parsed))).run();
    align(lines, LineKind::indicator);
    align(lines, LineKind::assignment);
    align(lines, LineKind::category);
    out = render(lines);
  } catch (const LayoutError& e) {
    sink.error("format-failed", {file, e.offset, e.offset});
    return std::nullopt;
  }
  // The layout only moves whitespace and comments; if the meaning changed
  // anyway, that is a bug here, and the file must not be overwritten.
  if (!same_meaning(*parsed, sources, out)) {
    sink.error("format-failed", {file, 0, 0});
    return std::nullopt;
  }
  return out;
}

}  // namespace perfeval
