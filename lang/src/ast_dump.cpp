#include "perfeval/lang/ast_dump.hpp"

#include <fmt/format.h>

namespace perfeval {

namespace {

class Dumper {
 public:
  explicit Dumper(const SourceManager& sources) : sources_(sources) {}

  std::string take() { return std::move(out_); }

  void file(const ast::RuleFile& f) {
    for (const auto& u : f.uses) line(0, "use " + name(u.target));
    for (const auto& p : f.policies) policy(p);
    for (const auto& m : f.methods) method(m);
    for (const auto& p : f.projects) project(p);
  }

  void expr(const ast::Expr& e, int depth) {
    std::visit([&](const auto& node) { expr_node(node, e.range, depth); }, e.node);
  }

 private:
  std::string at(const SourceRange& r) const {
    const Position p = sources_.get(r.file).position(r.begin);
    return fmt::format("@{}:{}", p.line, p.column);
  }
  // Quoted with \" and \\ escaped, as a rule file would spell it.
  static std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
      if (c == '"' || c == '\\')
        out += '\\';
      out += c;
    }
    return out + '"';
  }
  std::string name(const ast::Name& n) const { return quoted(n.text) + at(n.range); }
  std::string name(const ast::NameView& n) const { return quoted(n.text) + at(n.range); }

