// Rule text to AST: PEGTL builds a parse tree (grammar.hpp), then one
// lowering pass turns the tree into ast::RuleFile. The only translation unit
// that includes PEGTL.

#include "perfeval/lang/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar.hpp"
#include "perfeval/values/utf8.hpp"
#include "target_text.hpp"

namespace perfeval {

namespace g = grammar;
namespace pegtl = tao::pegtl;
using Node = pegtl::parse_tree::node;

namespace {

// ---------------------------------------------------------------- errors

// The message code of each rule that can fail under must<> or raise<>: one
// entry per rule, so every syntax error says what was expected at that spot.
// The texts are in messages.cpp.
template <typename Rule>
inline constexpr const char* error_code = nullptr;
template <typename R>
inline constexpr const char* error_code<g::nested<R>> = error_code<R>;
// clang-format off
template <> inline constexpr const char* error_code<g::escaped> = "invalid-escape";
template <> inline constexpr const char* error_code<g::quoted_rest> = "unterminated-string";
template <> inline constexpr const char* error_code<g::number_end> = "text-after-number";
template <> inline constexpr const char* error_code<g::if_cond> = "expected-condition";
template <> inline constexpr const char* error_code<g::then_kw> = "expected-then";
template <> inline constexpr const char* error_code<g::then_branch> = "expected-operand";
template <> inline constexpr const char* error_code<g::else_kw> = "expected-else";
template <> inline constexpr const char* error_code<g::else_branch> = "expected-operand";
template <> inline constexpr const char* error_code<g::or_rhs> = "expected-operand";
template <> inline constexpr const char* error_code<g::and_rhs> = "expected-operand";
template <> inline constexpr const char* error_code<g::not_operand> = "expected-operand";
template <> inline constexpr const char* error_code<g::cmp_rhs> = "expected-operand";
template <> inline constexpr const char* error_code<g::add_rhs> = "expected-operand";
template <> inline constexpr const char* error_code<g::mul_rhs> = "expected-operand";
template <> inline constexpr const char* error_code<g::unary_operand> = "expected-operand";
template <> inline constexpr const char* error_code<g::paren_body> = "expected-operand";
template <> inline constexpr const char* error_code<g::call_arg> = "expected-operand";
template <> inline constexpr const char* error_code<g::no_chain> = "chained-comparison";
template <> inline constexpr const char* error_code<g::double_equals> = "double-equals";
template <> inline constexpr const char* error_code<g::excel_not_equal> = "use-not-equals";
template <> inline constexpr const char* error_code<g::close_paren> = "expected-closing-paren";
template <> inline constexpr const char* error_code<g::call_close> = "expected-call-close";
template <> inline constexpr const char* error_code<g::row_label> = "expected-row-label";
template <> inline constexpr const char* error_code<g::row_close> = "expected-row-close";
template <> inline constexpr const char* error_code<g::misplaced_if> = "conditional-needs-parentheses";
template <> inline constexpr const char* error_code<g::formula> = "expected-formula";
template <> inline constexpr const char* error_code<g::when_kw> = "expected-when";
template <> inline constexpr const char* error_code<g::stmt_equals> = "expected-equals";
template <> inline constexpr const char* error_code<g::grade_word> = "expected-grade-word";
template <> inline constexpr const char* error_code<g::grade_equals> = "expected-grade-equals";
template <> inline constexpr const char* error_code<g::grade_high> = "expected-grade-high";
template <> inline constexpr const char* error_code<g::category_first> = "expected-category-path";
template <> inline constexpr const char* error_code<g::category_second> = "expected-category-name";
template <> inline constexpr const char* error_code<g::category_weight_kw> = "expected-category-weight";
template <> inline constexpr const char* error_code<g::weight_number> = "expected-weight-number";
template <> inline constexpr const char* error_code<g::total_number> = "expected-total-number";
template <> inline constexpr const char* error_code<g::round_what> = "expected-round-target";
template <> inline constexpr const char* error_code<g::round_digits> = "expected-round-digits";
template <> inline constexpr const char* error_code<g::band_label> = "expected-band-label";
template <> inline constexpr const char* error_code<g::band_ge> = "expected-band-operator";
template <> inline constexpr const char* error_code<g::band_threshold> = "expected-band-threshold";
template <> inline constexpr const char* error_code<g::block_open> = "expected-open-brace";
template <> inline constexpr const char* error_code<g::base_policy> = "expected-base-policy";
template <> inline constexpr const char* error_code<g::skip_word> = "expected-skip-word";
template <> inline constexpr const char* error_code<g::placeholder_word> = "expected-placeholder-word";
template <> inline constexpr const char* error_code<g::funds_end> = "expected-funds-statement";
template <> inline constexpr const char* error_code<g::policy_name> = "expected-policy-name";
template <> inline constexpr const char* error_code<g::policy_end> = "expected-policy-statement";
template <> inline constexpr const char* error_code<g::method_name> = "expected-method-name";
template <> inline constexpr const char* error_code<g::method_end> = "expected-method-statement";
template <> inline constexpr const char* error_code<g::target_value> = "expected-target-value";
template <> inline constexpr const char* error_code<g::target> = "expected-target-value";
template <> inline constexpr const char* error_code<g::indicator_name> = "expected-indicator-name";
template <> inline constexpr const char* error_code<g::weight_kw> = "expected-weight";
template <> inline constexpr const char* error_code<g::target_kw> = "expected-target";
template <> inline constexpr const char* error_code<g::method_kw> = "expected-method";
template <> inline constexpr const char* error_code<g::method_ref> = "expected-method-reference";
template <> inline constexpr const char* error_code<g::category_slash> = "expected-category-slash";
template <> inline constexpr const char* error_code<g::category2> = "expected-category-name";
template <> inline constexpr const char* error_code<g::group_end> = "expected-indicator";
template <> inline constexpr const char* error_code<g::misplaced_indicator> = "indicator-outside-group";
template <> inline constexpr const char* error_code<g::project_name> = "expected-project-name";
template <> inline constexpr const char* error_code<g::project_policy> = "expected-project-policy";
template <> inline constexpr const char* error_code<g::policy_ref> = "expected-policy-reference";
template <> inline constexpr const char* error_code<g::project_end> = "expected-group";
template <> inline constexpr const char* error_code<g::file_end> = "expected-declaration";
template <> inline constexpr const char* error_code<g::use_target> = "expected-use-target";
// clang-format on

template <typename Rule>
struct control : pegtl::normal<Rule> {
  // must<> matches with rewind_mode::dontcare, which would leave a failed
  // rule half-consumed and the caret after e.g. the `weight` of `weightx`;
  // rewinding puts the caret at the start of what could not be read.
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    constexpr auto mode = M == pegtl::rewind_mode::dontcare ? pegtl::rewind_mode::required : M;
    return pegtl::normal<Rule>::template match<A, mode, Action, Control>(in, st...);
  }

  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, const g::ParseState& ps, States&&...) {
    static_assert(error_code<Rule> != nullptr, "every rule under must<> needs an error code");
    throw g::SyntaxError{error_code<Rule>, static_cast<std::size_t>(in.current() - ps.base)};
  }
};

