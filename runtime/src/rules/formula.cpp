#include "perfeval/runtime/formula.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/words.hpp"
#include "perfeval/values/row_label.hpp"

namespace perfeval {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

std::string describe(const Scalar& value) {
  return std::visit(
      Overloaded{
          [](const Number& n) { return n.value.to_string() + std::string(n.unit); },
          [](bool b) { return std::string(b ? "true" : "false"); },
          [](const Date& d) { return fmt::format("{}年{}月{}日", d.year, d.month, d.day); },
          [](std::string_view w) { return std::string(w); },
      },
      value);
}

Formula Formula::compile(const ast::Expr& expr) {
  Formula f;
  f.range_ = expr.range;
  f.root_ = f.add(expr);
  return f;
}

std::uint32_t Formula::add(const ast::Expr& expr) {
  Node node{};
  node.range = expr.range;
  std::vector<std::uint32_t> children;
  std::uint32_t row = 0;
  std::visit(Overloaded{
                 [&](const ast::NumberLit& n) {
                   node.op = Op::number;
                   node.number = n.value;
                   node.percent = n.percent;
                 },
                 [&](const ast::BoolLit& b) {
                   node.op = Op::boolean;
                   node.number = b.value ? 1 : 0;
                 },
                 [&](const ast::VarRef& v) {
                   node.op = v.row ? Op::row : Op::variable;
                   // The checker has proved the name exists.
                   node.variable = find_variable(v.name).value_or(Variable::weight);
                   if (v.row) {
                     row = static_cast<std::uint32_t>(rows_.size());
                     rows_.push_back({row_label_key(v.row->text), v.row->text});
                   }
                 },
                 [&](const ast::Unary& u) {
                   node.op = u.op == ast::UnaryOp::negate ? Op::negate : Op::logical_not;
                   children.push_back(add(*u.operand));
                 },
                 [&](const ast::Binary& b) {
                   static constexpr Op kOps[] = {Op::add, Op::sub, Op::mul,         Op::div,
                                                 Op::eq,  Op::ne,  Op::lt,          Op::le,
                                                 Op::gt,  Op::ge,  Op::logical_and, Op::logical_or};
                   node.op = kOps[static_cast<int>(b.op)];
                   children.push_back(add(*b.lhs));
                   children.push_back(add(*b.rhs));
                 },
                 [&](const ast::Conditional& c) {
                   node.op = Op::conditional;
                   children.push_back(add(*c.condition));
                   children.push_back(add(*c.then_branch));
                   children.push_back(add(*c.else_branch));
                 },
                 [&](const ast::Call& c) {
                   switch (find_function(c.function.text).value_or(Function::abs)) {
                     case Function::min:
                       node.op = Op::min;
                       break;
                     case Function::max:
                       node.op = Op::max;
                       break;
                     case Function::abs:
                       node.op = Op::abs;
                       break;
                     case Function::round:
                       node.op = Op::round;
                       break;
                   }
                   for (const auto& arg : c.args) {
                     children.push_back(add(arg));
                   }
                 },
             },
             expr.node);
  // A row node has no operands: `first` says which of rows_ it reads.
  node.first = node.op == Op::row ? row : static_cast<std::uint32_t>(operands_.size());
  node.count = static_cast<std::uint32_t>(children.size());
  operands_.insert(operands_.end(), children.begin(), children.end());
  nodes_.push_back(node);
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

std::vector<std::string> Formula::row_labels() const {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const auto same = [&](const RowName& earlier) { return earlier.key == rows_[i].key; };
    if (std::none_of(rows_.begin(), rows_.begin() + static_cast<std::ptrdiff_t>(i), same)) {
      labels.push_back(rows_[i].written);
    }
  }
  return labels;
}

Scalar Formula::evaluate(const Bindings& bindings) const {
  return eval(root_, bindings);
}

Number Formula::evaluate_number(const Bindings& bindings) const {
  return eval_number(root_, bindings);
}

bool Formula::evaluate_bool(const Bindings& bindings) const {
  return eval_bool(root_, bindings);
}

namespace {

// Units in formulas: a plain number goes with anything it multiplies; adding
// or comparing needs the same unit, except that zero is zero in any unit.
bool same_unit(const Rational& a, std::string_view a_unit, const Rational& b,
               std::string_view b_unit) {
  return a_unit == b_unit || (a_unit.empty() && a.is_zero()) || (b_unit.empty() && b.is_zero());
}

bool same_unit(const Number& a, const Number& b) {
  return same_unit(a.value, a.unit, b.value, b.unit);
}

std::string_view common_unit(const Number& a, const Number& b) {
  return a.unit.empty() ? b.unit : a.unit;
}

int compare_scalars(const Scalar& a, const Scalar& b, SourceRange range, bool ordering) {
  if (const auto* x = std::get_if<Number>(&a)) {
    if (const auto* y = std::get_if<Number>(&b)) {
      if (!same_unit(*x, *y)) {
        throw EvalError{"unit-mismatch-compare", range, {describe(a), describe(b)}};
      }
      const auto order = x->value <=> y->value;
      return order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
  }
  if (const auto* x = std::get_if<Date>(&a)) {
    if (const auto* y = std::get_if<Date>(&b)) {
      const auto order = *x <=> *y;
      return order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
  }
  if (!ordering) {
    if (const auto* x = std::get_if<std::string_view>(&a)) {
      if (const auto* y = std::get_if<std::string_view>(&b)) {
        return *x == *y ? 0 : 1;
      }
    }
    if (const auto* x = std::get_if<bool>(&a)) {
      if (const auto* y = std::get_if<bool>(&b)) {
        return *x == *y ? 0 : 1;
      }
    }
  }
  throw EvalError{"cannot-compare", range, {describe(a), describe(b)}};
}

// The throws of lookup, as_number and as_bool, kept out of line so that
// those three stay small enough to be inlined where formulas read values.
[[noreturn, gnu::cold, gnu::noinline]] void throw_unset(SourceRange range, Variable variable) {
  throw EvalError{"variable-has-no-value", range, {std::string(variable_name(variable))}, variable};
}

[[noreturn, gnu::cold, gnu::noinline]] void throw_expected(const char* code, SourceRange range,
                                                           const Scalar& value) {
  throw EvalError{code, range, {describe(value)}};
}

// The column of a funds row an amount variable reads, in each language.
std::pair<std::string, std::string> funds_column_names(Variable v) {
  switch (v) {
    case Variable::planned:
      return {"planned (年初预算数)", "年初预算数"};
    case Variable::budget:
      return {"budget (全年预算数)", "全年预算数"};
    default:
      return {"executed (全年执行数)", "全年执行数"};
  }
}

[[noreturn, gnu::cold, gnu::noinline]] void throw_missing_row(SourceRange range,
                                                              const std::string& written,
                                                              std::span<const FundsSource> rows) {
  if (rows.empty()) {
    throw EvalError{"funds-no-rows", range, {written}};
  }
  std::string listed;
  // Every row, not the nearest: 上级资金 is one character from 本级资金 and
  // a different row.
  for (const FundsSource& row : rows) {
    listed += (listed.empty() ? "" : "、") + row.name;
  }
  throw EvalError{"funds-row-missing", range, {written, listed}};
}

}  // namespace

Number Formula::row_amount(const Node& node, const Bindings& bindings) const {
  const RowName& name = rows_[node.first];
  const std::span<const FundsSource> rows = bindings.funds_rows();
  const FundsSource* row = find_funds_row(rows, name.key);
  if (!row) {
    throw_missing_row(node.range, name.written, rows);
  }
  const std::string& cell = node.variable == Variable::planned  ? row->planned
                            : node.variable == Variable::budget ? row->budget
                                                                : row->executed;
  const FundsCell amount = read_funds_cell(cell);
  if (!amount.value) {
    auto [en, zh] = funds_column_names(node.variable);
    throw EvalError{amount.given ? "funds-row-not-amount" : "funds-row-blank",
                    node.range,
                    {row->name, std::move(en), std::move(zh), cell}};
  }
  return Number{*amount.value, {}};
}

const Scalar& Formula::lookup(const Node& node, const Bindings& bindings) const {
  const Scalar* value = bindings.get(node.variable);
  if (!value) {
    throw_unset(node.range, node.variable);
  }
  return *value;
}

Number Formula::as_number(const Scalar& value, std::uint32_t index) const {
  if (const auto* n = std::get_if<Number>(&value)) {
    return *n;
  }
  throw_expected("expected-number", nodes_[index].range, value);
}

bool Formula::as_bool(const Scalar& value, std::uint32_t index) const {
  if (const auto* b = std::get_if<bool>(&value)) {
    return *b;
  }
  throw_expected("expected-true-or-false", nodes_[index].range, value);
}

const Scalar& Formula::value_of(std::uint32_t index, const Bindings& bindings,
                                Scalar& storage) const {
  const Node& node = nodes_[index];
  if (node.op == Op::variable) {
    return lookup(node, bindings);
  }
  storage = eval(index, bindings);
  return storage;
}

// Scalars are built only where a formula may yield any kind of value: a
// variable, a choice between two of them, a comparison's operands. Numbers
// and truth values are computed as such, node by node.
Scalar Formula::eval(std::uint32_t index, const Bindings& bindings) const {
  const Node& node = nodes_[index];
  switch (node.op) {
    case Op::variable:
      return lookup(node, bindings);
    case Op::conditional: {
      const auto operand = [&](std::uint32_t k) { return operands_[node.first + k]; };
      return operand_bool(operand(0), bindings) ? eval(operand(1), bindings)
                                                : eval(operand(2), bindings);
    }
    default:
      // Every other operator yields a number or a truth value.
      return produces_number(node.op) ? Scalar(eval_number(index, bindings))
                                      : Scalar(eval_bool(index, bindings));
  }
}

// Most comparisons are of a number variable with a literal or another
// variable (`target = 0`, `rate != 100%`, `actual >= target`): compared here
// in place. Anything else, and every mismatch, goes the general way, which
// also has the messages; a variable with no value fails here as it would
// there, operands in order.
std::optional<int> Formula::compare_in_place(const Node& node, const Bindings& bindings) const {
  std::array<const Rational*, 2> values{};
  std::array<std::string_view, 2> units;
  for (std::size_t k = 0; k < 2; ++k) {
    const Node& operand = nodes_[operands_[node.first + k]];
    if (operand.op == Op::number) {
      values[k] = &operand.number;
    } else if (operand.op != Op::variable) {
      return std::nullopt;
    } else if (const auto* number = std::get_if<Number>(&lookup(operand, bindings))) {
      values[k] = &number->value;
      units[k] = number->unit;
    } else {
      return std::nullopt;
    }
  }
  if (!same_unit(*values[0], units[0], *values[1], units[1])) {
    return std::nullopt;
  }
  const auto order = *values[0] <=> *values[1];
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

// A comparison's operands compared: in place when they are number
// variables and literals, else as Scalars, which is also where every
// mismatch is reported; `ordering` for <, <=, > and >=.
int Formula::compare(const Node& node, const Bindings& bindings, bool ordering) const {
  if (const auto c = compare_in_place(node, bindings)) {
    return *c;
  }
  Scalar left, right;
  return compare_scalars(value_of(operands_[node.first], bindings, left),
                         value_of(operands_[node.first + 1], bindings, right), node.range,
                         ordering);
}

// An `else if` chain is walked here, in one loop, rather than by a call
// through eval() for each `else`.
std::uint32_t Formula::chosen_branch(std::uint32_t index, const Bindings& bindings) const {
  while (nodes_[index].op == Op::conditional) {
    const std::uint32_t first = nodes_[index].first;
    index = operands_[first + (operand_bool(operands_[first], bindings) ? 1 : 2)];
  }
  return index;
}

// Most operands are variables and literals: read here, they cost a
// predictable test instead of a call and a jump through the switch.
[[gnu::always_inline]] inline Number Formula::operand_number(std::uint32_t index,
                                                             const Bindings& bindings) const {
  const Node& node = nodes_[index];
  if (node.op == Op::variable) {
    return as_number(lookup(node, bindings), index);
  }
  if (node.op == Op::number) {
    return Number{node.number, {}};
  }
  return eval_number(index, bindings);
}

// The same for conditions, which are mostly variables (graded, met).
[[gnu::always_inline]] inline bool Formula::operand_bool(std::uint32_t index,
                                                         const Bindings& bindings) const {
  const Node& node = nodes_[index];
  if (node.op == Op::variable) {
    return as_bool(lookup(node, bindings), index);
  }
  return eval_bool(index, bindings);
}

Number Formula::eval_number(std::uint32_t index, const Bindings& bindings) const {
  const Node& node = nodes_[index];
  const auto operand = [&](std::uint32_t k) { return operands_[node.first + k]; };
  try {
    switch (node.op) {
      case Op::number:
        return Number{node.number, {}};
      case Op::variable:
        return as_number(lookup(node, bindings), index);
      case Op::row:
        return row_amount(node, bindings);
      case Op::conditional: {
        // A branch that is not a number is reported at the first choice, as
        // written.
        const std::uint32_t branch = chosen_branch(index, bindings);
        const Node& chosen = nodes_[branch];
        if (chosen.op == Op::variable) {
          return as_number(lookup(chosen, bindings), index);
        }
        return produces_number(chosen.op) ? operand_number(branch, bindings)
                                          : as_number(eval(branch, bindings), index);
      }
      case Op::negate: {
        const Number n = operand_number(operand(0), bindings);
        return Number{-n.value, n.unit};
      }
      case Op::add:
      case Op::sub: {
        const Number a = operand_number(operand(0), bindings);
        const Number b = operand_number(operand(1), bindings);
        if (!same_unit(a, b)) {
          throw EvalError{"unit-mismatch-add", node.range, {describe(a), describe(b)}};
        }
        return Number{node.op == Op::add ? a.value + b.value : a.value - b.value,
                      common_unit(a, b)};
      }
      case Op::mul: {
        const Number a = operand_number(operand(0), bindings);
        const Number b = operand_number(operand(1), bindings);
        if (!a.unit.empty() && !b.unit.empty()) {
          throw EvalError{"unit-mismatch-multiply", node.range, {describe(a), describe(b)}};
        }
        return Number{a.value * b.value, common_unit(a, b)};
      }
      case Op::div: {
        const Number a = operand_number(operand(0), bindings);
        const Number b = operand_number(operand(1), bindings);
        if (b.value.is_zero()) {
          throw EvalError{"division-by-zero", node.range, {describe(a), describe(b)}};
        }
        if (a.unit == b.unit) {
          return Number{a.value / b.value, {}};
        }
        if (b.unit.empty()) {
          return Number{a.value / b.value, a.unit};
        }
        throw EvalError{"unit-mismatch-divide", node.range, {describe(a), describe(b)}};
      }
      case Op::min:
      case Op::max: {
        Number best = operand_number(operand(0), bindings);
        for (std::uint32_t k = 1; k < node.count; ++k) {
          const Number next = operand_number(operand(k), bindings);
          if (!same_unit(best, next)) {
            throw EvalError{"unit-mismatch-compare", node.range, {describe(best), describe(next)}};
          }
          const bool take = node.op == Op::min ? next.value < best.value : next.value > best.value;
          const std::string_view unit = common_unit(best, next);
          if (take) {
            best = next;
          }
          best.unit = unit;
        }
        return best;
      }
      case Op::abs: {
        const Number n = operand_number(operand(0), bindings);
        return Number{n.value.abs(), n.unit};
      }
      case Op::round: {
        const Number n = operand_number(operand(0), bindings);
        const Number digits = operand_number(operand(1), bindings);
        return Number{n.value.round_half_up(static_cast<int>(digits.value.numerator())), n.unit};
      }
      default:
        return as_number(eval(index, bindings), index);
    }
  } catch (const ArithmeticError& e) {
    throw EvalError{
        e.kind() == ArithmeticError::Kind::overflow ? "arithmetic-overflow" : "division-by-zero",
        node.range,
        {e.what()}};
  }
}

bool Formula::eval_bool(std::uint32_t index, const Bindings& bindings) const {
  const Node& node = nodes_[index];
  const auto operand = [&](std::uint32_t k) { return operands_[node.first + k]; };
  // Nothing here does arithmetic: an operand's overflow is reported by
  // eval_number, at the operand.
  switch (node.op) {
    case Op::boolean:
      return !node.number.is_zero();
    case Op::variable:
      return as_bool(lookup(node, bindings), index);
    case Op::conditional: {
      const std::uint32_t branch = chosen_branch(index, bindings);
      return produces_number(nodes_[branch].op) || nodes_[branch].op == Op::variable
                 ? as_bool(eval(branch, bindings), index)
                 : eval_bool(branch, bindings);
    }
    case Op::logical_not:
      return !operand_bool(operand(0), bindings);
    case Op::logical_and:
      return operand_bool(operand(0), bindings) && operand_bool(operand(1), bindings);
    case Op::logical_or:
      return operand_bool(operand(0), bindings) || operand_bool(operand(1), bindings);
    case Op::eq:
    case Op::ne: {
      const int c = compare(node, bindings, false);
      return node.op == Op::eq ? c == 0 : c != 0;
    }
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: {
      const int c = compare(node, bindings, true);
      switch (node.op) {
        case Op::lt:
          return c < 0;
        case Op::le:
          return c <= 0;
        case Op::gt:
          return c > 0;
        default:
          return c >= 0;
      }
    }
    default:
      return as_bool(eval(index, bindings), index);
  }
}

bool Formula::produces_number(Op op) {
  switch (op) {
    case Op::number:
    case Op::row:
    case Op::negate:
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::min:
    case Op::max:
    case Op::abs:
    case Op::round:
      return true;
    default:
      return false;
  }
}

std::string_view Formula::infix_symbol(Op op, Notation notation, Lang lang) {
  const bool accountant = notation == Notation::accountant;
  switch (op) {
    case Op::add:
      return "+";
    case Op::sub:
      return accountant ? "−" : "-";
    case Op::mul:
      return "×";
    case Op::div:
      return accountant ? "÷" : "/";
    case Op::eq:
      return "=";
    case Op::ne:
      return accountant ? "≠" : "!=";
    case Op::lt:
      return "<";
    case Op::le:
      return accountant ? "≤" : "<=";
    case Op::gt:
      return ">";
    case Op::ge:
      return accountant ? "≥" : ">=";
    case Op::logical_and:
      return term_text(Term::logical_and, lang);
    case Op::logical_or:
      return term_text(Term::logical_or, lang);
    default:
      return {};  // not a binary operator
  }
}

int Formula::strength(Op op) {
  switch (op) {
    case Op::logical_or:
      return 1;
    case Op::logical_and:
      return 2;
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      return 3;
    case Op::add:
    case Op::sub:
      return 4;
    case Op::mul:
    case Op::div:
      return 5;
    case Op::conditional:
      return 0;
    default:
      return 9;  // literals, variables, calls, unary operators
  }
}

std::string show(const Scalar& value, bool as_percent, Lang lang) {
  if (const auto* b = std::get_if<bool>(&value)) {
    return std::string(term_text(*b ? Term::yes : Term::no, lang));
  }
  if (const auto* n = std::get_if<Number>(&value)) {
    if (as_percent && n->unit.empty()) {
      const Rational pct = n->value * Rational(100);
      const Rational shown = pct.round_half_up(2);
      return (shown == pct ? "" : "≈") + shown.to_fixed(2) + "%";
    }
    const std::string exact = n->value.to_string();
    const auto point = exact.find('.');
    if (point == std::string::npos || exact.size() - point - 1 <= 6) {
      return exact + std::string(n->unit);
    }
    std::string rounded = n->value.to_fixed(6);
    while (rounded.back() == '0') {
      rounded.pop_back();
    }
    return "≈" + rounded + std::string(n->unit);
  }
  return describe(value);
}

Working Formula::explain(const Bindings& bindings, bool as_percent, Lang lang) const {
  Working w;
  w.filled = fill(root_, bindings, lang, w.conditions);
  w.result = show(evaluate(bindings), as_percent, lang);
  const Node& root = nodes_[root_];
  w.plain = plain(root.op == Op::round ? operands_[root.first] : root_, bindings, lang).text;
  if (root.op == Op::round) {
    // A rounding that changed the value is a step of its own:
    // "10 × 98.40% = 9.84，保留1位小数"; one that did not goes unsaid.
    const Number unrounded = eval_number(operands_[root.first], bindings);
    if (unrounded.value != evaluate_number(bindings).value) {
      const Rational digits =
          root.count > 1 ? eval_number(operands_[root.first + 1], bindings).value : Rational(0);
      w.plain += fmt::format(
          " = {}{}{}", show(unrounded, as_percent, lang), term_text(Term::clause_separator, lang),
          fmt::format(fmt::runtime(term_text(Term::rounded_to, lang)), digits.to_string()));
    }
  }
  return w;
}

bool Formula::reads_as_percent(std::uint32_t index) const {
  const Node& node = nodes_[index];
  switch (node.op) {
    case Op::number:
      return node.percent;
    case Op::variable:
      return node.variable == Variable::rate || node.variable == Variable::grade ||
             node.variable == Variable::grade_low || node.variable == Variable::grade_high;
    case Op::negate:
    case Op::add:
    case Op::sub:
    case Op::min:
    case Op::max:
    case Op::abs:
    case Op::round:
    case Op::conditional:
      for (std::uint32_t k = node.op == Op::conditional ? 1 : 0; k < node.count; ++k) {
        if (reads_as_percent(operands_[node.first + k])) {
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

Formula::Plain Formula::plain(std::uint32_t index, const Bindings& bindings, Lang lang) const {
  const Node& node = nodes_[index];
  const auto operand = [&](std::uint32_t k) { return operands_[node.first + k]; };
  std::string_view symbol;
  switch (node.op) {
    case Op::number:
    case Op::boolean:
    case Op::variable:
    case Op::row: {
      std::vector<Working::Condition> none;
      return {fill(index, bindings, lang, none), 9};
    }
    case Op::negate: {
      const Plain inner = plain(operand(0), bindings, lang);
      return {inner.strength < 9 ? "−(" + inner.text + ")" : "−" + inner.text, 9};
    }
    case Op::logical_not: {
      const Plain inner = plain(operand(0), bindings, lang);
      return {fmt::format("{} {}", term_text(Term::logical_not, lang),
                          inner.strength < 9 ? "(" + inner.text + ")" : inner.text),
              9};
    }
    case Op::conditional:
      return plain(operand(eval_bool(operand(0), bindings) ? 1 : 2), bindings, lang);
    case Op::min:
    case Op::max: {
      // The operand that won stands for the call.
      std::uint32_t chosen = operand(0);
      Rational best = eval_number(chosen, bindings).value;
      for (std::uint32_t k = 1; k < node.count; ++k) {
        const Rational v = eval_number(operand(k), bindings).value;
        if (node.op == Op::min ? v < best : best < v) {
          best = v;
          chosen = operand(k);
        }
      }
      return plain(chosen, bindings, lang);
    }
    case Op::abs:
      return {show(eval_number(index, bindings), reads_as_percent(operand(0)), lang), 9};
    case Op::round: {
      std::string out = "round(" + plain(operand(0), bindings, lang).text;
      for (std::uint32_t k = 1; k < node.count; ++k) {
        out += ", " + plain(operand(k), bindings, lang).text;
      }
      return {out + ")", 9};
    }
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
    case Op::logical_and:
    case Op::logical_or:
      symbol = infix_symbol(node.op, Notation::accountant, lang);
      break;
  }
  // Brackets as fill() puts them, by the strength of what each side became.
  const int mine = strength(node.op);
  Plain lhs = plain(operand(0), bindings, lang);
  Plain rhs = plain(operand(1), bindings, lang);
  if (lhs.strength < mine) {
    lhs.text = "(" + lhs.text + ")";
  }
  const bool rhs_tight = node.op == Op::sub || node.op == Op::div;
  if (rhs.strength < mine || (rhs_tight && rhs.strength == mine)) {
    rhs.text = "(" + rhs.text + ")";
  }
  return {lhs.text + " " + std::string(symbol) + " " + rhs.text, mine};
}

std::string Formula::fill(std::uint32_t index, const Bindings& bindings, Lang lang,
                          std::vector<Working::Condition>& conditions) const {
  const Node& node = nodes_[index];
  const auto operand = [&](std::uint32_t k) { return operands_[node.first + k]; };
  const auto child = [&](std::uint32_t k) { return fill(operand(k), bindings, lang, conditions); };
  std::string_view symbol;
  switch (node.op) {
    case Op::number:
      return node.percent ? (node.number * Rational(100)).to_string() + "%"
                          : node.number.to_string();
    case Op::boolean:
      return show(!node.number.is_zero(), false, lang);
    case Op::variable: {
      const Scalar* slot = bindings.get(node.variable);
      if (!slot) {
        return std::string(variable_name(node.variable));
      }
      const bool rate_like = node.variable == Variable::rate || node.variable == Variable::grade ||
                             node.variable == Variable::grade_low ||
                             node.variable == Variable::grade_high;
      return show(*slot, rate_like, lang);
    }
    case Op::row: {
      // The row's name beside its amount: "80（本级资金）".
      const std::string& written = rows_[node.first].written;
      try {
        return fmt::format(fmt::runtime(lang == Lang::zh ? "{}（{}）" : "{} ({})"),
                           show(row_amount(node, bindings), false, lang), written);
      } catch (const EvalError&) {
        return fmt::format("{}[{}]", variable_name(node.variable), written);
      }
    }
    // fmt rather than operator+: GCC 12 at -O3 warns falsely (-Wrestrict) on
    // a literal plus a temporary string.
    case Op::negate:
      return fmt::format("-{}", child(0));
    case Op::logical_not:
      return fmt::format("{} {}", term_text(Term::logical_not, lang), child(0));
    case Op::conditional: {
      std::vector<Working::Condition> inner;
      const std::string condition = fill(operand(0), bindings, lang, inner);
      const bool taken = eval_bool(operand(0), bindings);
      conditions.insert(conditions.end(), inner.begin(), inner.end());
      conditions.push_back({nodes_[operand(0)].range, condition, show(taken, false, lang)});
      return fill(operand(taken ? 1 : 2), bindings, lang, conditions);
    }
    case Op::min:
    case Op::max:
    case Op::abs:
    case Op::round: {
      static constexpr std::string_view kNames[] = {"min", "max", "abs", "round"};
      std::string out(kNames[static_cast<int>(node.op) - static_cast<int>(Op::min)]);
      out += "(";
      for (std::uint32_t k = 0; k < node.count; ++k) {
        out += (k ? ", " : "") + child(k);
      }
      return out + ")";
    }
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
    case Op::logical_and:
    case Op::logical_or:
      symbol = infix_symbol(node.op, Notation::code, lang);
      break;
  }
  // A binary operator: bracket an operand that binds more loosely, and a right
  // operand of equal strength under - and / (a - (b - c)).
  const int mine = strength(node.op);
  const auto operand_strength = [&](std::uint32_t k) { return strength(nodes_[operand(k)].op); };
  std::string lhs = child(0);
  std::string rhs = child(1);
  if (operand_strength(0) < mine) {
    lhs = "(" + lhs + ")";
  }
  const bool rhs_tight = node.op == Op::sub || node.op == Op::div;
  if (operand_strength(1) < mine || (rhs_tight && operand_strength(1) == mine)) {
    rhs = "(" + rhs + ")";
  }
  return lhs + " " + std::string(symbol) + " " + rhs;
}

}  // namespace perfeval