  void line(int depth, std::string_view text) {
    out_.append(static_cast<std::size_t>(depth) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  // A statement that holds a formula: its label, then the formula below it.
  void labelled(int depth, std::string_view label, const ast::Expr& e) {
    line(depth, label);
    expr(e, depth + 1);
  }
  void labelled(int depth, std::string_view label, const std::optional<ast::Expr>& e) {
    if (e)
      labelled(depth, label, *e);
  }

  void grade(int depth, const ast::GradeDef& g) {
    if (!g.low)
      return labelled(depth, "grade " + name(g.word), g.share);
    labelled(depth, "grade " + name(g.word) + " from", *g.low);
    labelled(depth, "to", g.share);
  }

  void category(int depth, const ast::CategoryWeight& c) {
    line(depth, fmt::format("category weight {}{} {} {}", name(c.category1),
                            c.category2 ? " / " + name(*c.category2) : "", c.weight.to_string(),
                            at(c.range)));
  }

  void policy(const ast::Policy& p) {
    line(0, fmt::format("policy {} {}", name(p.name), at(p.range)));
    if (p.base)
      line(1, "extends " + name(*p.base));
    if (p.total)
      line(1, "total " + p.total->to_string());
    labelled(1, "total =", p.total_formula);
    for (const auto& w : p.skip_words) line(1, "skip " + name(w));
    for (const auto& words : p.placeholders) {
      std::string text = "placeholder";
      for (const auto& w : words) {
        text += ' ';
        text += name(w);
      }
      line(1, text);
    }
    if (p.score_digits)
      line(1, fmt::format("round score {}{}", *p.score_digits,
                          p.score_rounding == ast::Rounding::up     ? " up"
                          : p.score_rounding == ast::Rounding::down ? " down"
                                                                    : ""));
    if (p.rate_digits)
      line(1, fmt::format("round rate {}", *p.rate_digits));
    labelled(1, "explain when", p.explain_when);
    if (p.funds) {
      const ast::FundsRule& f = *p.funds;
      line(1, "funds " + at(f.range));
      line(2, "weight " + f.weight.to_string());
      labelled(2, "rate", f.rate);
      labelled(2, "score", f.score);
      labelled(2, "explain when", f.explain_when);
    }
    for (const auto& g : p.grades) grade(1, g);
    for (const auto& b : p.bands)
      line(1, fmt::format("band {} >= {} {}", name(b.label), b.threshold.to_string(), at(b.range)));
    for (const auto& m : p.methods) method(m, 1);
    for (const auto& c : p.categories) category(1, c);
  }

  void method(const ast::Method& m, int depth = 0) {
    line(depth, fmt::format("method {} {}", name(m.name), at(m.range)));
    for (const auto& g : m.grades) grade(depth + 1, g);
    labelled(depth + 1, "met", m.met);
    labelled(depth + 1, "rate", m.rate);
    labelled(depth + 1, "score", m.score);
    labelled(depth + 1, "explain when", m.explain_when);
    for (const auto& r : m.requirements) labelled(depth + 1, "require", r);
  }

  static std::string value(const Value& v) {
    if (const auto* q = std::get_if<Quantity>(&v))
      return q->unit.empty() ? "quantity " + q->amount.to_string()
                             : fmt::format("quantity {} {}", q->amount.to_string(), q->unit);
    if (const auto* d = std::get_if<Date>(&v))
      return fmt::format("date {:04}-{:02}-{:02}", d->year, d->month, d->day);
    return "word " + std::get<Word>(v).text;
  }

  void project(const ast::Project& p) {
    line(0, fmt::format("project {} policy {} {}", name(p.name), name(p.policy), at(p.range)));
    for (const auto& c : p.categories) category(1, c);
    std::vector<ast::Indicator> unpacked;
    for (const auto& i : ast::indicators_of(p, unpacked)) {
      line(1, fmt::format("indicator {} {}", name(i.name), at(i.range)));
      line(2, fmt::format("category {} / {}", name(i.category1), name(i.category2)));
      line(2, fmt::format("weight {} {}", i.weight.to_string(), at(i.weight_range)));
      const std::string_view op = to_string(i.target.op);
      line(2, fmt::format("target {} {}{}{} {}", quoted(i.target.text), op, op.empty() ? "" : " ",
                          value(i.target.value), at(i.target.range)));
      line(2, "method " + name(i.method));
    }
  }

  // ---- formulas
  void expr_node(const ast::NumberLit& n, const SourceRange& r, int depth) {
    line(depth, fmt::format("number {} = {} {}", n.text, n.value.to_string(), at(r)));
  }
  void expr_node(const ast::BoolLit& n, const SourceRange& r, int depth) {
    line(depth, fmt::format("{} {}", n.value ? "true" : "false", at(r)));
  }
  void expr_node(const ast::VarRef& n, const SourceRange& r, int depth) {
    if (n.row) {
      line(depth, fmt::format("var {} row {} {}", n.name, n.row->text, at(r)));
    } else {
      line(depth, fmt::format("var {} {}", n.name, at(r)));
    }
  }
  void expr_node(const ast::Unary& n, const SourceRange& r, int depth) {
    line(depth, fmt::format("{} {}", n.op == ast::UnaryOp::negate ? "neg" : "not", at(r)));
    expr(*n.operand, depth + 1);
  }
  void expr_node(const ast::Binary& n, const SourceRange& r, int depth) {
    static constexpr std::string_view kOps[] = {
        "+", "-", "*", "/", "=", "!=", "<", "<=", ">", ">=", "and", "or"};
    line(depth, fmt::format("{} {}", kOps[static_cast<int>(n.op)], at(r)));
    expr(*n.lhs, depth + 1);
    expr(*n.rhs, depth + 1);
  }
  void expr_node(const ast::Conditional& n, const SourceRange& r, int depth) {
    line(depth, "if " + at(r));
    expr(*n.condition, depth + 1);
    line(depth, "then");
    expr(*n.then_branch, depth + 1);
    line(depth, "else");
    expr(*n.else_branch, depth + 1);
  }
  void expr_node(const ast::Call& n, const SourceRange& r, int depth) {
    line(depth, fmt::format("call {} {}", n.function.text, at(r)));
    for (const auto& a : n.args) expr(a, depth + 1);
  }

  const SourceManager& sources_;
  std::string out_;
};

}  // namespace

std::string dump(const ast::RuleFile& file, const SourceManager& sources) {
  Dumper d(sources);
  d.file(file);
  return d.take();
}

std::string dump(const ast::Expr& expr, const SourceManager& sources, int indent) {
  Dumper d(sources);
  d.expr(expr, indent);
  return d.take();
}

}  // namespace perfeval