// Parse-tree nodes: tokens keep their text; binary levels fold away when
// there is no operator; everything else is a node with children.
// clang-format off
template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::bare_name, g::quoted_name, g::decimal, g::number_lit, g::true_lit, g::false_lit,
        g::cmp_op, g::add_op, g::mul_op, g::call_close, g::round_score, g::round_rate, g::target,
        g::round_up, g::round_down, g::placeholder_stmt,
        g::policy_end, g::method_end, g::funds_end, g::project_end, g::group_end,
        g::conditional, g::not_op, g::neg, g::var_or_call, g::call_args, g::paren, g::row_index,
        g::policy_decl, g::method_decl, g::project_decl, g::group, g::indicator,
        g::total_stmt, g::round_stmt, g::explain_stmt, g::funds_block, g::grade_stmt,
        g::band_stmt, g::weight_stmt, g::rate_stmt, g::score_stmt, g::met_stmt,
        g::base_policy, g::total_formula_stmt, g::skip_stmt, g::require_stmt, g::category_stmt,
        g::use_decl>,
    pegtl::parse_tree::fold_one::on<g::or_expr, g::and_expr, g::cmp_expr, g::add_expr,
                                    g::mul_expr>>;
// clang-format on

// ---------------------------------------------------------------- text helpers

// How many bytes of `text` from `offset` Rule matches (0 when it does not).
template <typename Rule>
std::size_t match_length(std::string_view text, std::size_t offset) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data() + offset,
                                                     text.data() + text.size(), "");
  return pegtl::parse<Rule>(in) ? static_cast<std::size_t>(in.current() - (text.data() + offset))
                                : 0;
}

// Full-width and typographic characters an input method produces where the
// language wants ASCII, with what to type instead.
struct WideChar {
  char32_t wide;
  std::string_view ascii;
};
constexpr std::array kWideChars = {
    WideChar{U'（', "("}, WideChar{U'）', ")"}, WideChar{U'，', ","}, WideChar{U'｛', "{"},
    WideChar{U'｝', "}"}, WideChar{U'“', "\""}, WideChar{U'”', "\""}, WideChar{U'＂', "\""},
    WideChar{U'＝', "="}, WideChar{U'＞', ">"}, WideChar{U'＜', "<"}, WideChar{U'≥', ">="},
    WideChar{U'≤', "<="}, WideChar{U'≠', "!="}, WideChar{U'％', "%"}, WideChar{U'＋', "+"},
    WideChar{U'－', "-"}, WideChar{U'×', "*"},  WideChar{U'＊', "*"}, WideChar{U'／', "/"},
    WideChar{U'÷', "/"},  WideChar{U'！', "!"}, WideChar{U'．', "."}, WideChar{U'０', "0"},
    WideChar{U'１', "1"}, WideChar{U'２', "2"}, WideChar{U'３', "3"}, WideChar{U'４', "4"},
    WideChar{U'５', "5"}, WideChar{U'６', "6"}, WideChar{U'７', "7"}, WideChar{U'８', "8"},
    WideChar{U'９', "9"},
};

// Punctuation that often stands inside a real name (当期结案率（%）): right
// after a bare name, the fix is more likely quoting than retyping.
constexpr std::u32string_view kNamePunctuation = U"（）【】〔〕「」《》，、：；。“”‘’％…—·";

// Errors that come right after a name in a declaration, where a name cut
// short by punctuation shows up.
constexpr std::array<std::string_view, 9> kAfterNameCodes = {
    "expected-open-brace",   "expected-weight",        "expected-project-policy",
    "expected-grade-equals", "expected-band-operator", "expected-category-slash",
    "expected-method",       "expected-indicator",     "expected-category-weight",
};

// Errors where `至` written against a number (`80%至100%`) shows up: the
// keyword needs a space on each side, like every Chinese keyword.
constexpr std::array<std::string_view, 3> kBeforeRangeCodes = {
    "text-after-number",
    "expected-method-statement",
    "expected-policy-statement",
};

// Errors that mean "the block is not finished", which at the end of the
// file is better said as a missing '}'.
constexpr std::array<std::string_view, 5> kBlockEndCodes = {
    "expected-policy-statement", "expected-method-statement",
    "expected-funds-statement",  "expected-group",
    "expected-indicator",
};

template <typename Array>
bool contains(const Array& a, std::string_view s) {
  return std::find(a.begin(), a.end(), s) != a.end();
}

bool name_char_before(std::string_view text, std::size_t offset) {
  if (offset == 0)
    return false;
  const std::size_t start = utf8::code_point_start(text, offset - 1);
  return match_length<g::name_char>(text.substr(0, offset), start) == offset - start;
}

