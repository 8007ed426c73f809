#pragma once

// Formulas compiled once from the checked AST into a flat array of nodes:
// variables are slots, not names, so evaluating an indicator looks nothing
// up by string.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "perfeval/lang/ast.hpp"
#include "perfeval/lang/checker.hpp"
#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/values/rational.hpp"
#include "perfeval/values/value.hpp"

namespace perfeval {

struct FundsSource;

// A number in a formula with its unit: "" for plain numbers and rates (a
// percentage is a plain number here), otherwise the base unit of the
// quantity it came from (人, 元, 日...).
struct Number {
  Rational value;
  std::string_view unit;
};

// What a formula computes. Words are grade or target words, viewed in place.
using Scalar = std::variant<Number, bool, Date, std::string_view>;

// The values a formula may read, by Variable. An unset slot is a variable
// that has no value here (grade when the actual is not a grade).
//
// Scoring fills one for every indicator, so the slots start unconstructed
// and a bit mask says which hold a value: nothing is written for a slot
// until it is set.
class Bindings {
 public:
  Bindings() {}  // NOLINT: the slots are left unconstructed on purpose

  void set(Variable v, const Scalar& value) {
    const auto i = static_cast<std::size_t>(v);
    std::construct_at(&slots_[i].value, value);
    set_ |= std::uint32_t{1} << i;
  }
  // The value, or null when the variable has none here.
  const Scalar* get(Variable v) const {
    const auto i = static_cast<std::size_t>(v);
    return (set_ >> i) & 1u ? &slots_[i].value : nullptr;
  }

  // The rows of the funds block, for `executed[本级资金]`; none unless set
  // (only the funds formulas read them).
  void set_funds_rows(std::span<const FundsSource> rows) { funds_rows_ = rows; }
  std::span<const FundsSource> funds_rows() const { return funds_rows_; }

 private:
  static_assert(std::is_trivially_destructible_v<Scalar> && kVariableCount <= 32);
  union Slot {
    Slot() {}  // NOLINT: constructed by set()
    Scalar value;
  };
  std::array<Slot, kVariableCount> slots_;
  std::uint32_t set_ = 0;
  std::span<const FundsSource> funds_rows_;
};

// A formula failed on these inputs: division by zero, mixed units, a
// comparison of a word with a number, an overflow. `range` is the part of
// the formula that failed.
struct EvalError {
  std::string code;
  SourceRange range;
  std::vector<std::string> args;
  // For "variable-has-no-value": which one, so that a caller can tell a
  // value the data left out (the entered score) from a rule's mistake.
  std::optional<Variable> unset = std::nullopt;
};

// How a formula reached its value, for a person checking the arithmetic:
// the branches taken, and the formula again with every variable replaced
// by its value and the branches not taken left out.
struct Working {
  // An `if` on the way: the condition (where it is written), the condition
  // with values filled in, and which way it went.
  struct Condition {
    SourceRange range;
    std::string filled;  // "150家 = 0"
    std::string result;  // "否"
  };
  std::vector<Condition> conditions;
  std::string filled;  // "153家 / 150家"
  std::string result;  // "102.00%"
  // The same arithmetic as an accountant writes it: ÷ − ≥ ≤ ≠, every `if`
  // and min/max replaced by the branch or operand it chose, abs by its
  // value, and a rounding at the root by the unrounded value and the digits
  // kept: "10 × (1 − 2.00%)" for weight * max(0, 1 - abs(rate - 100%)).
  std::string plain;
};

class Formula {
 public:
  // `expr` must have passed the checker.
  static Formula compile(const ast::Expr& expr);

  // Throws EvalError.
  Scalar evaluate(const Bindings& bindings) const;
  Number evaluate_number(const Bindings& bindings) const;
  bool evaluate_bool(const Bindings& bindings) const;

  SourceRange range() const { return range_; }

  // The funds rows the formula reads (`executed[本级资金]`), as the rule
  // wrote each label, in order, each row once: what a fillable table must
  // offer for it.
  std::vector<std::string> row_labels() const;

