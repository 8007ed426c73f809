#include <catch2/catch.hpp>
#include <string>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/values/value.hpp"

using namespace perfeval;

namespace {

// A ValueError's text as the diagnostics that carry it show it.
std::string message_en(const ValueError& e) {
  return message_text(cause_of(e), Lang::en);
}
std::string message_zh(const ValueError& e) {
  return message_text(cause_of(e), Lang::zh);
}

const Rational::Int kMax = ((Rational::Int{1} << 126) - 1) + (Rational::Int{1} << 126);

Rational num(const char* text) {
  return *Rational::parse(text);
}

ParsedValue ok(const std::string& text) {
  auto result = parse_value(text);
  INFO("text: " << text);
  const auto* e = std::get_if<ValueError>(&result);
  INFO("error: " << (e != nullptr ? message_en(*e) : ""));
  REQUIRE(std::holds_alternative<ParsedValue>(result));
  return std::get<ParsedValue>(result);
}

Quantity quantity(const std::string& text) {
  const ParsedValue parsed = ok(text);
  INFO("text: " << text);
  REQUIRE(std::holds_alternative<Quantity>(parsed.value));
  return std::get<Quantity>(parsed.value);
}

Date date(const std::string& text) {
  const ParsedValue parsed = ok(text);
  INFO("text: " << text);
  REQUIRE(std::holds_alternative<Date>(parsed.value));
  return std::get<Date>(parsed.value);
}

ValueError fail(const std::string& text) {
  std::variant<ParsedValue, ValueError> result;
  REQUIRE_NOTHROW(result = parse_value(text));
  INFO("text: " << text);
  REQUIRE(std::holds_alternative<ValueError>(result));
  const ValueError e = std::get<ValueError>(result);
  CHECK_FALSE(message_en(e).empty());
  CHECK_FALSE(message_zh(e).empty());
  CHECK(e.offset <= text.size());
  return e;
}

Quantity q(const char* amount, const char* unit) {
  return Quantity{num(amount), unit};
}

}  // namespace

TEST_CASE("quantities with units", "[value]") {
  CHECK(quantity("13人") == q("13", "人"));
  CHECK(quantity("13 人") == q("13", "人"));
  CHECK(quantity("40课时") == q("40", "课时"));
  CHECK(quantity("150家") == q("150", "家"));
  CHECK(quantity("-5人") == q("-5", "人"));
  CHECK(quantity("1,602.88元") == q("1602.88", "元"));
  CHECK(quantity("0") == q("0", ""));
  CHECK(quantity("2.5") == q("2.5", ""));
  CHECK(quantity("12月") == q("12", "月"));
  CHECK(quantity("3年") == q("3", "年"));
  CHECK(quantity("  8期 ") == q("8", "期"));
  CHECK(quantity("8\xe3\x80\x80期\xe3\x80\x80") == q("8", "期"));  // full-width spaces
}

TEST_CASE("万 and 亿 fold into the amount", "[value]") {
  CHECK(quantity("2.30万人") == q("23000", "人"));
  CHECK(quantity("13.41万人次") == q("134100", "人次"));
  CHECK(quantity("240万元") == q("2400000", "元"));
  CHECK(quantity("1.5亿元") == q("150000000", "元"));
  CHECK(quantity("1万亿元") == q("1000000000000", "元"));
  CHECK(quantity("0.5万条") == q("5000", "条"));
  // A unit that is only 万 is a unit of its own.
  CHECK(quantity("3万") == q("3", "万"));
  CHECK(quantity("3亿") == q("3", "亿"));
}

TEST_CASE("天 and 日 are one unit", "[value]") {
  CHECK(quantity("5天") == q("5", "日"));
  CHECK(quantity("5日") == q("5", "日"));
  CHECK(comparable(quantity("5天"), quantity("3日")));
}

TEST_CASE("percentages divide by 100", "[value]") {
  CHECK(quantity("96.25%") == q("0.9625", "%"));
  CHECK(quantity("96.25 %") == q("0.9625", "%"));
  CHECK(quantity("96.25％") == q("0.9625", "%"));
  CHECK(quantity("100%") == q("1", "%"));
  CHECK(quantity("-5%") == q("-0.05", "%"));
}