// Turns the first syntax error into a diagnostic: where to put the caret,
// how much to underline, and a more specific code where the text shows the
// likely cause.
Diagnostic syntax_diagnostic(const Source& src, FileId file, std::string code, std::size_t offset) {
  const std::string_view text = src.text();
  offset = std::min(offset, text.size());
  auto at = [&](std::size_t begin, std::size_t end) {
    return SourceRange{file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  };
  Diagnostic d{Severity::error, code, at(offset, offset), src.name(), {}, {}};

  if (code == "unterminated-string") {
    // Raised just after the opening quote: show the quote and the rest of its line.
    const std::size_t eol = std::min(text.find_first_of("\r\n", offset), text.size());
    d.range = at(offset - 1, eol);
    return d;
  }
  if (code == "invalid-escape") {
    d.range = at(offset - 1, offset + (offset < text.size() ? utf8::step(text, offset) : 1));
    return d;
  }
  if (code == "expected-weight-number" && text.substr(offset).starts_with("-")) {
    // -5 is a number to the person who wrote it: say why it is refused.
    d.code = "negative-weight";
    const std::size_t digits = text.find_first_not_of("0123456789.", offset + 1);
    d.range = at(offset, std::min(digits, text.size()));
    d.args = {std::string(text.substr(offset, d.range->end - offset))};
    return d;
  }
  if (offset == text.size()) {
    if (contains(kBlockEndCodes, code))
      d.code = "expected-closing-brace";
    // The caret goes right after the last thing written, not on an empty last line.
    std::size_t end = offset;
    while (end > 0 && std::string_view(" \t\r\n").find(text[end - 1]) != std::string_view::npos)
      --end;
    d.range = at(end, end);
    return d;
  }
  // The text is valid UTF-8 (parse_rules checked it), and offset < text.size().
  const utf8::CodePoint cp = utf8::decode(text, offset).value_or(utf8::CodePoint{0, 1});
  const std::string character(text.substr(offset, cp.size));
  const auto wide = std::find_if(kWideChars.begin(), kWideChars.end(),
                                 [&](const WideChar& w) { return w.wide == cp.value; });
  const bool name_punctuation = kNamePunctuation.find(cp.value) != std::u32string_view::npos;
  if (name_punctuation && contains(kAfterNameCodes, code) && name_char_before(text, offset)) {
    d.code = "full-width-in-name";
    d.args = {character};
    d.range = at(offset, offset + cp.size);
    return d;
  }
  if (contains(kBeforeRangeCodes, code) && text.substr(offset).starts_with("至")) {
    d.code = "grade-range-needs-spaces";
    d.range = at(offset, offset + cp.size);
    return d;
  }
  if (cp.value == U'　') {
    d.code = "full-width-space";
    d.range = at(offset, offset + cp.size);
    return d;
  }
  if (wide != kWideChars.end()) {
    d.code = "full-width-punctuation";
    d.args = {character, std::string(wide->ascii)};
    d.range = at(offset, offset + cp.size);
    return d;
  }
  // Underline the word that could not be read, or the one character.
  const std::size_t word = match_length<pegtl::plus<g::name_char>>(text, offset);
  d.range = at(offset, offset + std::max<std::size_t>(word, std::max<std::size_t>(cp.size, 1)));
  return d;
}

// ---------------------------------------------------------------- lowering

// Walks the parse tree once and builds the AST. Errors found here (numbers
// too large, unreadable targets, duplicate statements) are reported and the
// walk goes on, so one run shows them all; a formula nested too deeply stops
// the walk, because its AST would be too deep to handle safely.
class Lowering {
 public:
  Lowering(const Source& src, FileId file, DiagnosticSink& sink, const ParseLimits& limits,
           Layout layout)
      : src_(src),
        file_(file),
        sink_(sink),
        limits_(limits),
        base_(src.text().data()),
        start_(src.text().starts_with("\xEF\xBB\xBF") ? 3 : 0),
        layout_(layout == Layout::keep) {}

  struct TooDeep {};

  // A project declaration read by the grammar's actions (ProjectReader),
  // with the errors found in it, held until the whole file has parsed: a
  // file with a syntax error reports only that.
  struct HeldProject {
    ast::Project project;
    std::vector<Diagnostic> diagnostics;
  };
  // One top-level declaration: a parse tree, or a project already read.
  using Declaration = std::variant<std::unique_ptr<Node>, HeldProject>;

  ast::RuleFile file(const Node& root) {
    if (layout_)
      find_comments();  // only once the file has parsed
    ast::RuleFile out;
    out.file = file_;
    for (const auto& child : root.children) declaration(*child, out);
    return finish(std::move(out));
  }

  ast::RuleFile file(std::vector<Declaration>& declarations) {
    ast::RuleFile out;
    out.file = file_;
    // Kept for the whole run: no room to spare.
    out.projects.reserve(static_cast<std::size_t>(std::count_if(
        declarations.begin(), declarations.end(),
        [](const Declaration& d) { return std::holds_alternative<HeldProject>(d); })));
    for (auto& d : declarations) {
      if (auto* tree = std::get_if<std::unique_ptr<Node>>(&d)) {
        for (const auto& child : (*tree)->children) declaration(*child, out);
        tree->reset();
        continue;
      }
      auto& held = std::get<HeldProject>(d);
      for (auto& diagnostic : held.diagnostics) sink_.report(std::move(diagnostic));
      out.projects.push_back(std::move(held.project));
    }
    return finish(std::move(out));
  }

  bool failed() const { return failed_; }

  // ---- for ProjectReader: the project's parts from where they were matched
  void hold(std::vector<Diagnostic>* diagnostics) { held_ = diagnostics; }
  std::uint32_t offset(const char* at) const { return static_cast<std::uint32_t>(at - base_); }
  template <typename Input>
  SourceRange range_of(const Input& in) const {
    return range(offset(in.begin()), offset(in.end()));
  }
  template <typename Input>
  ast::Name name_of(const Input& in) {
    return name(offset(in.begin()), offset(in.end()));
  }
  template <typename Input>
  ast::NameView name_view_of(const Input& in) {
    return name_view(offset(in.begin()), offset(in.end()));
  }
  template <typename Input>
  ast::Target target_of(const Input& in) {
    return target(range_of(in));
  }
  Rational number_at(SourceRange at) { return number(at); }
  std::string_view text() const { return src_.text(); }

 private:
  void declaration(const Node& n, ast::RuleFile& out) {
    if (n.is_type<g::policy_decl>()) {
      out.items.push_back(block_item(ast::ItemKind::policy, n, out.policies.size()));
      out.policies.push_back(policy(n));
    } else if (n.is_type<g::method_decl>()) {
      out.items.push_back(block_item(ast::ItemKind::method, n, out.methods.size()));
      out.methods.push_back(method(n));
    } else if (n.is_type<g::project_decl>()) {
      if (layout_)
        out.items.push_back(block_item(ast::ItemKind::project, n, out.projects.size()));
      out.projects.push_back(project(n));
    } else if (n.is_type<g::use_decl>()) {
      out.items.push_back(line_item(ast::ItemKind::use, n, out.uses.size(), {Keyword::use}));
      out.uses.push_back({name(*n.children.front()), range(n)});
    }
  }

  ast::RuleFile finish(ast::RuleFile out) {
    out.texts = std::move(texts_);
    out.end = fodder(static_cast<std::uint32_t>(src_.text().size()));
    out.comment_count = comments_.size();
    return out;
  }

  // ---- positions and text
  std::uint32_t begin_of(const Node& n) const {
    return static_cast<std::uint32_t>(n.m_begin.data - base_);
  }
  // Composite nodes end where their last child ends, so a range never takes
  // in the spaces and comments after it.
  std::uint32_t end_of(const Node& n) const {
    const Node* last = &n;
    while (!last->children.empty()) last = last->children.back().get();
    return static_cast<std::uint32_t>(last->m_end.data - base_);
  }
  SourceRange range(const Node& n) const { return {file_, begin_of(n), end_of(n)}; }
  SourceRange range(std::uint32_t begin, std::uint32_t end) const { return {file_, begin, end}; }

  void error(std::string code, SourceRange where, std::vector<std::string> args = {},
             std::optional<Cause> cause = std::nullopt) {
    failed_ = true;
    Diagnostic d{Severity::error, std::move(code), where, {}, std::move(args), {},
                 std::move(cause)};
    if (held_)
      held_->push_back(std::move(d));
    else
      sink_.report(std::move(d));
  }

  // ---- comments and line breaks: every comment goes to the fodder of the
  // token after it, found by source position

  struct FoundComment {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;   // without the line end and trailing spaces
    std::uint32_t next = 0;  // where the token after it starts
    bool own_line = false;
    bool blank_before = false;
  };

  // The offset of the first token at or after `offset`.
  std::uint32_t skip_space(std::uint32_t offset) const {
    return offset + static_cast<std::uint32_t>(match_length<g::sp>(src_.text(), offset));
  }

  // Whether only spaces stand between the start of its line and `offset`.
  bool starts_line(std::uint32_t offset) const {
    const std::string_view text = src_.text();
    while (offset > start_ &&
           (text[offset - 1] == ' ' || text[offset - 1] == '\t' || text[offset - 1] == '\r'))
      --offset;
    return offset == start_ || text[offset - 1] == '\n';
  }

  // Whether the spaces just before `offset` hold a blank line.
  bool blank_before(std::uint32_t offset) const {
    const std::string_view text = src_.text();
    int newlines = 0;
    for (; offset > start_ &&
           std::string_view(" \t\r\n").find(text[offset - 1]) != std::string_view::npos;
         --offset)
      newlines += text[offset - 1] == '\n' ? 1 : 0;
    return newlines >= 2;
  }

  // In a file that parsed, `//` outside a quoted name always starts a comment.
  void find_comments() {
    const std::string_view text = src_.text();
    std::size_t i = start_;
    while (i < text.size()) {
      if (text[i] == '"') {
        i += std::max<std::size_t>(1, match_length<g::quoted_name>(text, i));
      } else if (text.substr(i).starts_with("//")) {
        const std::size_t length = match_length<g::comment>(text, i);
        std::size_t end = i + length;
        while (end > i && std::string_view(" \t\r\n").find(text[end - 1]) != std::string_view::npos)
          --end;
        const auto at = static_cast<std::uint32_t>(i);
        comments_.push_back({at, static_cast<std::uint32_t>(end),
                             skip_space(static_cast<std::uint32_t>(i + length)), starts_line(at),
                             blank_before(at)});
        i += length;
      } else {
        ++i;
      }
    }
  }

  std::string comment_text(const FoundComment& c) const {
    return src_.text().substr(c.begin, c.end - c.begin);
  }

  // What stands before the token at `token`.
  ast::Fodder fodder(std::uint32_t token) {
    ast::Fodder out;
    auto it = std::lower_bound(comments_.begin(), comments_.end(), token,
                               [](const FoundComment& c, std::uint32_t t) { return c.next < t; });
    for (; it != comments_.end() && it->next == token; ++it)
      out.comments.push_back({comment_text(*it), it->own_line, it->blank_before});
    out.line_break = starts_line(token);
    out.blank_line = blank_before(token);
    return out;
  }

  // Moves the comments before the tokens after `from` and before `to` (the
  // inside of a construct the formatter keeps on one line) to `f`, the
  // fodder of its first token, each on a line of its own.
  void move_inside(ast::Fodder& f, std::uint32_t from, std::uint32_t to) {
    auto it = std::upper_bound(comments_.begin(), comments_.end(), from,
                               [](std::uint32_t t, const FoundComment& c) { return t < c.next; });
    for (; it != comments_.end() && it->next < to; ++it) {
      // A blank line before the construct now comes before its comments.
      f.comments.push_back({comment_text(*it), true, f.blank_line});
      f.blank_line = false;
    }
  }

  // Which spelling of `k` stands at `offset`.
  std::uint8_t spelling_at(std::uint32_t offset, Keyword k) const {
    const std::string_view text = std::string_view(src_.text()).substr(offset);
    const Spellings& all = spellings(k);
    for (std::uint8_t i = 0; i < all.size(); ++i)
      if (!all[i].empty() && text.starts_with(all[i]))
        return i;
    return 0;
  }

  // The spelling of `k` at the first token from `offset`; `offset` moves past it.
  std::uint8_t keyword_after(std::uint32_t& offset, Keyword k) const {
    offset = skip_space(offset);
    const std::uint8_t i = spelling_at(offset, k);
    offset += static_cast<std::uint32_t>(spelling(k, i).size());
    return i;
  }

  // An item whose first token starts `n`, with the spellings of its first
  // keywords (found one after another from its start).
  ast::Item item(ast::ItemKind kind, const Node& n, std::size_t index,
                 std::initializer_list<Keyword> keywords) {
    ast::Item out{kind, index, fodder(begin_of(n)), {}, {}};
    std::uint32_t at = begin_of(n);
    for (const Keyword k : keywords) out.spellings.push_back(keyword_after(at, k));
    return out;
  }

  // A statement the formatter keeps on one line.
  ast::Item line_item(ast::ItemKind kind, const Node& n, std::size_t index,
                      std::initializer_list<Keyword> keywords) {
    ast::Item out = item(kind, n, index, keywords);
    move_inside(out.fodder, begin_of(n), end_of(n));
    return out;
  }

  // A statement whose formula is its last child: the head is kept on one line.
  ast::Item formula_item(ast::ItemKind kind, const Node& n, std::size_t index,
                         std::initializer_list<Keyword> keywords) {
    ast::Item out = item(kind, n, index, keywords);
    move_inside(out.fodder, begin_of(n), begin_of(*n.children.back()));
    return out;
  }

  // A block's header up to its `{`: `policy NAME [extends BASE]`, `method
  // NAME`, `project NAME policy NAME`, `funds` or `一级 / 二级`. Comments
  // inside it move above it.
  ast::Item block_item(ast::ItemKind kind, const Node& n, std::size_t index) {
    using K = ast::ItemKind;
    ast::Item out{kind, index, fodder(begin_of(n)), {}, {}};
    std::uint32_t at = begin_of(n);
    std::size_t names = 2;  // children of the header; the body starts after them
    switch (kind) {
      case K::policy:
        out.spellings.push_back(keyword_after(at, Keyword::policy));
        names = 1;
        if (n.children[1]->is_type<g::base_policy>()) {
          at = end_of(*n.children[0]);
          out.spellings.push_back(keyword_after(at, Keyword::extends));
          names = 2;
        }
        break;
      case K::project:
        out.spellings.push_back(keyword_after(at, Keyword::project));
        at = end_of(*n.children[0]);
        out.spellings.push_back(keyword_after(at, Keyword::policy));
        break;
      case K::method:
        out.spellings.push_back(keyword_after(at, Keyword::method));
        names = 1;
        break;
      case K::funds:
        out.spellings.push_back(keyword_after(at, Keyword::funds));
        names = 0;
        break;
      default:  // a group
        break;
    }
    move_inside(out.fodder, begin_of(n), begin_of(*n.children[names]));
    return out;
  }

  // The fodder of a block's closing brace, its last child.
  ast::Fodder close(const Node& n) { return fodder(begin_of(*n.children.back())); }

  // ---- names and numbers
  ast::Name name(const Node& n) { return name(begin_of(n), end_of(n)); }

  // The name written from `begin` to `end`: bare, or quoted (it starts with `"`).
  ast::Name name(std::uint32_t begin, std::uint32_t end) {
    const std::string_view raw = std::string_view(src_.text()).substr(begin, end - begin);
    ast::Name out{{}, range(begin, end), raw.starts_with('"')};
    if (out.quoted) {
      for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
        if (raw[i] == '\\')
          ++i;  // the grammar allows only \" and \\, so the next byte is the character
        out.text += raw[i];
      }
    } else {
      out.text = raw;
    }
    check_name(out.text, out.range);
    return out;
  }

  void check_name(std::string_view text, SourceRange at) {
    if (text.empty())
      error("empty-name", at);
    else if (text.size() > limits_.max_name_bytes)
      error("name-too-long", at,
            {std::to_string(text.size()), std::to_string(limits_.max_name_bytes)});
  }

  // The same name for an indicator: a view of the text, unless it has
  // escapes, with the same errors.
  ast::NameView name_view(std::uint32_t begin, std::uint32_t end) {
    const std::string_view raw = std::string_view(src_.text()).substr(begin, end - begin);
    const bool quoted = raw.starts_with('"');
    if (quoted && raw.find('\\') != std::string_view::npos)
      return view_of(name(begin, end));
    ast::NameView out{quoted ? raw.substr(1, raw.size() - 2) : raw, range(begin, end), quoted};
    check_name(out.text, out.range);
    return out;
  }
  ast::NameView name_view(const Node& n) { return name_view(begin_of(n), end_of(n)); }

  // An indicator's view of a name already read: where it is written, else
  // (a name with escapes) kept with the file.
  ast::NameView view_of(const ast::Name& n) {
    std::string_view raw =
        std::string_view(src_.text()).substr(n.range.begin, n.range.end - n.range.begin);
    if (n.quoted && raw.size() >= 2)
      raw = raw.substr(1, raw.size() - 2);
    return {raw == n.text ? raw : texts_->keep(n.text), n.range, n.quoted};
  }

  static std::string shorten(std::string_view text) {
    constexpr std::size_t kShown = 24;
    return text.size() <= kShown ? std::string(text) : std::string(text.substr(0, kShown)) + "...";
  }

  Rational number(const Node& n) { return number(range(n)); }

  Rational number(SourceRange at) {
    const std::string_view text = std::string_view(src_.text()).substr(at.begin, at.end - at.begin);
    try {
      if (const auto value = Rational::parse(text))
        return *value;
      error("invalid-number", at, {shorten(text)});
    } catch (const ArithmeticError&) {
      error("number-too-large", at, {shorten(text)});
    }
    return Rational{};
  }

  // ---- formulas
  ast::Expr expr(const Node& n, std::size_t& height) {
    if (n.is_type<g::paren>())
      return bracketed(n, height);
    ast::Expr out;
    out.range = range(n);
    height = 1;
    if (!n.is_type<g::or_expr>() && !n.is_type<g::and_expr>() && !n.is_type<g::cmp_expr>() &&
        !n.is_type<g::add_expr>() && !n.is_type<g::mul_expr>())
      out.fodder = fodder(out.range.begin);
    if (n.is_type<g::number_lit>()) {
      // The '%' is no child node, so end_of() would stop before it.
      out.range.end = static_cast<std::uint32_t>(n.m_end.data - base_);
      last_end_ = out.range.end;
      const bool percent = n.string_view().back() == '%';
      Rational value = number(*n.children.front());
      if (percent)
        value = value / 100;
      out.node = ast::NumberLit{value, n.string(), percent};
    } else if (n.is_type<g::true_lit>() || n.is_type<g::false_lit>()) {
      const bool value = n.is_type<g::true_lit>();
      last_end_ = static_cast<std::uint32_t>(n.m_end.data - base_);
      out.node = ast::BoolLit{
          value, spelling_at(out.range.begin, value ? Keyword::true_ : Keyword::false_)};
    } else if (n.is_type<g::var_or_call>()) {
      ast::Name fn = name(*n.children.front());
      last_end_ = fn.range.end;
      if (n.children.size() == 1) {
        out.node = ast::VarRef{std::move(fn.text), fn.quoted, std::nullopt, false};
      } else if (n.children.back()->is_type<g::row_index>()) {
        const Node& index = *n.children.back();
        ast::VarRef ref{std::move(fn.text), fn.quoted, name(*index.children.front()),
                        index.string_view().front() != '['};
        last_end_ = static_cast<std::uint32_t>(index.m_end.data - base_);
        out.range.end = last_end_;
        out.node = std::move(ref);
      } else {
        const Node& args = *n.children.back();
        ast::Call call{std::move(fn), {}, fodder(begin_of(args)), {}, {}};
        for (std::size_t i = 0; i + 1 < args.children.size(); ++i) {
          if (i > 0) {
            const std::uint32_t comma = skip_space(last_end_);
            call.comma_fodder.push_back(fodder(comma));
          }
          std::size_t h = 0;
          call.args.push_back(expr(*args.children[i], h));
          height = std::max(height, h + 1);
        }
        const Node& close_paren = *args.children.back();
        call.close_fodder = fodder(begin_of(close_paren));
        last_end_ = begin_of(close_paren) + 1;
        out.node = std::move(call);
      }
    } else if (n.is_type<g::neg>() || n.is_type<g::not_op>()) {
      const bool negate = n.is_type<g::neg>();
      const std::uint8_t spelling = negate ? 0 : spelling_at(out.range.begin, Keyword::not_);
      std::size_t h = 0;
      auto operand = std::make_unique<ast::Expr>(expr(*n.children.front(), h));
      height = h + 1;
      out.node = ast::Unary{negate ? ast::UnaryOp::negate : ast::UnaryOp::logical_not,
                            std::move(operand), spelling};
    } else if (n.is_type<g::conditional>()) {
      ast::Conditional c;
      c.spellings[0] = spelling_at(out.range.begin, Keyword::if_);
      std::array<std::size_t, 3> h{};
      c.condition = std::make_unique<ast::Expr>(expr(*n.children[0], h[0]));
      std::uint32_t at = skip_space(last_end_);
      c.then_fodder = fodder(at);
      c.spellings[1] = keyword_after(at, Keyword::then_);
      c.then_branch = std::make_unique<ast::Expr>(expr(*n.children[1], h[1]));
      at = skip_space(last_end_);
      c.else_fodder = fodder(at);
      c.spellings[2] = keyword_after(at, Keyword::else_);
      c.else_branch = std::make_unique<ast::Expr>(expr(*n.children[2], h[2]));
      height = 1 + *std::max_element(h.begin(), h.end());
      out.node = std::move(c);
    } else {
      return binary_chain(n, height);
    }
    check_height(height, out.range);
    return out;
  }

  // (a + b): the expression inside, with the brackets around it noted.
  ast::Expr bracketed(const Node& n, std::size_t& height) {
    ast::Brackets brackets{fodder(begin_of(n)), {}};
    ast::Expr inner = expr(*n.children.front(), height);
    const std::uint32_t close = skip_space(last_end_);
    brackets.close = fodder(close);
    last_end_ = close + 1;
    inner.brackets.insert(inner.brackets.begin(), std::move(brackets));
    return inner;
  }

  // a + b - c and friends: a flat list of operands and operators, folded to
  // the left. The chain is as deep as it is long, so its length counts
  // against the nesting limit.
  ast::Expr binary_chain(const Node& n, std::size_t& height) {
    const bool logical = n.is_type<g::or_expr>() || n.is_type<g::and_expr>();
    const Keyword logical_kw = n.is_type<g::or_expr>() ? Keyword::or_ : Keyword::and_;
    const ast::BinaryOp logical_op =
        n.is_type<g::or_expr>() ? ast::BinaryOp::logical_or : ast::BinaryOp::logical_and;
    std::size_t i = 0;
    ast::Expr acc = expr(*n.children[i++], height);
    while (i < n.children.size()) {
      ast::BinaryOp op = logical_op;
      std::uint32_t at = skip_space(last_end_);
      ast::Fodder op_fodder = fodder(at);
      std::uint8_t spelling = 0;
      if (logical) {
        spelling = keyword_after(at, logical_kw);
      } else {
        op = binary_op(n.children[i]->string_view());
        last_end_ = end_of(*n.children[i++]);
      }
      std::size_t h = 0;
      ast::Expr rhs = expr(*n.children[i++], h);
      ast::Expr combined;
      combined.range = range(acc.range.begin, rhs.range.end);
      height = std::max(height, h) + 1;
      check_height(height, combined.range);
      combined.node =
          ast::Binary{op, std::make_unique<ast::Expr>(std::move(acc)),
                      std::make_unique<ast::Expr>(std::move(rhs)), std::move(op_fodder), spelling};
      acc = std::move(combined);
    }
    return acc;
  }

  static ast::BinaryOp binary_op(std::string_view op) {
    using B = ast::BinaryOp;
    static constexpr std::array<std::pair<std::string_view, B>, 10> kOps = {{
        {"+", B::add},
        {"-", B::sub},
        {"*", B::mul},
        {"/", B::div},
        {"=", B::eq},
        {"!=", B::ne},
        {"<", B::lt},
        {"<=", B::le},
        {">", B::gt},
        {">=", B::ge},
    }};
    for (const auto& [text, value] : kOps)
      if (text == op)
        return value;
    return B::add;  // unreachable: the grammar matches only the operators above
  }

  void check_height(std::size_t height, SourceRange where) {
    if (height > limits_.max_nesting) {
      error("nesting-too-deep", where, {std::to_string(limits_.max_nesting)});
      throw TooDeep{};
    }
  }

  ast::Expr formula(const Node& n) {
    std::size_t height = 0;
    return expr(n, height);
  }

  // ---- statements

  // The keyword a statement starts with, as written (`rate`, `完成率`,
  // `round score`), for messages about duplicates.
  std::string keyword_text(const Node& stmt) const {
    const std::string_view text = src_.text();
    const std::uint32_t begin = begin_of(stmt);
    if (stmt.is_type<g::round_stmt>())
      return std::string(text.substr(begin, end_of(*stmt.children.front()) - begin));
    const std::size_t end = text.find_first_of(" \t\r\n={", begin);
    return std::string(text.substr(begin, std::min(end, text.size()) - begin));
  }

  // True the first time; reports a duplicate otherwise.
  bool first(std::optional<SourceRange>& seen, const Node& stmt) {
    const std::string keyword = keyword_text(stmt);
    const SourceRange where =
        range(begin_of(stmt), begin_of(stmt) + static_cast<std::uint32_t>(keyword.size()));
    if (seen) {
      failed_ = true;
      sink_.report({Severity::error,
                    "duplicate-statement",
                    where,
                    {},
                    {keyword, std::to_string(src_.position(seen->begin).line)},
                    seen});
      return false;
    }
    seen = where;
    return true;
  }

  // grade WORD = SHARE, or grade WORD = LOW .. HIGH (a band; HIGH is the share)
  ast::GradeDef grade(const Node& n, ast::Item& item) {
    ast::GradeDef out{name(*n.children[0]), formula(*n.children[1]), std::nullopt, {}};
    if (n.children.size() > 2) {
      const std::uint32_t to = skip_space(last_end_);
      out.to_fodder = fodder(to);
      item.spellings.push_back(std::string_view(src_.text()).substr(to).starts_with("..") ? 0 : 1);
      out.low = std::move(out.share);
      out.share = formula(*n.children[2]);
    }
    return out;
  }

  // A grade statement and its item.
  ast::GradeDef grade_line(const Node& n, std::vector<ast::Item>& items, std::size_t index) {
    items.push_back(item(ast::ItemKind::grade, n, index, {Keyword::grade}));
    move_inside(items.back().fodder, begin_of(n), begin_of(*n.children[1]));
    return grade(n, items.back());
  }

  // category 一级 [/ 二级] weight N
  ast::CategoryWeight category(const Node& n, std::vector<ast::Item>& items, std::size_t index) {
    items.push_back(line_item(ast::ItemKind::category, n, index, {Keyword::category}));
    std::uint32_t at = end_of(*n.children[n.children.size() - 2]);
    items.back().spellings.push_back(keyword_after(at, Keyword::weight));
    items.back().number = n.children.back()->string();
    ast::CategoryWeight out;
    out.range = range(n);
    out.category1 = name(*n.children.front());
    if (n.children.size() > 2)
      out.category2 = name(*n.children[1]);
    out.weight = number(*n.children.back());
    return out;
  }

  // `round score 2`, `round score 0 up`, `round rate 2`. Rates are shown
  // half-up everywhere, so only a score takes a mode.
  void round(const Node& s, ast::Policy& out, std::optional<SourceRange>& round_score,
             std::optional<SourceRange>& round_rate) {
    using K = ast::ItemKind;
    const bool score = s.children.front()->is_type<g::round_score>();
    const Node& digits = *s.children[1];
    out.items.push_back(line_item(score ? K::round_score : K::round_rate, s, 0,
                                  {Keyword::round, score ? Keyword::score : Keyword::rate}));
    ast::Item& item = out.items.back();
    item.number = digits.string();
    ast::Rounding mode = ast::Rounding::half_up;
    if (s.children.size() > 2) {
      const Node& written = *s.children.back();
      const bool up = written.is_type<g::round_up>();
      mode = up ? ast::Rounding::up : ast::Rounding::down;
      std::uint32_t at = begin_of(written);
      item.spellings.push_back(keyword_after(at, up ? Keyword::up : Keyword::down));
      if (!score)
        error("rate-rounding-mode", range(written), {std::string(written.string_view())});
    }
    if (first(score ? round_score : round_rate, s)) {
      (score ? out.score_digits : out.rate_digits) = round_digits(digits);
      if (score)
        out.score_rounding = mode;
    }
  }

  int round_digits(const Node& n) {
    const Rational value = number(n);
    if (!value.is_integer() || value < 0 || value > 18) {
      error("invalid-round-digits", range(n), {shorten(n.string_view())});
      return 0;
    }
    return static_cast<int>(value.numerator());
  }

  // The item of a statement of a policy, method or funds block whose meaning
  // is one field: rate, score, met, explain, require, total, weight.
  ast::Item statement_item(const Node& s, std::size_t index) {
    using K = ast::ItemKind;
    if (s.is_type<g::weight_stmt>() || s.is_type<g::total_stmt>()) {
      const bool weight = s.is_type<g::weight_stmt>();
      ast::Item out = line_item(weight ? K::weight : K::total, s, index,
                                {weight ? Keyword::weight : Keyword::total});
      out.number = s.children.front()->string();
      return out;
    }
    if (s.is_type<g::rate_stmt>())
      return formula_item(K::rate, s, index, {Keyword::rate});
    if (s.is_type<g::score_stmt>())
      return formula_item(K::score, s, index, {Keyword::score});
    if (s.is_type<g::met_stmt>())
      return formula_item(K::met, s, index, {Keyword::met});
    if (s.is_type<g::explain_stmt>())
      return formula_item(K::explain, s, index, {Keyword::explain, Keyword::when});
    if (s.is_type<g::require_stmt>())
      return formula_item(K::require, s, index, {Keyword::require});
    return formula_item(K::total_formula, s, index, {Keyword::total});
  }

  ast::FundsRule funds(const Node& n) {
    ast::FundsRule out;
    out.range = range(n);
    std::optional<SourceRange> weight, rate, score, explain;
    for (const auto& child : n.children) {
      const Node& s = *child;
      if (s.is_type<g::funds_end>())
        continue;
      out.items.push_back(statement_item(s, 0));
      if (s.is_type<g::weight_stmt>()) {
        if (first(weight, s))
          out.weight = number(*s.children.front());
      } else if (s.is_type<g::rate_stmt>()) {
        if (first(rate, s))
          out.rate = formula(*s.children.front());
      } else if (s.is_type<g::score_stmt>()) {
        if (first(score, s))
          out.score = formula(*s.children.front());
      } else if (s.is_type<g::explain_stmt>()) {
        if (first(explain, s))
          out.explain_when = formula(*s.children.front());
      }
    }
    out.close = close(n);
    if (!weight) {
      const std::string keyword = keyword_text(n);
      error("funds-missing-weight",
            range(out.range.begin, out.range.begin + static_cast<std::uint32_t>(keyword.size())));
    }
    return out;
  }

  ast::Policy policy(const Node& n) {
    using K = ast::ItemKind;
    ast::Policy out;
    out.range = range(n);
    out.name = name(*n.children.front());
    std::optional<SourceRange> total, total_formula, round_score, round_rate, explain, funds_seen;
    for (const auto& child : n.children) {
      const Node& s = *child;
      if (s.is_type<g::total_stmt>()) {
        out.items.push_back(statement_item(s, 0));
        if (first(total, s))
          out.total = number(*s.children.front());
      } else if (s.is_type<g::total_formula_stmt>()) {
        out.items.push_back(statement_item(s, 0));
        if (first(total_formula, s))
          out.total_formula = formula(*s.children.front());
      } else if (s.is_type<g::skip_stmt>()) {
        out.items.push_back(line_item(K::skip, s, out.skip_words.size(), {Keyword::skip}));
        out.skip_words.push_back(name(*s.children.front()));
      } else if (s.is_type<g::placeholder_stmt>()) {
        out.items.push_back(
            line_item(K::placeholder, s, out.placeholders.size(), {Keyword::placeholder}));
        auto& words = out.placeholders.emplace_back();
        for (const auto& word : s.children) words.push_back(name(*word));
      } else if (s.is_type<g::round_stmt>()) {
        round(s, out, round_score, round_rate);
      } else if (s.is_type<g::explain_stmt>()) {
        out.items.push_back(statement_item(s, 0));
        if (first(explain, s))
          out.explain_when = formula(*s.children.front());
      } else if (s.is_type<g::funds_block>()) {
        out.items.push_back(block_item(K::funds, s, 0));
        if (first(funds_seen, s))
          out.funds = funds(s);
      } else if (s.is_type<g::grade_stmt>()) {
        out.grades.push_back(grade_line(s, out.items, out.grades.size()));
      } else if (s.is_type<g::band_stmt>()) {
        out.items.push_back(line_item(K::band, s, out.bands.size(), {Keyword::band}));
        out.items.back().number = s.children[1]->string();
        ast::Name label = name(*s.children[0]);
        out.bands.push_back(ast::BandDef{std::move(label), number(*s.children[1]), range(s)});
      } else if (s.is_type<g::method_decl>()) {
        out.items.push_back(block_item(K::method, s, out.methods.size()));
        out.methods.push_back(method(s));
      } else if (s.is_type<g::base_policy>()) {
        out.base = name(*s.children.front());
      } else if (s.is_type<g::category_stmt>()) {
        out.categories.push_back(category(s, out.items, out.categories.size()));
      }
    }
    out.close = close(n);
    return out;
  }

  ast::Method method(const Node& n) {
    ast::Method out;
    out.range = range(n);
    out.name = name(*n.children.front());
    std::optional<SourceRange> met, rate, score, explain;
    for (const auto& child : n.children) {
      const Node& s = *child;
      if (s.is_type<g::grade_stmt>()) {
        out.grades.push_back(grade_line(s, out.items, out.grades.size()));
        continue;
      }
      if (s.is_type<g::bare_name>() || s.is_type<g::quoted_name>() || s.is_type<g::method_end>())
        continue;
      out.items.push_back(statement_item(s, out.requirements.size()));
      if (s.is_type<g::met_stmt>()) {
        if (first(met, s))
          out.met = formula(*s.children.front());
      } else if (s.is_type<g::rate_stmt>()) {
        if (first(rate, s))
          out.rate = formula(*s.children.front());
      } else if (s.is_type<g::score_stmt>()) {
        if (first(score, s))
          out.score = formula(*s.children.front());
      } else if (s.is_type<g::explain_stmt>()) {
        if (first(explain, s))
          out.explain_when = formula(*s.children.front());
      } else if (s.is_type<g::require_stmt>()) {
        out.requirements.push_back(formula(*s.children.front()));
      }
    }
    out.close = close(n);
    return out;
  }

  // The target's text goes to parse_value, the same reader the data files
  // use, so `>= 13人` means the same in both; its errors point into the text.
  ast::Target target(const Node& n) { return target(range(n)); }

  ast::Target target(SourceRange where) {
    ast::Target out;
    const std::string_view raw =
        std::string_view(src_.text()).substr(where.begin, where.end - where.begin);
    out.text = raw;
    out.range = where;
    // `source_offset` maps each byte of a quoted target read back to the text.
    std::vector<std::uint32_t> source_offset;
    const bool quoted = raw.starts_with('"');
    auto parsed = detail::read_target(raw, out.range.begin, &source_offset);
    if (auto* bad = std::get_if<ValueError>(&parsed)) {
      const std::size_t read = quoted ? source_offset.size() : raw.size();
      const std::uint32_t at = bad->offset >= read ? out.range.end
                               : quoted            ? source_offset[bad->offset]
                                        : out.range.begin + static_cast<std::uint32_t>(bad->offset);
      error("invalid-target", range(at, std::max(at, out.range.end)), {}, cause_of(*bad));
      return out;
    }
    auto& value = std::get<ParsedValue>(parsed);
    out.op = value.op;
    out.value = std::move(value.value);
    return out;
  }

  ast::Indicator indicator(const Node& n, const ast::Name& category1, const ast::Name& category2,
                           std::vector<ast::Item>& items, std::size_t index) {
    if (layout_) {
      ast::Item line = line_item(ast::ItemKind::indicator, n, index, {Keyword::indicator});
      std::uint32_t at = end_of(*n.children[0]);
      line.spellings.push_back(keyword_after(at, Keyword::weight));
      at = end_of(*n.children[1]);
      line.spellings.push_back(keyword_after(at, Keyword::target));
      at = end_of(*n.children[2]);
      line.spellings.push_back(keyword_after(at, Keyword::method));
      line.number = n.children[1]->string();
      items.push_back(std::move(line));
    }
    ast::Indicator out;
    out.range = range(n);
    out.category1 = view_of(category1);
    out.category2 = view_of(category2);
    out.name = name_view(*n.children[0]);
    out.weight = number(*n.children[1]);
    out.weight_range = range(*n.children[1]);
    out.target = target(*n.children[2]);
    out.method = name_view(*n.children[3]);
    return out;
  }

  ast::Project project(const Node& n) {
    ast::Project out;
    out.range = range(n);
    out.name = name(*n.children[0]);
    out.policy = name(*n.children[1]);
    for (const auto& child : n.children) {
      const Node& group = *child;
      if (group.is_type<g::category_stmt>())
        out.categories.push_back(category(group, out.items, out.categories.size()));
      if (!group.is_type<g::group>())
        continue;
      if (layout_)
        out.items.push_back(block_item(ast::ItemKind::group, group, out.groups.size()));
      ast::Group written{name(*group.children[0]), name(*group.children[1]), {}, {}};
      for (const auto& item : group.children)
        if (item->is_type<g::indicator>())
          out.indicators.push_back(indicator(*item, written.category1, written.category2,
                                             written.items, out.indicators.size()));
      if (layout_) {
        written.close = close(group);
        out.groups.push_back(std::move(written));
      }
    }
    if (layout_)
      out.close = close(n);
    // Most project types are loaded once and kept for the whole run.
    out.indicators.shrink_to_fit();
    return out;
  }

  const Source& src_;
  FileId file_;
  DiagnosticSink& sink_;
  const ParseLimits& limits_;
  const char* base_;
  std::uint32_t start_;  // after a byte-order mark
  std::vector<FoundComment> comments_;
  std::uint32_t last_end_ = 0;  // the end of the last token of the formula being lowered
  bool failed_ = false;
  std::vector<Diagnostic>* held_ = nullptr;  // errors go here instead of to the sink
  bool layout_ = true;  // keep what `perfeval fmt` needs: comments, spellings, items
  std::unique_ptr<ast::TextStore> texts_ = std::make_unique<ast::TextStore>();
};