  // Evaluates again, writing down each step; `as_percent` shows the result as
  // a percentage. Throws EvalError like evaluate().
  Working explain(const Bindings& bindings, bool as_percent, Lang lang) const;

 private:
  enum class Op : std::uint8_t {
    number,
    boolean,
    variable,
    row,  // an amount of one funds row: `variable` says which, `first` indexes rows_
    negate,
    logical_not,
    add,
    sub,
    mul,
    div,
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    logical_and,
    logical_or,
    conditional,
    min,
    max,
    abs,
    round,
  };

  struct Node {
    Op op;
    Variable variable = Variable::weight;
    Rational number;
    std::uint32_t first = 0;  // operands: first .. first + count in `operands_`
    std::uint32_t count = 0;
    bool percent = false;  // a literal written as a percentage
    SourceRange range;
  };

  // How tightly an operator binds when a formula is printed: higher binds tighter.
  static int strength(Op op);
  // A binary operator as the rule file writes it (`/`, `>=`) or as an
  // accountant does (÷, ≥); `and`/`or` in the reader's language either way.
  enum class Notation { code, accountant };
  static std::string_view infix_symbol(Op op, Notation notation, Lang lang);

  // Operators whose value is always a number.
  static bool produces_number(Op op);

  std::uint32_t add(const ast::Expr& expr);
  Scalar eval(std::uint32_t index, const Bindings& bindings) const;
  Number eval_number(std::uint32_t index, const Bindings& bindings) const;
  bool eval_bool(std::uint32_t index, const Bindings& bindings) const;
  // eval_number and eval_bool for an operand, reading a leaf in place.
  Number operand_number(std::uint32_t index, const Bindings& bindings) const;
  bool operand_bool(std::uint32_t index, const Bindings& bindings) const;
  // The branch a conditional at `index` takes, through any conditionals
  // it leads to: the first that is not one.
  std::uint32_t chosen_branch(std::uint32_t index, const Bindings& bindings) const;
  // A comparison node's operands compared: -1, 0 or 1.
  int compare(const Node& node, const Bindings& bindings, bool ordering) const;
  // The same for two number variables or literals, read in place; nullopt
  // for anything else.
  std::optional<int> compare_in_place(const Node& node, const Bindings& bindings) const;
  // A variable's value, in place; throws when it has none here.
  const Scalar& lookup(const Node& node, const Bindings& bindings) const;
  // The amount a row node names, from the bound funds rows; throws when the
  // table has no such row or no amount in it.
  Number row_amount(const Node& node, const Bindings& bindings) const;
  // A node's value: a variable's in place, anything else computed into `storage`.
  const Scalar& value_of(std::uint32_t index, const Bindings& bindings, Scalar& storage) const;
  // `value` as a number or truth value, else an error at node `index`.
  Number as_number(const Scalar& value, std::uint32_t index) const;
  bool as_bool(const Scalar& value, std::uint32_t index) const;
  std::string fill(std::uint32_t index, const Bindings& bindings, Lang lang,
                   std::vector<Working::Condition>& conditions) const;
  // Working::plain of the node at `index`, with how tightly it binds.
  struct Plain {
    std::string text;
    int strength;
  };
  Plain plain(std::uint32_t index, const Bindings& bindings, Lang lang) const;
  // Whether the plain number a node gives reads as a percentage: it comes
  // from a rate, a grade or a percentage literal, not through × or ÷.
  bool reads_as_percent(std::uint32_t index) const;

  // A funds row a formula names: the key it is found by, and the label as
  // the rule wrote it (for messages and explanations).
  struct RowName {
    std::string key;
    std::string written;
  };

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> operands_;
  std::vector<RowName> rows_;
  std::uint32_t root_ = 0;
  SourceRange range_;
};

std::string describe(const Scalar& value);  // for messages: "23000人", "true", "长期"

// A value as a person reads it in a worked explanation: plain rates as
// percentages ("102.00%", "≈71.59%" when the exact value has more digits),
// other numbers exactly up to 6 decimals ("3.958", "≈3.958188"), booleans
// as 是/否 or yes/no.
std::string show(const Scalar& value, bool as_percent, Lang lang);

}  // namespace perfeval
