#pragma once

// The grammar of rule files (docs/language.md), for PEGTL 3.2.7.
//
// Conventions: every rule that becomes a parse-tree node ends at its last
// significant character; the spacing after a token is matched by the rule
// that contains it (`sp`). After a keyword that commits, the rest is under
// must<>, so the first error stops the parse with the message of the rule
// that failed (the table is in parser.cpp). Only parser.cpp includes this.

#include <cstddef>
#include <string_view>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "keywords.hpp"

namespace perfeval::grammar {

using namespace tao::pegtl;  // NOLINT: the grammar reads as PEGTL's own examples

// Parser state shared by the custom rules below.
struct ParseState {
  const char* base = nullptr;  // the first byte of the file, for offsets
  std::size_t depth = 0;
  std::size_t max_depth = 0;
};

// Thrown for the first syntax error: a message code and a byte offset.
struct SyntaxError {
  const char* code;
  std::size_t offset;
};

// Matches R one level deeper in a formula; stops hostile nesting before it
// overflows the stack.
template <typename R>
struct nested : seq<R> {
  template <apply_mode A, rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, ParseState& ps, States&&... st) {
    if (ps.depth >= ps.max_depth)
      throw SyntaxError{"nesting-too-deep", static_cast<std::size_t>(in.current() - ps.base)};
    ++ps.depth;
    const bool ok = Control<R>::template match<A, M, Action, Control>(in, ps, st...);
    --ps.depth;
    return ok;
  }
};

// ---- characters and spacing
// `//` to the end of the line
struct comment : seq<two<'/'>, until<eolf>> {};
// CRLF is two spaces here
struct space_or_comment : sor<one<' ', '\t', '\r', '\n'>, comment> {};
// what may follow any token
struct sp : star<space_or_comment> {};
// non-ASCII letters; not punctuation
struct non_ascii_letter
    : tao::pegtl::utf8::ranges<0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x1FFF, 0x2C00, 0x2FFF, 0x3004, 0x3007,
                               0x3021, 0x302F, 0x3031, 0xD7FF, 0xF900, 0xFE0F, 0xFE20, 0xFE2F,
                               0xFE70, 0xFEFE, 0xFF10, 0xFF19, 0xFF21, 0xFF3A, 0xFF41, 0xFF5A,
                               0xFF66, 0xFFEF, 0x10000, 0x10FFFF> {};
// the same, with the usual cases first: most of a rule file's names are CJK
// ideographs, U+4000 to U+9FFF, three bytes led by E4 to E9 (none of them
// overlong or a surrogate), which need no decoding
struct cjk_char {
  using rule_t = cjk_char;
  using subs_t = empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    if (in.empty() || static_cast<unsigned char>(in.peek_char()) < 0x80)
      return false;  // ASCII: a space, a digit, punctuation
    if (in.size(3) >= 3) {
      const auto* p = reinterpret_cast<const unsigned char*>(in.current());
      if (p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        in.bump_in_this_line(3);
        return true;
      }
    }
    return non_ascii_letter::match(in);
  }
};
// letters, digits, `_`, CJK
struct name_char : sor<identifier_other, cjk_char> {};
// a name starts with no ASCII digit
struct name_first : sor<identifier_first, cjk_char> {};
// `权重系数` is one name
struct word_end : not_at<name_char> {};