// ---------------------------------------------------------------- projects

// Reads a project declaration as the grammar matches it, straight into its
// AST: a large folder is mostly project declarations, and a parse tree of
// them (a node per name, number and keyword) costs more than the AST. Only
// for Layout::drop, so nothing `perfeval fmt` needs is kept. The lowering
// reads the parts with the same code as from a tree, in the same order, so
// the AST and the messages are the same.
struct ProjectReader {
  Lowering& lowering;
  // The indicators read so far, in a vector kept from one project to the
  // next; each project gets a copy of exactly its size.
  std::vector<ast::Indicator>& indicators;
  Lowering::HeldProject out{};
  ast::NameView category1{};  // of the group being read
  ast::NameView category2{};
  ast::Indicator indicator{};      // being read
  ast::CategoryWeight category{};  // being read
  SourceRange number{};            // the last weight read
};

template <typename Rule>
struct project_action : pegtl::nothing<Rule> {};

template <>
struct project_action<g::project_name> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.out.project.name = r.lowering.name_of(in);
  }
};
template <>
struct project_action<g::policy_ref> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.out.project.policy = r.lowering.name_of(in);
  }
};
template <>
struct project_action<g::category_first> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.category = {};
    r.category.category1 = r.lowering.name_of(in);
  }
};
template <>
struct project_action<g::category_second> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.category.category2 = r.lowering.name_of(in);
  }
};
template <>
struct project_action<g::weight_number> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.number = r.lowering.range_of(in);
  }
};
template <>
struct project_action<g::category_stmt> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.category.weight = r.lowering.number_at(r.number);
    r.category.range = r.lowering.range_of(in);
    r.out.project.categories.push_back(std::move(r.category));
  }
};
template <>
struct project_action<g::category1> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.category1 = r.lowering.name_view_of(in);
  }
};
template <>
struct project_action<g::category2> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.category2 = r.lowering.name_view_of(in);
  }
};
template <>
struct project_action<g::indicator_name> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.indicator.name = r.lowering.name_view_of(in);
  }
};
template <>
struct project_action<g::target> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    // The weight before it is read first, as its errors come first.
    r.indicator.weight = r.lowering.number_at(r.number);
    r.indicator.weight_range = r.number;
    r.indicator.target = r.lowering.target_of(in);
  }
};
template <>
struct project_action<g::method_ref> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.indicator.method = r.lowering.name_view_of(in);
  }
};
template <>
struct project_action<g::indicator> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.indicator.range = r.lowering.range_of(in);
    r.indicator.category1 = r.category1;
    r.indicator.category2 = r.category2;
    r.indicators.push_back(std::move(r.indicator));
    r.indicator = {};
  }
};
template <>
struct project_action<g::project_decl> {
  template <typename Input>
  static void apply(const Input& in, g::ParseState&, ProjectReader& r) {
    r.out.project.range = r.lowering.range_of(in);
    // Most project types are loaded once and kept for the whole run, packed.
    if (!r.out.project.packed.pack(r.indicators, r.lowering.text(), r.out.project.range)) {
      r.out.project.indicators.assign(std::make_move_iterator(r.indicators.begin()),
                                      std::make_move_iterator(r.indicators.end()));
    }
    r.indicators.clear();
  }
};