TEST_CASE("operators", "[value]") {
  CHECK(ok("=13.41万人次").op == CompareOp::eq);
  CHECK(ok(">=13人").op == CompareOp::ge);
  CHECK(ok(">= 13 人").op == CompareOp::ge);
  CHECK(ok("<=240万元").op == CompareOp::le);
  CHECK(ok("> 5个").op == CompareOp::gt);
  CHECK(ok("< 3日").op == CompareOp::lt);
  CHECK(ok("＞＝5").op == CompareOp::ge);
  CHECK(ok("＜＝5").op == CompareOp::le);
  CHECK(ok("≥5").op == CompareOp::ge);
  CHECK(ok("≤5").op == CompareOp::le);
  CHECK(ok("＝5").op == CompareOp::eq);
  CHECK(ok("＞5").op == CompareOp::gt);
  CHECK(ok("＜5").op == CompareOp::lt);
  CHECK(ok("13人").op == CompareOp::none);
  CHECK(ok("=0").op == CompareOp::eq);
  CHECK(message_en(fail("==5")).find("more than one comparison operator") != std::string::npos);
  CHECK(message_en(fail("=>5")).find("more than one comparison operator") != std::string::npos);
  CHECK(message_en(fail("= ≥5")).find("more than one comparison operator") != std::string::npos);
  CHECK(quantity(">= 13 人") == q("13", "人"));
}

TEST_CASE("dates", "[value]") {
  CHECK(date("2024年12月10日") == Date{2024, 12, 10});
  CHECK(date("2024年12月10日前") == Date{2024, 12, 10});
  CHECK(date("2024年12月10日 前") == Date{2024, 12, 10});
  CHECK(date("2024年12月10日之前") == Date{2024, 12, 10});
  CHECK(date("2024年02月09日") == Date{2024, 2, 9});
  CHECK(date("2024-12-10") == Date{2024, 12, 10});
  CHECK(date("2024-12-10前") == Date{2024, 12, 10});
  CHECK(date("2024年2月29日") == Date{2024, 2, 29});
  CHECK(date("2000年2月29日") == Date{2000, 2, 29});
  CHECK(date("2024年12月31日") == Date{2024, 12, 31});
  CHECK(Date{2024, 12, 9} < Date{2024, 12, 10});
  CHECK(Date{2023, 12, 31} < Date{2024, 1, 1});
}

TEST_CASE("a date without an operator means on or before", "[value]") {
  CHECK(ok("2024年12月10日").op == CompareOp::le);
  CHECK(ok("2024年12月10日前").op == CompareOp::le);
  CHECK(ok("2024-12-10").op == CompareOp::le);
  CHECK(ok("=2024年12月9日").op == CompareOp::eq);
  CHECK(ok(">=2024年12月10日前").op == CompareOp::ge);
}

TEST_CASE("dates that do not exist", "[value]") {
  const ValueError feb30 = fail("2024年2月30日");
  CHECK(message_en(feb30) == "'2024年2月30日' is not a date: February 2024 has 29 days");
  CHECK(message_zh(feb30) == "“2024年2月30日”不是有效日期：2024年2月只有29天");
  CHECK(feb30.offset == 11);  // the day

  const ValueError feb29 = fail("2023年2月29日");
  CHECK(message_en(feb29) == "'2023年2月29日' is not a date: February 2023 has 28 days");
  CHECK(message_en(fail("1900年2月29日")).find("has 28 days") != std::string::npos);
  CHECK(message_en(fail("2024年4月31日")).find("April 2024 has 30 days") != std::string::npos);
  CHECK(fail("=2024年4月31日前").offset == 12);

  const ValueError month13 = fail("2024年13月1日");
  CHECK(message_en(month13) == "'2024年13月1日' is not a date: there is no month 13");
  CHECK(month13.offset == 7);
  CHECK(message_en(fail("2024年0月1日")).find("no month 0") != std::string::npos);
  CHECK(message_en(fail("2024年1月0日")).find("no day 0") != std::string::npos);
  CHECK(message_en(fail("2024-02-30")).find("February 2024 has 29 days") != std::string::npos);
  CHECK(message_en(fail("2024-13-01")).find("no month 13") != std::string::npos);
}

TEST_CASE("malformed dates", "[value]") {
  const ValueError no_day = fail("2024年12月");
  CHECK(no_day.offset == 12);
  CHECK(message_en(no_day).find("has no day") != std::string::npos);
  CHECK(message_zh(no_day).find("缺少日") != std::string::npos);
  CHECK(message_en(fail("2024年12月前")).find("has no day") != std::string::npos);
  CHECK(message_en(fail("2024年")).find("month and day") != std::string::npos);
  CHECK(fail("2024年底").offset == 7);
  CHECK(message_en(fail("24年12月1日")).find("four digits") != std::string::npos);
  CHECK(message_en(fail("2024年12月10号")).find("日") != std::string::npos);
  CHECK(fail("2024年12月10日后").offset == 17);
  CHECK(message_en(fail("2024-12")).find("2024-12-31") != std::string::npos);
  CHECK(fail("2024-123-1").offset == 0);
}