// ---- keywords: their spellings are in keywords.hpp
// one spelling of keyword K
template <Keyword K>
struct spelled {
  using rule_t = spelled;
  using subs_t = empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    for (const std::string_view s : spellings(K)) {
      if (!s.empty() && in.size(s.size()) >= s.size() &&
          std::string_view(in.current(), s.size()) == s) {
        in.bump(s.size());
        return true;
      }
    }
    return false;
  }
};
// a whole word only
template <Keyword K>
struct keyword : seq<spelled<K>, word_end> {};
struct kw_policy : keyword<Keyword::policy> {};
struct kw_method : keyword<Keyword::method> {};
struct kw_project : keyword<Keyword::project> {};
struct kw_indicator : keyword<Keyword::indicator> {};
struct kw_total : keyword<Keyword::total> {};
struct kw_round : keyword<Keyword::round> {};
struct kw_rate : keyword<Keyword::rate> {};
struct kw_explain : keyword<Keyword::explain> {};
struct kw_funds : keyword<Keyword::funds> {};
struct kw_weight : keyword<Keyword::weight> {};
struct kw_target : keyword<Keyword::target> {};
struct kw_grade : keyword<Keyword::grade> {};
struct kw_band : keyword<Keyword::band> {};
// `extends`: a policy that starts from another and changes some of it
struct kw_extends : keyword<Keyword::extends> {};
struct kw_score : keyword<Keyword::score> {};
struct kw_met : keyword<Keyword::met> {};
// `skip`: a word that marks an indicator not applicable
struct kw_skip : keyword<Keyword::skip> {};
struct kw_when : keyword<Keyword::when> {};
// `category`: the weight a 一级 or 一级 / 二级 category must add up to
struct kw_category : keyword<Keyword::category> {};
// `require`: a condition an indicator must meet before it is scored
struct kw_require : keyword<Keyword::require> {};
// `至`: the Chinese spelling of `..` between the two ends of a grade's band
struct kw_to : keyword<Keyword::to> {};
struct kw_if : keyword<Keyword::if_> {};
struct kw_then : keyword<Keyword::then_> {};
struct kw_else : keyword<Keyword::else_> {};
struct kw_and : keyword<Keyword::and_> {};
struct kw_or : keyword<Keyword::or_> {};
struct kw_not : keyword<Keyword::not_> {};
struct kw_true : keyword<Keyword::true_> {};
struct kw_false : keyword<Keyword::false_> {};
// `placeholder`: explanation text that counts as no explanation
struct kw_placeholder : keyword<Keyword::placeholder> {};
// `up` after the digits of `round score`: round toward the larger number
struct kw_up : keyword<Keyword::up> {};
// `down` after the digits of `round score`: round toward the smaller number
struct kw_down : keyword<Keyword::down> {};
// `use`: the declarations of another rule file or folder
struct kw_use : keyword<Keyword::use> {};

// ---- names and numbers
// what may follow a backslash
struct escaped : one<'"', '\\'> {};
// `\"` or `\\`
struct escape : seq<one<'\\'>, must<escaped>> {};
// one line only, so a lost quote is found
struct quoted_char : sor<escape, not_one<'"', '\\', '\r', '\n'>> {};
// the text and the closing quote
struct quoted_rest : seq<star<quoted_char>, one<'"'>> {};
// "2024年自治区就业补助资金"
struct quoted_name : seq<one<'"'>, must<quoted_rest>> {};
// 在站博士后数量, 新疆2024
struct bare_name : seq<name_first, star<name_char>> {};
// any name
struct name : sor<quoted_name, bare_name> {};
// 10, 2.5
struct decimal : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};
// `100分` is not a plain number
struct number_end : not_at<name_char> {};
// a weight, total, threshold
struct plain_number : seq<decimal, must<number_end>> {};

// spaces on one line, as inside a row index
struct same_line_space : star<one<' ', '\t'>> {};

// ---- formulas, loosest first
struct expr;
struct and_expr;
struct not_expr;
struct cmp_expr;
struct add_expr;
struct mul_expr;
struct unary;
struct primary;
// the right side of a statement
struct formula : seq<expr> {};
// between `if` and `then`
struct if_cond : seq<expr> {};
// `then` of an if
struct then_kw : kw_then {};
// after `then`
struct then_branch : seq<expr> {};
// `else` of an if
struct else_kw : kw_else {};
// after `else`
struct else_branch : seq<expr> {};
// if c then a else b
struct conditional : seq<kw_if, sp, must<nested<if_cond>, then_kw>, sp,
                         must<nested<then_branch>, else_kw>, sp, must<nested<else_branch>>> {};