// Parses the file a declaration at a time: projects through ProjectReader,
// the rest into parse trees, lowered once the whole file has parsed.
// Positions are counted only for a message, so the input tracks lazily.
using RuleInput = pegtl::memory_input<pegtl::tracking_mode::lazy>;

std::vector<Lowering::Declaration> read_declarations(RuleInput& in, g::ParseState& state,
                                                     Lowering& lowering) {
  std::vector<Lowering::Declaration> out;
  pegtl::parse<g::sp, pegtl::nothing, control>(in, state);
  std::vector<ast::Indicator> indicators;
  for (;;) {
    indicators.clear();
    ProjectReader reader{lowering, indicators};
    lowering.hold(&reader.out.diagnostics);
    const bool project =
        pegtl::parse<g::project_declaration, project_action, control>(in, state, reader);
    lowering.hold(nullptr);
    if (project) {
      out.emplace_back(std::move(reader.out));
      continue;
    }
    auto tree =
        pegtl::parse_tree::parse<g::tree_declaration, selector, pegtl::nothing, control>(in, state);
    if (!tree)
      break;
    out.emplace_back(std::move(tree));
  }
  pegtl::parse<pegtl::must<g::file_end>, pegtl::nothing, control>(in, state);
  return out;
}

}  // namespace

namespace detail {

// For the test that proves the grammar has no rule that can loop without
// consuming input (declared there; only this file may include PEGTL).
std::size_t grammar_problems() {
  return pegtl::analyze<g::rule_file>(1);
}

}  // namespace detail