TEST_CASE("words", "[value]") {
  for (const char* word : {"长期", "保障", "提高", "达到预期指标", "达到预期指标值", "-"}) {
    const ParsedValue parsed = ok(word);
    CHECK(parsed.op == CompareOp::none);
    CHECK(parsed.value == Value{Word{word}});
  }
  CHECK(ok("  有效促进 ").value == Value{Word{"有效促进"}});
  CHECK(ok("=长期").op == CompareOp::eq);
  CHECK(ok("=长期").value == Value{Word{"长期"}});
}

TEST_CASE("malformed values name the place and the problem", "[value]") {
  const ValueError empty = fail("");
  CHECK(message_en(empty) == "empty value");
  CHECK(message_zh(empty) == "值为空");
  CHECK(message_zh(fail("  \t")) == "值为空");

  const ValueError op_only = fail(">=");
  CHECK(op_only.offset == 2);
  CHECK(message_en(op_only) == "'>=' is not followed by a value");
  CHECK(message_zh(fail("＝ ")) == "“＝”后面缺少值");
  CHECK(fail(">==13").offset == 2);

  const ValueError trailing = fail("13人 abc");
  CHECK(trailing.offset == 6);
  CHECK(message_en(trailing) == "unexpected 'abc' after '13人'");
  CHECK(message_zh(trailing) == "“13人”后面有多余的“abc”");
  CHECK(fail("13人。").offset == 5);
  CHECK(fail("10-20人").offset == 2);

  const ValueError bad_number = fail("1.2.3万元");
  CHECK(bad_number.offset == 0);
  CHECK(message_en(bad_number).find("'1.2.3' is not a number") == 0);
  CHECK(fail(">= 1,60人").offset == 3);
  CHECK(message_en(fail("+5")).find("plus sign") != std::string::npos);
  CHECK(message_en(fail(".5")).find("0.5") != std::string::npos);
  CHECK(message_en(fail("-.5")).find("0.5") != std::string::npos);

  const ValueError unit = fail("13 km");
  CHECK(unit.offset == 3);
  CHECK(message_en(unit).find("'km' is not a unit") == 0);

  const ValueError digits_in_word = fail("第2名");
  CHECK(digits_in_word.offset == 3);
  CHECK(message_en(digits_in_word).find("neither a number nor a word") != std::string::npos);

  const ValueError fullwidth = fail("１３人");
  CHECK(fullwidth.offset == 0);
  CHECK(message_en(fullwidth) == "'１３人' uses full-width digits: write '13人'");
}

// The usual "=13.41万人次" is read by a shortcut that leaves everything
// unusual to the general reader. A leading space sends any text to the
// general reader (which skips it), so each text must read the same with
// and without one: the same value, or an error both ways.
TEST_CASE("the shortcut for plain quantities agrees with the general reader", "[value]") {
  int values = 0;
  for (const char* op : {"", "=", ">=", "<=", ">", "<", "＝", "==", "≥"}) {
    for (const char* number :
         {"0", "13", "-5", "2.30", "0.9625", "007", "1,602.88", "1.2.3", ".5", "+5", "5.", "-",
          "123456789012345678", "1234567890123456789", "0.0000000000000000001", "2024", ""}) {
      for (const char* unit : {"", "%", "％", "人", "万人", "亿元", "万", "天", "年", "人次",
                               "人。", "abc", " 人", "人 ", "１", "-12-10", "年12月9日", "°"}) {
        const std::string text = std::string(op) + number + unit;
        INFO("text: '" << text << "'");
        const auto direct = parse_value(text);
        const auto general = parse_value(" " + text);
        REQUIRE(direct.index() == general.index());
        if (const auto* a = std::get_if<ParsedValue>(&direct)) {
          const auto& b = std::get<ParsedValue>(general);
          CHECK(a->op == b.op);
          CHECK(a->value == b.value);
          ++values;
        }
      }
    }
  }
  CHECK(values > 200);
}

TEST_CASE("parse_value_into reads into one value as parse_value reads each", "[value]") {
  // One object reused for values of every kind, as the bulk loader does,
  // holds exactly what parse_value gives; an error is false.
  ParsedValue reused;
  for (const char* text :
       {"=13人", "达到预期指标", ">=2.30万人", "2024年12月9日", "96.25%", "=100%", "<=240万元",
        "不适用", "0", "13\xff人", "", "=13人", "2024-12-10", "1,602.88元", "≥95%", "1.2.3"}) {
    INFO("text: '" << text << "'");
    const auto expected = parse_value(text);
    const bool read = parse_value_into(text, reused);
    REQUIRE(read == std::holds_alternative<ParsedValue>(expected));
    if (read) {
      CHECK(reused.op == std::get<ParsedValue>(expected).op);
      CHECK(reused.value == std::get<ParsedValue>(expected).value);
    }
  }
}