// after `or`
struct or_rhs : seq<and_expr> {};
// a or b
struct or_expr : seq<and_expr, star<kw_or, sp, must<or_rhs>>> {};
// after `and`
struct and_rhs : seq<not_expr> {};
// a and b
struct and_expr : seq<not_expr, star<kw_and, sp, must<and_rhs>>> {};
// after `not`
struct not_operand : seq<not_expr> {};
// not a
struct not_op : seq<kw_not, sp, must<nested<not_operand>>> {};
// `not` binds looser than `=`
struct not_expr : sor<not_op, cmp_expr> {};
// `==` from other languages
struct double_equals : seq<at<two<'='>>, raise<double_equals>> {};
// `<>` from spreadsheets
struct excel_not_equal : seq<at<string<'<', '>'>>, raise<excel_not_equal>> {};
// a comparison
struct cmp_op : sor<string<'!', '='>, string<'<', '='>, string<'>', '='>, one<'<', '>', '='>> {};
// what may start a comparison
struct cmp_symbol : sor<double_equals, excel_not_equal, cmp_op> {};
// after a comparison operator
struct cmp_rhs : seq<add_expr> {};
// `a < b < c` is ambiguous
struct no_chain : not_at<cmp_symbol> {};
// a < b
struct cmp_expr : seq<add_expr, opt<cmp_symbol, sp, must<cmp_rhs, no_chain>>> {};
// + or -
struct add_op : one<'+', '-'> {};
// after + or -
struct add_rhs : seq<mul_expr> {};
// a + b - c
struct add_expr : seq<mul_expr, star<add_op, sp, must<add_rhs>>> {};
// * or /
struct mul_op : one<'*', '/'> {};
// after * or /
struct mul_rhs : seq<unary> {};
// a * b / c
struct mul_expr : seq<unary, star<mul_op, sp, must<mul_rhs>>> {};
// after a leading minus
struct unary_operand : seq<unary> {};
// -a
struct neg : seq<one<'-'>, sp, must<nested<unary_operand>>> {};
// a value, maybe negated
struct unary : sor<neg, primary> {};
// inside ( )
struct paren_body : seq<expr> {};
// the ) of a bracket
struct close_paren : one<')'> {};
// (a + b)
struct paren : seq<one<'('>, sp, must<nested<paren_body>, close_paren>> {};
// 0.5, 100%
struct number_lit : seq<decimal, opt<one<'%'>>, must<number_end>> {};
// true, 真
struct true_lit : kw_true {};
// false, 假
struct false_lit : kw_false {};
// one argument
struct call_arg : seq<expr> {};
// the ) of a call
struct call_close : one<')'> {};
// (a, b)
struct call_args
    : seq<one<'('>, sp, opt<nested<call_arg>, star<one<','>, sp, must<nested<call_arg>>>>,
          must<call_close>> {};
// never a variable
struct reserved : sor<kw_if, kw_then, kw_else, kw_and, kw_or, kw_not, kw_true, kw_false, kw_to> {};
// `[` or the full-width `【` a Chinese input method types
struct row_open : sor<one<'['>, tao::pegtl::utf8::one<0x3010>> {};
// the row's label, bare or quoted
struct row_label : seq<name> {};
// `]` or `】`
struct row_close : sor<one<']'>, tao::pegtl::utf8::one<0x3011>> {};
// [本级资金]: one row of the funds block, written against the amount
struct row_index
    : seq<row_open, same_line_space, must<row_label>, same_line_space, must<row_close>> {};
// rate, min(a, b), executed[本级资金]
struct var_or_call : seq<not_at<reserved>, name, sor<row_index, opt<sp, call_args>>> {};
// `1 + if ...` needs brackets
struct misplaced_if : seq<at<kw_if>, raise<misplaced_if>> {};
// a value
struct primary : seq<sor<paren, number_lit, true_lit, false_lit, misplaced_if, var_or_call>, sp> {};
// a whole formula
struct expr : sor<conditional, or_expr> {};

// ---- statements (policies, funds, methods)
// `=` of rate/score/met
struct stmt_equals : one<'='> {};
// `when` after explain
struct when_kw : kw_when {};
// explain when rate < 90%
struct explain_stmt : seq<kw_explain, sp, must<when_kw>, sp, must<formula>> {};
// rate = actual / target
struct rate_stmt : seq<kw_rate, sp, must<stmt_equals>, sp, must<formula>> {};
// score = weight * rate
struct score_stmt : seq<kw_score, sp, must<stmt_equals>, sp, must<formula>> {};
// met = actual >= target
struct met_stmt : seq<kw_met, sp, must<stmt_equals>, sp, must<formula>> {};
// 达到预期指标
struct grade_word : seq<name> {};
// `=` after the grade word
struct grade_equals : one<'='> {};
// `..` or `至` between the ends of a band
struct grade_to : sor<two<'.'>, kw_to> {};
// the upper end of a band, after `..`
struct grade_high : seq<expr> {};
// `.. 100%`: the grade is a band from the formula before to this one
struct grade_range : seq<grade_to, sp, must<grade_high>> {};
// grade 达到预期指标 = 100%, grade 达成年度指标 = 80% .. 100%
struct grade_stmt : seq<kw_grade, sp, must<grade_word>, sp, must<grade_equals>, sp, must<formula>,
                        opt<grade_range>> {};
