#include "perfeval/lang/formatter.hpp"

// How it works: the file is parsed (it must be valid); the AST keeps every
// comment and line break as the "fodder" before a token, the spelling of
// every keyword and the text of every number, so a walker prints it block by
// block into lines; the columns of indicators and assignments are aligned;
// the lines are written out. Finally the result is parsed again and must give
// the same AST, and every comment must have been printed once.

#include <algorithm>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "keywords.hpp"
#include "perfeval/lang/ast_dump.hpp"
#include "perfeval/lang/parser.hpp"

namespace perfeval {

namespace {

constexpr std::size_t npos = std::string::npos;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t count_while(std::string_view text, std::size_t at, bool (*pred)(char)) {
  while (at < text.size() && pred(text[at])) ++at;
  return at;
}

// ---- words

std::string name(std::string_view text, bool quoted) {
  if (!quoted)
    return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + '"';
}
std::string name(const ast::Name& n) {
  return name(n.text, n.quoted);
}
std::string name(const ast::NameView& n) {
  return name(n.text, n.quoted);
}

std::string_view word(const ast::Item& item, std::size_t i, Keyword k) {
  return spelling(k, i < item.spellings.size() ? item.spellings[i] : 0);
}

// A target's canonical form: the operator, one space, and the value with any
// run of spaces in it made one (`>=  65人` and `>= 65人` are the same line).
std::string canonical_target(std::string_view text) {
  if (text.starts_with('"'))
    return std::string(text);
  const std::size_t op = text.find_first_not_of("<>=");
  if (op == npos)
    return std::string(text);
  std::string out(text.substr(0, op));
  if (op > 0)
    out += ' ';
  bool space = false;
  for (std::size_t i = text.find_first_not_of(" \t", op); i < text.size(); ++i) {
    const bool blank = text[i] == ' ' || text[i] == '\t';
    if (!blank)
      out.append(space ? " " : "").push_back(text[i]);
    space = blank;
  }
  return out;
}

// ---- formulas as tokens

enum class TokKind { plain, open, call_open, close, comma, negate };

struct FormulaToken {
  std::string text;
  const ast::Fodder* fodder;
  TokKind kind = TokKind::plain;
};

constexpr std::string_view kOperators[] = {
    "+", "-", "*", "/", "=", "!=", "<", "<=", ">", ">=", "", ""};

// The tokens of `e` in the order written, each with the fodder before it.
void tokens(const ast::Expr& e, std::vector<FormulaToken>& out) {
  for (const ast::Brackets& b : e.brackets) out.push_back({"(", &b.open, TokKind::open});
  std::visit(
      [&](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::NumberLit>) {
          out.push_back({node.text, &e.fodder});
        } else if constexpr (std::is_same_v<T, ast::BoolLit>) {
          const Keyword k = node.value ? Keyword::true_ : Keyword::false_;
          out.push_back({std::string(spelling(k, node.spelling)), &e.fodder});
        } else if constexpr (std::is_same_v<T, ast::VarRef>) {
          std::string text = name(ast::Name{node.name, {}, node.quoted});
          if (node.row) {
            // One token: a row index is written against its amount.
            text += node.full_width_brackets ? "【" + name(*node.row) + "】"
                                             : "[" + name(*node.row) + "]";
          }
          out.push_back({std::move(text), &e.fodder});
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          if (node.op == ast::UnaryOp::negate)
            out.push_back({"-", &e.fodder, TokKind::negate});
          else
            out.push_back({std::string(spelling(Keyword::not_, node.spelling)), &e.fodder});
          tokens(*node.operand, out);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          tokens(*node.lhs, out);
          std::string op(kOperators[static_cast<int>(node.op)]);
          if (node.op == ast::BinaryOp::logical_and)
            op = spelling(Keyword::and_, node.spelling);
          else if (node.op == ast::BinaryOp::logical_or)
            op = spelling(Keyword::or_, node.spelling);
          out.push_back({std::move(op), &node.op_fodder});
          tokens(*node.rhs, out);
        } else if constexpr (std::is_same_v<T, ast::Conditional>) {
          out.push_back({std::string(spelling(Keyword::if_, node.spellings[0])), &e.fodder});
          tokens(*node.condition, out);
          out.push_back(
              {std::string(spelling(Keyword::then_, node.spellings[1])), &node.then_fodder});
          tokens(*node.then_branch, out);
          out.push_back(
              {std::string(spelling(Keyword::else_, node.spellings[2])), &node.else_fodder});
          tokens(*node.else_branch, out);
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          out.push_back({name(node.function), &e.fodder});
          out.push_back({"(", &node.open_fodder, TokKind::call_open});
          for (std::size_t i = 0; i < node.args.size(); ++i) {
            if (i > 0)
              out.push_back({",", &node.comma_fodder[i - 1], TokKind::comma});
            tokens(node.args[i], out);
          }
          out.push_back({")", &node.close_fodder, TokKind::close});
        }
      },
      e.node);
  for (auto b = e.brackets.rbegin(); b != e.brackets.rend(); ++b)
    out.push_back({")", &b->close, TokKind::close});
}

// The canonical spacing: one space between tokens, except inside brackets,
// before `,`, before a call's `(` and after a unary minus (but `- -a`).
bool space_between(const FormulaToken& a, const FormulaToken& b) {
  if (a.kind == TokKind::open || a.kind == TokKind::call_open || b.kind == TokKind::close ||
      b.kind == TokKind::comma || b.kind == TokKind::call_open)
    return false;
  if (a.kind == TokKind::negate)
    return b.kind == TokKind::negate;
  return true;
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

// ---- the walk over the AST

// Prints a parsed file as lines.
class Printer {
 public:
  explicit Printer(const ast::RuleFile& file) : file_(file) {}

  std::vector<Line> run() {
    for (const ast::Item& item : file_.items) {
      if (item.kind == ast::ItemKind::policy)
        policy(file_.policies[item.index], item);
      else if (item.kind == ast::ItemKind::method)
        method(file_.methods[item.index], item);
      else if (item.kind == ast::ItemKind::use)
        line(
            item, LineKind::plain,
            {std::string(word(item, 0, Keyword::use)) + ' ' + name(file_.uses[item.index].target)});
      else
        project(file_.projects[item.index], item);
    }
    comments(file_.end);
    return std::move(lines_);
  }

  std::size_t comments_printed() const { return comments_printed_; }

 private:
  std::size_t add(Line line) {
    line.blank_before = blank_ && !lines_.empty() && !lines_.back().opens_block;
    blank_ = false;
    if (line.kind != LineKind::continuation)
      line.indent = 2 * depth_;
    lines_.push_back(std::move(line));
    return lines_.size() - 1;
  }

  // The comments before an item: one that ended the line of the code before
  // stays there; the others get lines of their own.
  void comments(const ast::Fodder& f) {
    for (const ast::Comment& c : f.comments) {
      ++comments_printed_;
      if (!c.own_line && !lines_.empty() && lines_.back().comment.empty()) {
        lines_.back().comment = c.text;
        continue;
      }
      blank_ = c.blank_before;
      Line line;
      line.kind = LineKind::comment;
      line.comment = c.text;
      add(std::move(line));
    }
    blank_ = f.blank_line;
  }

  void line(const ast::Item& item, LineKind kind, std::vector<std::string> cells) {
    comments(item.fodder);
    Line out;
    out.kind = kind;
    out.cells = std::move(cells);
    add(std::move(out));
  }

  void open(const ast::Item& item, std::string header) {
    comments(item.fodder);
    Line out;
    out.cells = {std::move(header) + " {"};
    out.opens_block = true;
    add(std::move(out));
    ++depth_;
  }

  void close(const ast::Fodder& f) {
    comments(f);
    --depth_;
    blank_ = false;
    Line out;
    out.cells = {"}"};
    add(std::move(out));
  }

  // ---- declarations and blocks

  void policy(const ast::Policy& p, const ast::Item& item) {
    std::string header = std::string(word(item, 0, Keyword::policy)) + ' ' + name(p.name);
    if (p.base)
      header +=
          std::string(" ") + std::string(word(item, 1, Keyword::extends)) + ' ' + name(*p.base);
    open(item, std::move(header));
    for (const ast::Item& s : p.items) policy_statement(p, s);
    close(p.close);
  }

  void policy_statement(const ast::Policy& p, const ast::Item& s) {
    using K = ast::ItemKind;
    switch (s.kind) {
      case K::total:
        return line(s, LineKind::plain, {std::string(word(s, 0, Keyword::total)) + ' ' + s.number});
      case K::total_formula:
        return formula_statement(s, {std::string(word(s, 0, Keyword::total)) + " ="},
                                 LineKind::plain, *p.total_formula);
      case K::skip:
        return line(s, LineKind::plain,
                    {std::string(word(s, 0, Keyword::skip)) + ' ' + name(p.skip_words[s.index])});
      case K::placeholder: {
        std::string text(word(s, 0, Keyword::placeholder));
        for (const ast::Name& w : p.placeholders[s.index]) text += ' ' + name(w);
        return line(s, LineKind::plain, {std::move(text)});
      }
      case K::round_score:
      case K::round_rate: {
        std::string text =
            std::string(word(s, 0, Keyword::round)) + ' ' +
            std::string(word(s, 1, s.kind == K::round_score ? Keyword::score : Keyword::rate)) +
            ' ' + s.number;
        if (s.kind == K::round_score && p.score_rounding != ast::Rounding::half_up)
          text +=
              ' ' + std::string(word(
                        s, 2, p.score_rounding == ast::Rounding::up ? Keyword::up : Keyword::down));
        return line(s, LineKind::plain, {std::move(text)});
      }
      case K::explain:
        return explain(s, *p.explain_when);
      case K::funds:
        return funds(*p.funds, s);
      case K::grade:
        return grade(s, p.grades[s.index]);
      case K::band:
        return line(s, LineKind::plain,
                    {std::string(word(s, 0, Keyword::band)) + ' ' + name(p.bands[s.index].label) +
                     " >= " + s.number});
      case K::method:
        return method(p.methods[s.index], s);
      case K::category:
        return category(s, p.categories[s.index]);
      default:
        return;
    }
  }

  void funds(const ast::FundsRule& f, const ast::Item& item) {
    open(item, std::string(word(item, 0, Keyword::funds)));
    for (const ast::Item& s : f.items) {
      using K = ast::ItemKind;
      if (s.kind == K::weight)
        line(s, LineKind::plain, {std::string(word(s, 0, Keyword::weight)) + ' ' + s.number});
      else if (s.kind == K::rate)
        assignment(s, Keyword::rate, *f.rate);
      else if (s.kind == K::score)
        assignment(s, Keyword::score, *f.score);
      else if (s.kind == K::explain)
        explain(s, *f.explain_when);
    }
    close(f.close);
  }

  void method(const ast::Method& m, const ast::Item& item) {
    open(item, std::string(word(item, 0, Keyword::method)) + ' ' + name(m.name));
    for (const ast::Item& s : m.items) {
      using K = ast::ItemKind;
      if (s.kind == K::grade)
        grade(s, m.grades[s.index]);
      else if (s.kind == K::met)
        assignment(s, Keyword::met, *m.met);
      else if (s.kind == K::rate)
        assignment(s, Keyword::rate, *m.rate);
      else if (s.kind == K::score)
        assignment(s, Keyword::score, *m.score);
      else if (s.kind == K::explain)
        explain(s, *m.explain_when);
      else if (s.kind == K::require)
        formula_statement(s, {std::string(word(s, 0, Keyword::require))}, LineKind::plain,
                          m.requirements[s.index]);
    }
    close(m.close);
  }

  void project(const ast::Project& p, const ast::Item& item) {
    open(item, std::string(word(item, 0, Keyword::project)) + ' ' + name(p.name) + ' ' +
                   std::string(word(item, 1, Keyword::policy)) + ' ' + name(p.policy));
    for (const ast::Item& s : p.items) {
      if (s.kind == ast::ItemKind::category) {
        category(s, p.categories[s.index]);
        continue;
      }
      const ast::Group& group = p.groups[s.index];
      open(s, name(group.category1) + " / " + name(group.category2));
      for (const ast::Item& i : group.items) indicator(i, p.indicators[i.index]);
      close(group.close);
    }
    close(p.close);
  }

  // ---- lines

  // indicator NAME  weight N  target T  method M
  void indicator(const ast::Item& s, const ast::Indicator& i) {
    line(s, LineKind::indicator,
         {std::string(word(s, 0, Keyword::indicator)) + ' ' + name(i.name),
          std::string(word(s, 1, Keyword::weight)) + ' ' + s.number,
          std::string(word(s, 2, Keyword::target)) + ' ' + canonical_target(i.target.text),
          std::string(word(s, 3, Keyword::method)) + ' ' + name(i.method)});
  }

  // category 一级 [/ 二级]  weight N
  void category(const ast::Item& s, const ast::CategoryWeight& c) {
    std::string path = std::string(word(s, 0, Keyword::category)) + ' ' + name(c.category1);
    if (c.category2)
      path += " / " + name(*c.category2);
    line(s, LineKind::category,
         {std::move(path), std::string(word(s, 1, Keyword::weight)) + ' ' + s.number});
  }

  void explain(const ast::Item& s, const ast::Expr& e) {
    formula_statement(
        s,
        {std::string(word(s, 0, Keyword::explain)) + ' ' + std::string(word(s, 1, Keyword::when))},
        LineKind::plain, e);
  }

  // rate = ..., score = ..., met = ...: the `=` are aligned.
  void assignment(const ast::Item& s, Keyword k, const ast::Expr& e) {
    formula_statement(s, {std::string(word(s, 0, k)), "="}, LineKind::assignment, e);
  }

  // grade WORD = SHARE, or grade WORD = LOW .. HIGH
  void grade(const ast::Item& s, const ast::GradeDef& g) {
    std::vector<FormulaToken> formula;
    if (g.low) {
      tokens(*g.low, formula);
      const bool word_to = s.spellings.size() > 1 && s.spellings[1] == 1;
      formula.push_back({word_to ? std::string(spelling(Keyword::to, 0)) : "..", &g.to_fodder});
    }
    tokens(g.share, formula);
    const std::string head = std::string(word(s, 0, Keyword::grade)) + ' ' + name(g.word) + " =";
    comments(s.fodder);
    Line out;
    out.cells = {head};
    lay_out(add(std::move(out)), formula);
  }

  void formula_statement(const ast::Item& s, std::vector<std::string> head, LineKind kind,
                         const ast::Expr& e) {
    std::vector<FormulaToken> formula;
    tokens(e, formula);
    comments(s.fodder);
    Line out;
    out.kind = kind;
    out.cells = std::move(head);
    lay_out(add(std::move(out)), formula);
  }

  // The tokens of a formula after its head, keeping its line breaks and the
  // comments among its lines.
  void lay_out(std::size_t head_line, const std::vector<FormulaToken>& formula) {
    std::size_t at = head_line;
    const FormulaToken* previous = nullptr;
    bool line_start = false;
    for (const FormulaToken& t : formula) {
      for (const ast::Comment& c : t.fodder->comments) {
        ++comments_printed_;
        if (c.own_line || !lines_[at].comment.empty())
          at = continuation(head_line);
        lines_[at].comment = c.text;
      }
      std::string* cell = &lines_[at].cells.back();
      if (t.fodder->line_break) {
        at = continuation(head_line);
        cell = &lines_[at].cells.back();
        line_start = true;
      } else if (previous == nullptr) {  // the formula starts on the head's line
        *cell += ' ';
        lines_[at].formula_at = display_width(*cell);
      }
      if (previous != nullptr && !line_start && space_between(*previous, t))
        *cell += ' ';
      *cell += t.text;
      previous = &t;
      line_start = false;
    }
  }

  std::size_t continuation(std::size_t head_line) {
    Line out;
    out.kind = LineKind::continuation;
    out.anchor = head_line;
    out.cells = {""};
    return add(std::move(out));
  }

  const ast::RuleFile& file_;
  std::vector<Line> lines_;
  std::size_t depth_ = 0;
  bool blank_ = false;  // the next line follows a blank line
  std::size_t comments_printed_ = 0;
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

// Targets are compared in their canonical form: only their spacing changes.
void canonical_targets(ast::RuleFile& file) {
  for (auto& project : file.projects)
    for (auto& indicator : project.indicators)
      indicator.target.text = file.texts->keep(canonical_target(indicator.target.text));
}

bool same_meaning(ast::RuleFile& original, const SourceManager& sources,
                  const std::string& formatted) {
  SourceManager again;
  DiagnosticSink quiet;
  const FileId id = again.add("formatted", formatted);
  auto reparsed = parse_rules(id, again, quiet);
  if (!reparsed || reparsed->comment_count != original.comment_count)
    return false;
  canonical_targets(original);
  canonical_targets(*reparsed);
  return without_positions(dump(*reparsed, again)) == without_positions(dump(original, sources));
}

}  // namespace

std::optional<std::string> format_rules(FileId file, const SourceManager& sources,
                                        DiagnosticSink& sink) {
  auto parsed = parse_rules(file, sources, sink);
  if (!parsed)
    return std::nullopt;
  Printer printer(*parsed);
  std::vector<Line> lines = printer.run();
  align(lines, LineKind::indicator);
  align(lines, LineKind::assignment);
  align(lines, LineKind::category);
  const std::string out = render(lines);
  // The layout only moves whitespace and comments; if a comment was lost or
  // the meaning changed anyway, that is a bug here, and the file must not be
  // overwritten.
  if (printer.comments_printed() != parsed->comment_count || !same_meaning(*parsed, sources, out)) {
    sink.error("format-failed", {file, 0, 0});
    return std::nullopt;
  }
  return out;
}

}  // namespace perfeval