std::optional<ast::RuleFile> parse_rules(FileId file, const SourceManager& sources,
                                         DiagnosticSink& sink, const ParseLimits& limits,
                                         Layout layout) {
  const Source& src = sources.get(file);
  const std::string& text = src.text();
  if (text.size() > limits.max_file_bytes) {
    sink.error("file-too-large", {file, 0, 0},
               {std::to_string(text.size()), std::to_string(limits.max_file_bytes)});
    return std::nullopt;
  }
  // Editors on Windows often save UTF-8 with a byte-order mark; it is not text.
  const std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  if (const auto bad = utf8::find_invalid(text, start)) {
    const auto at = static_cast<std::uint32_t>(*bad);
    sink.error("invalid-utf8", {file, at, at + 1},
               {fmt::format("0x{:02X}", static_cast<unsigned char>(text[*bad]))});
    return std::nullopt;
  }

  RuleInput in(text.data() + start, text.data() + text.size(), src.name());
  g::ParseState state{text.data(), 0, limits.max_nesting};
  Lowering lowering(src, file, sink, limits, layout);
  std::unique_ptr<Node> root;
  std::vector<Lowering::Declaration> declarations;
  try {
    if (layout == Layout::keep)
      root = pegtl::parse_tree::parse<g::rule_file, selector, pegtl::nothing, control>(in, state);
    else
      declarations = read_declarations(in, state, lowering);
  } catch (const g::SyntaxError& e) {
    Diagnostic d = syntax_diagnostic(src, file, e.code, e.offset);
    if (d.code == "nesting-too-deep")
      d.args = {std::to_string(limits.max_nesting)};
    sink.report(std::move(d));
    return std::nullopt;
  } catch (const pegtl::parse_error& e) {
    // Not expected: every rule that can raise has a code above.
    const std::size_t at = start + (e.positions().empty() ? 0 : e.positions().front().byte);
    Diagnostic d = syntax_diagnostic(src, file, "syntax-error", at);
    d.code = "syntax-error";
    d.args = {std::string(e.message())};
    sink.report(std::move(d));
    return std::nullopt;
  }
  if (layout == Layout::keep && !root) {
    sink.report(syntax_diagnostic(src, file, "expected-declaration", start));
    return std::nullopt;
  }

  try {
    ast::RuleFile out = root ? lowering.file(*root) : lowering.file(declarations);
    if (lowering.failed())
      return std::nullopt;
    return out;
  } catch (const Lowering::TooDeep&) {
    return std::nullopt;
  }
}

}  // namespace perfeval