// require entered >= weight * grade_low
struct require_stmt : seq<kw_require, sp, must<formula>> {};
// 10
struct weight_number : seq<plain_number> {};
// weight 10
struct weight_stmt : seq<kw_weight, sp, must<weight_number>> {};
// 100
struct total_number : seq<plain_number> {};
// total 100
struct total_stmt : seq<kw_total, sp, must<total_number>> {};
// total = indicators + funds_score: how the project total is made
struct total_formula_stmt : seq<kw_total, sp, stmt_equals, sp, must<formula>> {};
// 不适用
struct skip_word : seq<name> {};
// skip 不适用: an actual of this word drops the indicator
struct skip_stmt : seq<kw_skip, sp, must<skip_word>> {};
// "0", 无
struct placeholder_word : seq<name> {};
// spaces on the same line: the words of a placeholder statement end with it
struct same_line : star<one<' ', '\t'>> {};
// placeholder "0" "无" "/": explanations written so count as none
struct placeholder_stmt
    : seq<kw_placeholder, sp, must<placeholder_word>, star<same_line, placeholder_word>> {};
// `round score`
struct round_score : kw_score {};
// `round rate`
struct round_rate : kw_rate {};
// what is rounded
struct round_what : sor<round_score, round_rate> {};
// decimal places
struct round_digits : seq<plain_number> {};
// `up`: the last digit kept goes up whenever anything is cut (ceiling)
struct round_up : kw_up {};
// `down`: whatever is cut is dropped (floor)
struct round_down : kw_down {};
// how to round; half-up when not written
struct round_mode : sor<round_up, round_down> {};
// round score 2, round score 0 up
struct round_stmt
    : seq<kw_round, sp, must<round_what>, sp, must<round_digits>, opt<same_line, round_mode>> {};
// 优
struct band_label : seq<name> {};
// bands are lower bounds
struct band_ge : string<'>', '='> {};
// 90
struct band_threshold : seq<plain_number> {};
// band 优 >= 90
struct band_stmt : seq<kw_band, sp, must<band_label>, sp, must<band_ge>, sp, must<band_threshold>> {
};
// { after a header
struct block_open : one<'{'> {};
// 产出指标, the 一级 category of a `category` line
struct category_first : seq<not_at<kw_weight>, name> {};
// `/` between the two levels of a `category` line
struct category_path_slash : one<'/'> {};
// 数量指标, the 二级 category of a `category` line
struct category_second : seq<not_at<kw_weight>, name> {};
// `/ 数量指标`
struct category_sub : seq<category_path_slash, sp, must<category_second>, sp> {};
// `weight` of a category
struct category_weight_kw : kw_weight {};
// category 产出指标 weight 50, category 产出指标 / 数量指标 weight 30
struct category_stmt : seq<kw_category, sp, must<category_first>, sp, opt<category_sub>,
                           must<category_weight_kw>, sp, must<weight_number>> {};
// one funds statement
struct funds_stmt : seq<sor<weight_stmt, rate_stmt, score_stmt, explain_stmt>, sp> {};
// } of funds
struct funds_end : one<'}'> {};
// funds { ... }
struct funds_block : seq<kw_funds, sp, must<block_open>, sp, star<funds_stmt>, must<funds_end>> {};
// one method statement
struct method_stmt
    : seq<sor<grade_stmt, met_stmt, rate_stmt, score_stmt, explain_stmt, require_stmt>, sp> {};
// 按照完成比例赋分
struct method_name : seq<name> {};
// } of a method
struct method_end : one<'}'> {};
// method NAME { ... }
struct method_decl : seq<kw_method, sp, must<method_name>, sp, must<block_open>, sp,
                         star<method_stmt>, must<method_end>> {};
// one policy statement; a method declared inside a policy is that policy's
// own meaning of the name, so switching a project's policy switches methods
struct policy_stmt
    : seq<sor<total_formula_stmt, total_stmt, round_stmt, explain_stmt, funds_block, grade_stmt,
              band_stmt, method_decl, skip_stmt, placeholder_stmt, category_stmt>,
          sp> {};
// 新疆2024
struct policy_name : seq<name> {};
// } of a policy
struct policy_end : one<'}'> {};
// the policy another one starts from
struct base_policy : seq<name> {};
// extends 全国模板
struct policy_base : seq<kw_extends, sp, must<base_policy>, sp> {};
// policy NAME [extends BASE] { ... }
struct policy_decl : seq<kw_policy, sp, must<policy_name>, sp, opt<policy_base>, must<block_open>,
                         sp, star<policy_stmt>, must<policy_end>> {};