TEST_CASE("invalid UTF-8 is an error, not a crash", "[value]") {
  CHECK(fail("13\xff人").offset == 2);
  CHECK(fail("13\xe4\xba").offset == 2);            // truncated 人
  CHECK(fail("\xc0\xaf").offset == 0);              // overlong '/'
  CHECK(fail("长期\xed\xa0\x80").offset == 6);      // surrogate
  CHECK(fail("13\xf4\x90\x80\x80人").offset == 2);  // past U+10FFFF
  // The three-byte forms most units take, each way one can go wrong.
  CHECK(fail("13人\xe4\x41\x80").offset == 5);  // a second byte that does not continue
  CHECK(fail("13人\xe4\xba\x41").offset == 5);  // a third byte that does not continue
  CHECK(fail("13\xe0\x80\x80").offset == 2);    // overlong
  CHECK(fail("13\xed\xa0\x80").offset == 2);    // surrogate
  CHECK(std::get<ParsedValue>(parse_value("13\xef\xbc\x85")).value.index() == 0);  // 13％
  CHECK(message_en(fail("13\xff人")).find("UTF-8") != std::string::npos);
}

TEST_CASE("numbers too large are errors", "[value]") {
  const std::string huge(400, '9');
  const ValueError e = fail(">=" + huge + "人");
  CHECK(e.offset == 2);
  CHECK(message_en(e).find("too large") != std::string::npos);
  CHECK(message_en(e).size() < 120);  // the number is shortened in the message
  // Fits as a number, but not once 亿 is folded in.
  CHECK(message_en(fail("170141183460469231731687303715884105727亿元")).find("too large") !=
        std::string::npos);
}

TEST_CASE("comparable", "[value]") {
  CHECK(comparable(quantity("13人"), quantity("5人")));
  CHECK(comparable(quantity("2.3万人"), quantity("5人")));
  CHECK_FALSE(comparable(quantity("13人"), quantity("5人次")));
  CHECK_FALSE(comparable(quantity("13人"), quantity("5")));
  CHECK(comparable(quantity("0"), quantity("5人")));
  CHECK(comparable(quantity("5人"), quantity("0")));
  CHECK(comparable(quantity("0"), quantity("96%")));
  CHECK_FALSE(comparable(quantity("0人"), quantity("5元")));
  CHECK(comparable(quantity("50%"), quantity("96.25%")));
  CHECK(comparable(date("2024-12-10"), date("2024年1月1日")));
  CHECK(comparable(Value{Word{"长期"}}, Value{Word{"达到预期指标"}}));
  CHECK_FALSE(comparable(date("2024-12-10"), quantity("0")));
  CHECK_FALSE(comparable(Value{Word{"长期"}}, quantity("0")));
  CHECK_FALSE(comparable(Value{Word{"长期"}}, date("2024-12-10")));
}

TEST_CASE("display and unit names", "[value]") {
  CHECK(to_display(quantity("2.30万人")) == "23000人");
  CHECK(to_display(quantity("96.25%")) == "96.25%");
  CHECK(to_display(quantity("0.5%")) == "0.5%");
  CHECK(to_display(quantity("-5%")) == "-5%");
  CHECK(to_display(Quantity{Rational::fraction(1, 3), "%"}) == "33.333333333333333333%");
  CHECK(to_display(quantity("5天")) == "5日");
  CHECK(to_display(quantity("2.50")) == "2.5");
  CHECK(to_display(date("2024-02-09")) == "2024年2月9日");
  CHECK(to_display(Value{Word{"长期"}}) == "长期");
  // Percentages too large to multiply by 100 still display exactly.
  CHECK(to_display(Quantity{Rational::fraction(kMax, 1), "%"}) ==
        "17014118346046923173168730371588410572700%");
  CHECK(to_display(Quantity{Rational::fraction(-kMax, 3), "%"}) ==
        "-5671372782015641057722910123862803524233.3333333333333333%");

  CHECK(unit_of(quantity("13人次")) == "人次");
  CHECK(unit_of(quantity("96%")) == "%");
  CHECK(unit_of(quantity("13")) == "");
  // A date or a word has no unit: the message code of what it is.
  CHECK(unit_of(date("2024-12-10")) == "value-kind-date");
  CHECK(unit_of(Value{Word{"长期"}}) == "value-kind-text");
}

TEST_CASE("operator names", "[value]") {
  CHECK(to_string(CompareOp::ge) == ">=");
  CHECK(to_string(CompareOp::gt) == ">");
  CHECK(to_string(CompareOp::le) == "<=");
  CHECK(to_string(CompareOp::lt) == "<");
  CHECK(to_string(CompareOp::eq) == "=");
  CHECK(to_string(CompareOp::none) == "");
}