// ---- targets: the grammar only finds where one ends; parse_value reads it
// what values are written with
struct value_char : sor<name_char, one<'.', '%', '-', ','>> {};
// >=, <=, >, <, =
struct target_op : sor<string<'>', '='>, string<'<', '='>, one<'>', '<', '='>> {};
// 13, 2024-12-10
struct target_number : seq<opt<one<'-'>>, digit, star<sor<digit, one<'.', ',', '-'>>>> {};
// 人, 万元, 年12月10日前, %
struct target_unit : seq<sor<name_char, one<'%'>>, star<value_char>> {};
// `13 人`
struct spaced_unit : seq<plus<one<' ', '\t'>>, not_at<kw_method>, target_unit> {};
// 2.30万人
struct target_quantity : seq<target_number, opt<sor<target_unit, spaced_unit>>> {};
// 长期, 有效促进
struct target_word : seq<not_at<kw_method>, plus<value_char>> {};
// after the operator
struct target_value : sor<target_quantity, target_word> {};
// >= 13人
struct target : sor<quoted_name, seq<opt<target_op, star<one<' ', '\t'>>>, must<target_value>>> {};

// ---- projects
// 举办招聘会次数, never `weight`
struct indicator_name : seq<not_at<kw_weight>, name> {};
// `weight` of an indicator
struct weight_kw : kw_weight {};
// `target` of an indicator
struct target_kw : kw_target {};
// `method` of an indicator
struct method_kw : kw_method {};
// the method an indicator uses
struct method_ref : seq<name> {};
// indicator NAME weight N target T method M
struct indicator
    : seq<kw_indicator, sp, must<indicator_name>, sp, must<weight_kw>, sp, must<weight_number>, sp,
          must<target_kw>, sp, must<target>, sp, must<method_kw>, sp, must<method_ref>> {};
// 产出指标, the 一级 category of a group
struct category1 : seq<name> {};
// between the two categories
struct category_slash : one<'/'> {};
// 数量指标
struct category2 : seq<name> {};
// } of a group
struct group_end : one<'}'> {};
// 产出指标 / 数量指标 { ... }
struct group : seq<category1, sp, must<category_slash>, sp, must<category2>, sp, must<block_open>,
                   sp, star<indicator, sp>, must<group_end>> {};
// indicators belong in groups
struct misplaced_indicator : seq<at<kw_indicator>, raise<misplaced_indicator>> {};
// "2024年自治区就业补助资金"
struct project_name : seq<name> {};
// `policy` after the project's name
struct project_policy : kw_policy {};
// the policy a project uses
struct policy_ref : seq<name> {};
// } of a project
struct project_end : one<'}'> {};
// project NAME policy P { ... }
struct project_decl
    : seq<kw_project, sp, must<project_name>, sp, must<project_policy>, sp, must<policy_ref>, sp,
          must<block_open>, sp, star<sor<misplaced_indicator, category_stmt, group>, sp>,
          must<project_end>> {};

// ---- the file
// "../library", 全国模板: a rule file or folder, found by the loader
struct use_target : seq<name> {};
// use "../library"
struct use_decl : seq<kw_use, sp, must<use_target>> {};
// one top-level statement or block
struct declaration : seq<sor<use_decl, policy_decl, method_decl, project_decl>, sp> {};
// nothing after the last block
struct file_end : eof {};
// a whole rule file
struct rule_file : seq<sp, star<declaration>, must<file_end>> {};

// The same file read a declaration at a time (see parse_rules): a project's
// declaration straight into its AST, any other into a parse tree.
struct project_declaration : seq<project_decl, sp> {};
struct tree_declaration : seq<sor<use_decl, policy_decl, method_decl>, sp> {};

}  // namespace perfeval::grammar

// A keyword always consumes input when it matches (for analyze<>).
template <typename Name, perfeval::Keyword K>
struct tao::pegtl::analyze_traits<Name, perfeval::grammar::spelled<K>> : analyze_any_traits<> {};
// A CJK character always consumes input when it matches (for analyze<>).
template <typename Name>
struct tao::pegtl::analyze_traits<Name, perfeval::grammar::cjk_char> : analyze_any_traits<> {};
