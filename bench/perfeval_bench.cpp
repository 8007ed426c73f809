// perfeval_bench: how long a rules folder takes to load, and how many project
// tables one core scores per second. See bench/README.md.
//
//   perfeval_bench [--projects N | --indicators N] [--seed S] [--rules DIR]
//                  [--repeat R] [--rule-loads L] [--write DIR] [--jsonl FILE]
//                  [--latency-calls C] [--no-bench]
//
// The synthetic tables are made from the project types of the rules folder:
// each project picks one at random and gives every indicator an actual value
// in the unit of its target (mostly on target, some a few percent over or
// under, grade words for qualitative targets, dates around deadlines), then
// prints the completion rates and scores a filled-in table would carry. The
// same seed gives the same tables, and project k is the same whatever N is.

#include <fmt/format.h>
#include <sched.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "grouped.hpp"
#include "perfeval/lang/checker.hpp"
#include "perfeval/lang/parser.hpp"
#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/internal/data_fast.hpp"
#include "perfeval/runtime/program.hpp"
#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/rule_set.hpp"

#ifndef PERFEVAL_SOURCE_DIR
#define PERFEVAL_SOURCE_DIR "."
#endif
#ifndef PERFEVAL_BUILD_TYPE
#define PERFEVAL_BUILD_TYPE "unknown"
#endif

namespace {

using perfeval::CompareOp;
using perfeval::Rational;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start, Clock::time_point stop) {
  return std::chrono::duration<double>(stop - start).count();
}

// ------------------------------------------------------------------ options

struct Options {
  std::size_t projects = 100000;
  std::uint64_t seed = 1;
  std::filesystem::path rules = PERFEVAL_SOURCE_DIR "/rules";
  int repeat = 3;
  int rule_loads = 50;
  std::optional<std::filesystem::path> write;
  std::optional<std::filesystem::path> jsonl;
  // Make projects until this many indicators are reached (instead of --projects).
  std::optional<std::size_t> indicators;
  bool bench = true;                   // false: only make the data and write it
  std::size_t latency_calls = 100000;  // per overload; 0: no latency measurement
};

constexpr std::string_view kUsage =
    "usage: perfeval_bench [--projects N | --indicators N] [--seed S] [--rules DIR]\n"
    "                      [--repeat R] [--rule-loads L] [--write DIR] [--jsonl FILE]\n"
    "                      [--latency-calls C] [--no-bench]\n"
    "\n"
    "  --projects N    synthetic projects to score (default 100000)\n"
    "  --indicators N  instead of --projects: as many projects as it takes to reach N\n"
    "                  indicators (projects 0, 1, 2, ... are the same either way)\n"
    "  --seed S        seed of the synthetic data (default 1)\n"
    "  --rules DIR     rules folder (default: the repository's rules/)\n"
    "  --repeat R      timed passes per scoring mode; the best is reported (default 3)\n"
    "  --rule-loads L  times the rules folder is loaded; the mean is reported (default 50)\n"
    "  --write DIR     also write the generated data files to DIR, to score them with\n"
    "                  the perfeval command and compare\n"
    "  --jsonl FILE    also write the generated projects to FILE as JSON Lines: one\n"
    "                  project a line, the same object as a data file, compact\n"
    "  --latency-calls C  calls of each score_project overload timed one by one on a\n"
    "                  project of 10 indicators held in memory (default 100000; 0: none)\n"
    "  --no-bench      only make the data and write it (--write, --jsonl): no timing,\n"
    "                  and no table is kept in memory once written\n";

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "perfeval_bench: " << message << "\n\n" << kUsage;
  std::exit(2);
}

template <typename T>
T parse_number(std::string_view flag, std::string_view text, T min) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min) {
    usage_error(fmt::format("{} needs a whole number of at least {}, not '{}'", flag, min, text));
  }
  return value;
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int k = 1; k < argc; ++k) {
    const std::string_view flag = argv[k];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (flag == "--no-bench") {
      options.bench = false;
      continue;
    }
    if (k + 1 >= argc) {
      usage_error(fmt::format("unknown option or missing value: {}", flag));
    }
    const std::string_view value = argv[++k];
    if (flag == "--projects") {
      options.projects = parse_number<std::size_t>(flag, value, 1);
    } else if (flag == "--seed") {
      options.seed = parse_number<std::uint64_t>(flag, value, 0);
    } else if (flag == "--rules") {
      options.rules = value;
    } else if (flag == "--repeat") {
      options.repeat = parse_number<int>(flag, value, 1);
    } else if (flag == "--rule-loads") {
      options.rule_loads = parse_number<int>(flag, value, 1);
    } else if (flag == "--indicators") {
      options.indicators = parse_number<std::size_t>(flag, value, 1);
    } else if (flag == "--latency-calls") {
      options.latency_calls = parse_number<std::size_t>(flag, value, 0);
    } else if (flag == "--write") {
      options.write = std::filesystem::path(value);
    } else if (flag == "--jsonl") {
      options.jsonl = std::filesystem::path(value);
    } else {
      usage_error(fmt::format("unknown option: {}", flag));
    }
  }
  if (!options.bench && !options.write && !options.jsonl) {
    usage_error("--no-bench makes data only: give --write DIR or --jsonl FILE");
  }
  return options;
}

// ------------------------------------------------------------------ machine

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("model name")) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        return line.substr(line.find_first_not_of(" \t", colon + 1));
      }
    }
  }
  return "unknown";
}

// What `nproc` prints: the CPUs this process may run on.
int cpus_available() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    return CPU_COUNT(&set);
  }
  return 0;
}

std::string compiler() {
#if defined(__clang__)
  return "clang " __clang_version__;
#elif defined(__GNUC__)
  return "g++ " __VERSION__;
#else
  return "unknown";
#endif
}

// ------------------------------------------------------------------ random

// SplitMix64, written out so that a seed gives the same tables with any
// standard library (std::uniform_int_distribution is implementation-defined).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi]; the modulo bias is far below anything measured here.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(int per_mille) { return next() % 1000 < static_cast<std::uint64_t>(per_mille); }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(items.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

// ------------------------------------------------------------------ values

// Days since 1970-01-01 and back (H. Hinnant's civil calendar algorithms).
long long days_from_civil(long long y, long long m, long long d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

perfeval::Date civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

// A quantity target as the table writes it: ">= 2.30万人" is 2.30 in 万人,
// so actual values can be written the same way ("=2.42万人").
struct WrittenQuantity {
  Rational number;
  std::string unit;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

bool same_quantity(const std::string& text, const perfeval::Quantity& q) {
  const auto parsed = perfeval::parse_value(text);
  const auto* value = std::get_if<perfeval::ParsedValue>(&parsed);
  const auto* quantity = value ? std::get_if<perfeval::Quantity>(&value->value) : nullptr;
  return quantity && *quantity == q;
}

WrittenQuantity written_quantity(const perfeval::ast::Target& target) {
  const auto& q = std::get<perfeval::Quantity>(target.value);
  std::string_view text = trim(target.text);
  for (const std::string_view op :
       {">=", "<=", "＞＝", "＜＝", "≥", "≤", "≧", "≦", ">", "<", "＞", "＜", "=", "＝"}) {
    if (text.starts_with(op)) {
      text.remove_prefix(op.size());
      break;
    }
  }
  text = trim(text);
  std::size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) ||
                               text[end] == '.' || text[end] == ',' || text[end] == '-')) {
    ++end;
  }
  try {
    if (const auto number = Rational::parse(text.substr(0, end))) {
      WrittenQuantity written{*number, std::string(trim(text.substr(end)))};
      if (same_quantity("=" + written.number.to_string() + written.unit, q)) {
        return written;
      }
    }
  } catch (const perfeval::ArithmeticError&) {
  }
  // Not written the usual way: fall back to the base unit.
  return q.unit == "%" ? WrittenQuantity{q.amount * 100, "%"} : WrittenQuantity{q.amount, q.unit};
}

bool starts_with_multiplier(std::string_view unit) {
  return unit.starts_with("万") || unit.starts_with("亿");
}

// An actual value for a quantity target: about half exactly on target, the
// rest a few percent better or worse, in the target's own unit.
std::string quantity_actual(Rng& rng, CompareOp op, const WrittenQuantity& target) {
  const std::string prefix = rng.chance(970) ? "=" : "";
  if (target.number.is_zero()) {  // 错案率 = 0
    return prefix + (rng.chance(970) ? "0" : "1") + target.unit;
  }
  const bool percent = target.unit == "%";
  const bool whole = target.number.is_integer() && !percent &&
                     !starts_with_multiplier(target.unit) &&
                     target.unit.find("元") == std::string::npos;
  const int digits = whole ? 0 : 2;
  const auto roll = rng.between(0, 999);
  int direction = 0;  // +1 above the target, -1 below it
  switch (op) {
    case CompareOp::ge:
    case CompareOp::gt:
      direction = roll < 450 ? 0 : (roll < 850 ? 1 : -1);
      direction = op == CompareOp::gt && direction == 0 ? 1 : direction;
      break;
    case CompareOp::le:
    case CompareOp::lt:
      direction = roll < 450 ? 0 : (roll < 900 ? -1 : 1);
      direction = op == CompareOp::lt && direction == 0 ? -1 : direction;
      break;
    case CompareOp::eq:
    case CompareOp::none:
      direction = roll < 850 ? 0 : (roll < 930 ? -1 : 1);
      break;
  }
  Rational value = target.number;
  if (direction != 0) {
    const std::int64_t per_mille = direction > 0 ? rng.between(5, 120) : rng.between(5, 80);
    value = (target.number * Rational::fraction(1000 + direction * per_mille, 1000))
                .round_half_up(digits);
    if (value == target.number) {  // 2场 a few percent off is still 2场
      value = value + (whole ? Rational(direction) : Rational::fraction(direction, 100));
    }
    if (value.sign() < 0) {
      value = Rational(0);
    }
    if (percent && value > Rational(100)) {
      value = Rational(100);  // a rate of 100% is as good as it gets
    }
    if (target.unit == "月" && value > Rational(12)) {
      value = Rational(12);  // paid by 12月 at the latest
    }
  }
  return prefix + value.to_string() + target.unit;
}

// A day around a deadline: mostly a few days early, some on the day, some late.
std::string date_actual(Rng& rng, const perfeval::Date& deadline) {
  const auto roll = rng.between(0, 999);
  const std::int64_t offset =
      roll < 120 ? 0 : (roll < 920 ? -rng.between(1, 25) : rng.between(1, 10));
  const perfeval::Date day =
      civil_from_days(days_from_civil(deadline.year, deadline.month, deadline.day) + offset);
  if (rng.chance(100)) {
    return fmt::format("={:04}-{:02}-{:02}", day.year, day.month, day.day);
  }
  return fmt::format("={}年{}月{}日", day.year, day.month, day.day);
}

// A grade word this indicator understands: mostly a full one.
std::optional<std::string> grade_actual(Rng& rng, const perfeval::CompiledIndicator& indicator) {
  std::vector<std::string> full;
  std::vector<std::string> partial;
  std::vector<std::string> none;
  for (const auto& grade : *indicator.grades) {
    (grade.share >= Rational(1) ? full
     : grade.share.is_zero()    ? none
                                : partial)
        .push_back(grade.word);
  }
  const auto roll = rng.between(0, 999);
  if (roll >= 990 && !none.empty()) {
    return rng.pick(none);
  }
  if (roll >= 930 && !partial.empty()) {
    return rng.pick(partial);
  }
  if (full.empty()) {
    return std::nullopt;
  }
  return rng.chance(950) ? full.front() : rng.pick(full);
}

// 12345 cents -> "123.45"; with grouping, 432946 -> "4,329.46".
std::string money(std::int64_t cents, bool grouping) {
  const auto whole = static_cast<std::uint64_t>(cents / 100);
  return fmt::format("{}.{:02}", grouping ? grouped(whole) : std::to_string(whole), cents % 100);
}

// ------------------------------------------------------------------ projects

const std::vector<std::string> kImplementers = {
    "人力资源和社会保障局", "就业服务中心",     "劳动保障监察支队",
    "劳动人事争议仲裁院",   "人才发展服务中心", "社会保险事业管理局",
};

const std::vector<std::string> kGoals = {
    "围绕年度重点工作，保障项目按计划实施，提升公共服务水平，确保资金使用规范、高效。",
    "通过项目实施，进一步完善工作机制，提高服务质量和群众满意度，推动各项任务落实。",
    "按照年初计划有序推进各项工作，强化资金管理，确保项目效益充分发挥。",
};

const std::vector<std::string> kAchieved = {
    "截止2024年12月31日，项目各项工作已按计划完成，资金支付及时，达到预期目标。",
    "项目按期完成，各项指标基本达到预期，部分指标因客观原因与预期值存在偏差。",
    "全年完成各项既定任务，服务对象满意度较高，资金使用规范。",
};

const std::vector<std::string> kExplanations = {
    "受政策调整影响，实际完成值与年初预期存在偏差，下一步将加强预算编制的科学性。",
    "由于工作推进较快，宣传广泛，实际完成情况优于预期目标，今后将合理设定指标值。",
    "部分工作受客观因素影响未能全部完成，将加强跟踪督导，确保按期完成。",
    "项目资金节约使用，实际支出低于预算，后续将进一步提高预算编制的精准度。",
};

struct Generated {
  perfeval::ProjectData data;
  std::string planned;  // funds as written, thousands separators and all
  std::string budget;
  std::string executed;
};

[[noreturn]] void fail(const std::string& message, const perfeval::DiagnosticSink& sink,
                       const perfeval::SourceManager& sources) {
  std::cerr << "perfeval_bench: " << message << "\n";
  for (const auto& d : sink.all()) {
    std::cerr << perfeval::render(d, sources, perfeval::Lang::en) << "\n";
  }
  std::exit(1);
}

[[noreturn]] void generator_bug(const std::string& what, const perfeval::DiagnosticSink& sink,
                                const perfeval::SourceManager& rule_sources) {
  fail("the generator made a table perfeval does not take: " + what, sink, rule_sources);
}

Generated make_project(Rng& rng, std::size_t index, const std::string& type,
                       const perfeval::CompiledProject& project) {
  Generated g;
  perfeval::ProjectData& data = g.data;
  data.file = fmt::format("synthetic/{:06}.json", index);
  data.project = type;
  data.kind = project.policy->name.find("单位整体") != std::string::npos ? "unit" : "project";
  data.year = 2024;
  data.department = "昌吉州人力资源和社会保障局";
  data.implementer = rng.pick(kImplementers);
  data.goals_planned = rng.pick(kGoals);
  data.goals_achieved = rng.pick(kAchieved);
  data.source = fmt::format("perfeval_bench synthetic #{}", index);

  // 全年预算数 between 1 and 500 万元, sometimes up to 5000; mostly spent in full.
  const std::int64_t budget =
      rng.chance(900) ? rng.between(100, 50000) : rng.between(50000, 500000);
  const std::int64_t planned = rng.chance(700) ? budget : budget * rng.between(50, 100) / 100;
  const auto roll = rng.between(0, 999);
  const std::int64_t executed = roll < 750   ? budget
                                : roll < 950 ? budget * rng.between(900, 999) / 1000
                                             : budget * rng.between(600, 899) / 1000;
  const bool grouping = rng.chance(500);
  g.planned = money(planned, grouping);
  g.budget = money(budget, grouping);
  g.executed = money(executed, grouping);
  data.funds.planned = *Rational::parse(g.planned);
  data.funds.budget = *Rational::parse(g.budget);
  data.funds.executed = *Rational::parse(g.executed);
  if (data.kind == "unit") {
    data.funds.sources = {{"上级资金", "0.00", "0.00", "0.00"},
                          {"本级资金", g.planned, g.budget, g.executed},
                          {"其他资金", "0.00", "0.00", "0.00"}};
  } else {
    data.funds.sources = {{"其中：当年财政拨款", g.planned, g.budget, g.executed},
                          {"其他资金", "0.00", "0.00", "0.00"}};
  }

  for (const auto& indicator : project.indicators) {
    const auto& decl = *indicator.decl;
    const auto& target = decl.target;
    perfeval::IndicatorData row;
    row.name = decl.name.text;
    std::optional<std::string> word;
    if (std::holds_alternative<perfeval::Word>(target.value) ||
        (std::holds_alternative<perfeval::Quantity>(target.value) &&
         std::get<perfeval::Quantity>(target.value).unit == "%" && rng.chance(30))) {
      word = grade_actual(rng, indicator);  // 达到预期指标 for a rate, now and then
    }
    if (word) {
      row.actual_text = *word;
    } else if (const auto* date = std::get_if<perfeval::Date>(&target.value)) {
      row.actual_text = date_actual(rng, *date);
    } else if (std::holds_alternative<perfeval::Quantity>(target.value)) {
      row.actual_text = quantity_actual(rng, target.op, written_quantity(target));
    } else {
      std::cerr << "perfeval_bench: " << type << " / " << row.name
                << " has a qualitative target but no grade word worth 100%\n";
      std::exit(1);
    }
    const auto parsed = perfeval::parse_value(row.actual_text);
    if (const auto* e = std::get_if<perfeval::ValueError>(&parsed)) {
      std::cerr << "perfeval_bench: generated '" << row.actual_text << "' for " << row.name
                << ", which perfeval cannot read: "
                << perfeval::message_text(perfeval::cause_of(*e), perfeval::Lang::en) << "\n";
      std::exit(1);
    }
    row.actual = std::get<perfeval::ParsedValue>(parsed);
    row.basis = rng.chance(800) ? "其他标准" : "计划标准";
    row.last_year = "-";
    row.rule = decl.method.text;
    row.evidence = decl.category1.text == "成本指标" ? "原始凭证" : "工作资料";
    data.indicators.push_back(std::move(row));
  }
  return g;
}

// Fills in what the person filling in the table prints: rates, scores, the
// total and the explanations of deviations, from a scoring of the table
// itself, with a slip of 0.1 in about one score in a hundred.
void fill_reported(Rng& rng, Generated& g, const perfeval::ProjectResult& result) {
  perfeval::ProjectData& data = g.data;
  data.funds.reported.rate = perfeval::percent(result.funds.rate, result.rate_digits);
  data.funds.reported.score = result.funds.score.to_fixed(2);
  Rational printed_total = result.funds.score;
  for (std::size_t k = 0; k < data.indicators.size(); ++k) {
    perfeval::IndicatorData& row = data.indicators[k];
    const perfeval::IndicatorResult& r = result.indicators[k];
    Rational score = r.score_rounded;
    if (rng.chance(10)) {
      score = score + Rational::fraction(rng.chance(500) ? 1 : -1, 10);
    }
    printed_total += score;
    row.reported.rate = (r.rate.round_half_up(result.rate_digits + 2) * 100).to_string() + "%";
    row.reported.score = score.to_string();
    if (r.explanation_required ? rng.chance(950) : rng.chance(20)) {
      row.explanation = rng.pick(kExplanations);
    }
  }
  data.reported_total = printed_total.to_fixed(2);
}

nlohmann::ordered_json to_json(const Generated& g) {
  using Json = nlohmann::ordered_json;
  const perfeval::ProjectData& d = g.data;
  const auto reported = [](const perfeval::Reported& r) {
    return Json{{"rate", r.rate.value_or("")}, {"score", r.score.value_or("")}};
  };
  Json sources = Json::array();
  for (const auto& s : d.funds.sources) {
    sources.push_back(Json{
        {"name", s.name}, {"planned", s.planned}, {"budget", s.budget}, {"executed", s.executed}});
  }
  Json indicators = Json::array();
  for (const auto& i : d.indicators) {
    indicators.push_back(Json{{"name", i.name},
                              {"actual", i.actual_text},
                              {"basis", i.basis},
                              {"last_year", i.last_year},
                              {"rule", i.rule},
                              {"evidence", i.evidence},
                              {"explanation", i.explanation},
                              {"reported", reported(i.reported)}});
  }
  Json j;
  j["project"] = d.project;
  j["kind"] = d.kind;
  j["year"] = d.year.value_or(2024);
  j["department"] = d.department;
  j["implementer"] = d.implementer;
  j["funds"] = Json{{"planned", g.planned},
                    {"budget", g.budget},
                    {"executed", g.executed},
                    {"sources", sources},
                    {"reported", reported(d.funds.reported)}};
  j["goals"] = Json{{"planned", d.goals_planned}, {"achieved", d.goals_achieved}};
  j["indicators"] = indicators;
  j["reported_total"] = d.reported_total.value_or("");
  j["source"] = d.source;
  return j;
}

struct Synthetic {
  std::size_t projects = 0;
  std::vector<std::string> names;           // "synthetic/000042.json"
  std::vector<std::string> texts;           // the JSON data files
  std::vector<perfeval::ProjectData> data;  // the same files, loaded
  std::size_t indicators = 0;
  std::size_t bytes = 0;        // the data files, as kept for timing or written to --write
  std::size_t jsonl_bytes = 0;  // the JSON Lines file, line ends included
  std::size_t differences = 0;  // printed figures that disagree with the rules
  std::size_t explanations_missing = 0;
  std::size_t types_used = 0;
  double seconds = 0;
};

[[noreturn]] void cannot_write(const std::filesystem::path& path) {
  std::cerr << "perfeval_bench: cannot write to " << path.string() << "\n";
  std::exit(1);
}

// Makes the tables and writes them as they are made: data files to --write,
// lines to --jsonl. They are kept in memory only for the timed passes.
Synthetic generate(const Options& options, const perfeval::Program& program,
                   const std::vector<std::string>& types,
                   const perfeval::SourceManager& rule_sources) {
  const auto start = Clock::now();
  Synthetic s;
  const bool keep = options.bench;
  const bool pretty = keep || options.write;
  if (keep && !options.indicators) {
    s.names.reserve(options.projects);
    s.texts.reserve(options.projects);
    s.data.reserve(options.projects);
  }
  if (options.write) {
    std::filesystem::create_directories(*options.write);
  }
  std::ofstream jsonl;
  if (options.jsonl) {
    if (options.jsonl->has_parent_path()) {
      std::filesystem::create_directories(options.jsonl->parent_path());
    }
    jsonl.open(*options.jsonl, std::ios::binary);
    if (!jsonl) {
      cannot_write(*options.jsonl);
    }
  }
  std::vector<bool> used(types.size(), false);
  for (std::size_t index = 0;
       options.indicators ? s.indicators < *options.indicators : index < options.projects;
       ++index) {
    Rng rng(options.seed ^ (0xD1B54A32D192ED03ULL * (index + 1)));
    const auto type =
        static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(types.size()) - 1));
    used[type] = true;
    const perfeval::CompiledProject& project = *program.find_project(types[type]);
    Generated g = make_project(rng, index, types[type], project);

    perfeval::DiagnosticSink sink;
    const auto result = perfeval::score_project(program, g.data, sink);
    if (!result || !result->complete || sink.has_errors()) {
      generator_bug(g.data.file, sink, rule_sources);
    }
    fill_reported(rng, g, *result);

    // The data file (two-space indents, as people write them) and the JSON
    // Lines line (compact) hold the same object; the one that is loaded back
    // below is the one the timed passes score.
    const nlohmann::ordered_json json = to_json(g);
    std::string text = pretty ? json.dump(2) + "\n" : json.dump();
    if (options.jsonl) {
      const std::string line = pretty ? json.dump() : text;
      jsonl << line << '\n';
      s.jsonl_bytes += line.size() + 1;
    }

    // The score-only mode scores what the loader makes of the text, so both
    // modes score exactly the same tables.
    perfeval::SourceManager sources;
    const perfeval::FileId id = sources.add(g.data.file, std::move(text));
    auto loaded = perfeval::load_project_data(id, sources, sink);
    if (!loaded || sink.has_errors()) {
      generator_bug(g.data.file, sink, sources);  // a JSON error points into the text
    }
    const auto check = perfeval::score_project(program, *loaded, sink);
    if (!check || check->total != result->total) {
      generator_bug(g.data.file + " scores differently once loaded", sink, rule_sources);
    }
    s.differences += check->differences();
    s.explanations_missing += check->explanations_missing();
    s.indicators += loaded->indicators.size();
    ++s.projects;
    const std::string& written = sources.get(id).text();
    if (options.write) {
      const auto path = *options.write / std::filesystem::path(g.data.file).filename();
      std::ofstream out(path, std::ios::binary);
      out << written;
      if (!out) {
        cannot_write(path);
      }
    }
    if (pretty) {
      s.bytes += written.size();
    }
    if (keep) {
      s.names.push_back(g.data.file);
      s.texts.push_back(written);
      s.data.push_back(std::move(*loaded));
    }
  }
  if (options.jsonl && !jsonl.flush()) {
    cannot_write(*options.jsonl);
  }
  s.types_used = static_cast<std::size_t>(std::count(used.begin(), used.end(), true));
  s.seconds = seconds_since(start, Clock::now());
  return s;
}

// ------------------------------------------------------------------ timing

struct RuleTimes {
  double load = 0;  // load_rules: read + parse + check + compile
  double load_min = 0;
  double parse = 0;  // the same stages with the text already in memory
  double check = 0;
  double compile = 0;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

RuleTimes time_rules(const Options& options) {
  RuleTimes t;
  t.load_min = 1e300;
  for (int k = 0; k < options.rule_loads; ++k) {
    perfeval::SourceManager sources;
    perfeval::DiagnosticSink sink;
    const auto start = Clock::now();
    const perfeval::RuleSet set = perfeval::load_rules(options.rules, sources, sink);
    const double elapsed = seconds_since(start, Clock::now());
    if (sink.has_errors()) {
      fail("the rules folder has errors", sink, sources);
    }
    t.load += elapsed;
    t.load_min = std::min(t.load_min, elapsed);
  }
  t.load /= options.rule_loads;

  perfeval::DiagnosticSink find_sink;
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& path : perfeval::find_files(options.rules, ".perf", find_sink)) {
    files.emplace_back(path.string(), read_file(path));
  }
  for (int k = 0; k < options.rule_loads; ++k) {
    perfeval::SourceManager sources;
    perfeval::DiagnosticSink sink;
    const auto t0 = Clock::now();
    std::vector<perfeval::ast::RuleFile> parsed;
    for (const auto& [name, text] : files) {
      if (auto file = perfeval::parse_rules(sources.add(name, text), sources, sink)) {
        parsed.push_back(std::move(*file));
      }
    }
    const auto t1 = Clock::now();
    const perfeval::CheckedRules rules = perfeval::check_rules(std::move(parsed), sink);
    const auto t2 = Clock::now();
    const perfeval::Program program = perfeval::Program::compile(rules, sink);
    const auto t3 = Clock::now();
    t.parse += seconds_since(t0, t1);
    t.check += seconds_since(t1, t2);
    t.compile += seconds_since(t2, t3);
  }
  t.parse /= options.rule_loads;
  t.check /= options.rule_loads;
  t.compile /= options.rule_loads;
  return t;
}

struct Pass {
  double seconds = 0;
  Rational checksum;  // sum of the totals, exact
  std::size_t indicators = 0;
  std::size_t failed = 0;  // projects without a total, or diagnostics (there should be none)
};

Pass score_only(const perfeval::Program& program, const std::vector<perfeval::ProjectData>& all) {
  Pass pass;
  perfeval::DiagnosticSink sink;
  const auto start = Clock::now();
  for (const auto& data : all) {
    const auto result = perfeval::score_project(program, data, sink);
    if (result && result->total) {
      pass.checksum += *result->total;
      pass.indicators += result->indicators.size();
    } else {
      ++pass.failed;
    }
  }
  pass.seconds = seconds_since(start, Clock::now());
  pass.failed += sink.all().size();
  return pass;
}

Pass load_and_score(const perfeval::Program& program, const Synthetic& s) {
  Pass pass;
  perfeval::DiagnosticSink sink;
  perfeval::SourceManager sources;  // holds every text, as a run of the command does
  const auto start = Clock::now();
  for (std::size_t k = 0; k < s.texts.size(); ++k) {
    const perfeval::FileId id = sources.add(s.names[k], s.texts[k]);
    const auto data = perfeval::load_project_data(id, sources, sink);
    const auto result = data ? perfeval::score_project(program, *data, sink) : std::nullopt;
    if (result && result->total) {
      pass.checksum += *result->total;
      pass.indicators += result->indicators.size();
    } else {
      ++pass.failed;
    }
  }
  pass.seconds = seconds_since(start, Clock::now());
  pass.failed += sink.all().size();
  return pass;
}

// What the perfeval command does with each table of a batch (batch.cpp):
// the bulk loader into one reused ProjectData, the reference loader only
// for a table it declines (none here), then the scoring into one reused
// ProjectResult.
Pass bulk_load_and_score(const perfeval::Program& program, const Synthetic& s) {
  Pass pass;
  perfeval::DiagnosticSink sink;
  perfeval::FastDataLoader loader;
  perfeval::ProjectData data;
  perfeval::ProjectResult result;
  const auto start = Clock::now();
  for (std::size_t k = 0; k < s.texts.size(); ++k) {
    if (!loader.load(s.texts[k], s.names[k], data)) {
      ++pass.failed;  // the generator writes nothing the bulk loader declines
      continue;
    }
    if (perfeval::score_project(program, data, result, sink) && result.total) {
      pass.checksum += *result.total;
      pass.indicators += result.indicators.size();
    } else {
      ++pass.failed;
    }
  }
  pass.seconds = seconds_since(start, Clock::now());
  pass.failed += sink.all().size();
  return pass;
}

template <typename F>
Pass best_of(int repeat, F&& run) {
  Pass best;
  for (int k = 0; k < repeat; ++k) {
    Pass pass = run();
    if (k == 0 || pass.seconds < best.seconds) {
      best = pass;
    }
  }
  return best;
}

// ------------------------------------------------------------------ latency

// The first project with 10 indicators, or else the first of those nearest 10.
std::size_t latency_project(const std::vector<perfeval::ProjectData>& all) {
  std::size_t best = 0;
  std::size_t best_distance = SIZE_MAX;
  for (std::size_t k = 0; k < all.size() && best_distance > 0; ++k) {
    const std::size_t n = all[k].indicators.size();
    const std::size_t distance = n > 10 ? n - 10 : 10 - n;
    if (distance < best_distance) {
      best = k;
      best_distance = distance;
    }
  }
  return best;
}

struct Latency {
  double median = 0;  // microseconds per call
  double p99 = 0;
  double mean = 0;
  double min = 0;
  double max = 0;
  std::size_t failed = 0;  // calls without a total
};

// `call` (which returns whether it gave a total) timed one call at a time,
// after a warm-up of a hundredth of the calls (at least 100). Each time
// includes one steady_clock::now() (some 20 ns).
template <typename F>
Latency time_calls(std::size_t calls, F&& call) {
  Latency l;
  for (std::size_t k = 0; k < std::max<std::size_t>(100, calls / 100); ++k) {
    l.failed += call() ? 0 : 1;
  }
  std::vector<double> us(calls);
  for (std::size_t k = 0; k < calls; ++k) {
    const auto start = Clock::now();
    const bool ok = call();
    us[k] = 1e6 * seconds_since(start, Clock::now());
    l.failed += ok ? 0 : 1;
  }
  double sum = 0;
  for (const double t : us) {
    sum += t;
  }
  std::sort(us.begin(), us.end());
  l.median = us[calls / 2];
  l.p99 = us[std::min(calls - 1, calls * 99 / 100)];
  l.mean = sum / static_cast<double>(calls);
  l.min = us.front();
  l.max = us.back();
  return l;
}

std::string latency_row(std::string_view call, const Latency& l) {
  return fmt::format("| {:<58} | {:>9.2f} | {:>6.2f} | {:>7.2f} | {:>6.2f} | {:>8.1f} |\n", call,
                     l.median, l.p99, l.mean, l.min, l.max);
}

// One line of a Markdown table, padded so it also reads as plain text: the
// first column left-aligned, the others right-aligned.
constexpr std::array<std::size_t, 8> kWidths{12, 9, 10, 8, 10, 10, 12, 14};

std::string table_line(const std::array<std::string, 8>& cells) {
  std::string line = "|";
  for (std::size_t k = 0; k < cells.size(); ++k) {
    line += k == 0 ? fmt::format(" {:<{}} |", cells[k], kWidths[k])
                   : fmt::format(" {:>{}} |", cells[k], kWidths[k]);
  }
  return line + "\n";
}

std::string table_rule() {
  std::string line = "|";
  for (std::size_t k = 0; k < kWidths.size(); ++k) {
    line +=
        k == 0 ? std::string(kWidths[k] + 2, '-') + "|" : std::string(kWidths[k] + 1, '-') + ":|";
  }
  return line + "\n";
}

std::string table_row(std::string_view mode, std::size_t projects, const Pass& p) {
  const double per_second = static_cast<double>(projects) / p.seconds;
  const double indicators_per_second = static_cast<double>(p.indicators) / p.seconds;
  return table_line({std::string(mode), grouped(projects), grouped(p.indicators),
                     fmt::format("{:.3f}", p.seconds),
                     fmt::format("{:.2f}", 1e6 * p.seconds / static_cast<double>(projects)),
                     grouped(static_cast<std::uint64_t>(per_second)),
                     grouped(static_cast<std::uint64_t>(indicators_per_second)),
                     p.checksum.to_fixed(2)});
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);

  std::string command = "perfeval_bench";
  for (int k = 1; k < argc; ++k) {
    command += std::string(" ") + argv[k];
  }
  fmt::print("perfeval_bench: {}\n", command);
  fmt::print("machine: {} CPUs (nproc), {}\n", cpus_available(), cpu_model());
  fmt::print("build:   {}, {}{}\n\n", compiler(), PERFEVAL_BUILD_TYPE,
#ifdef NDEBUG
             ""
#else
             " (assertions on)"
#endif
  );
  std::fflush(stdout);

  // The rules every table is scored against, kept for the whole run.
  perfeval::SourceManager rule_sources;
  perfeval::DiagnosticSink rule_sink;
  const perfeval::RuleSet rules = perfeval::load_rules(options.rules, rule_sources, rule_sink);
  if (rule_sink.has_errors()) {
    fail("the rules folder has errors", rule_sink, rule_sources);
  }
  std::vector<std::string> types;
  std::vector<std::string> broken;
  for (const auto& name : rules.program.project_names()) {
    (rules.program.find_project(name) ? types : broken).push_back(name);
  }
  if (types.empty()) {
    std::cerr << "perfeval_bench: " << options.rules.string() << " declares no project types\n";
    return 1;
  }

  fmt::print("rules: {} ({} files, {} policies, {} methods, {} project types{})\n",
             options.rules.string(), rules.file_count, rules.rules.policies.size(),
             rules.rules.methods.size(), types.size(),
             broken.empty() ? "" : fmt::format(", {} not scorable", broken.size()));
  if (options.bench) {
    const RuleTimes rt = time_rules(options);
    fmt::print(
        "  load_rules (read + parse + check + compile), mean of {}: {:.3f} ms (min {:.3f} ms)\n",
        options.rule_loads, rt.load * 1e3, rt.load_min * 1e3);
    fmt::print("  text in memory: parse {:.3f} ms + check {:.3f} ms + compile {:.3f} ms\n",
               rt.parse * 1e3, rt.check * 1e3, rt.compile * 1e3);
  }
  fmt::print("\n");
  std::fflush(stdout);

  const Synthetic s = generate(options, rules.program, types, rule_sources);
  const std::size_t projects = s.projects;
  const double n = static_cast<double>(projects);
  fmt::print(
      "data: {} projects, seed {}, {} of {} project types, {} indicators ({:.2f} per project)\n",
      grouped(projects), options.seed, s.types_used, types.size(), grouped(s.indicators),
      static_cast<double>(s.indicators) / n);
  if (s.bytes > 0) {
    fmt::print("  JSON text {:.1f} MB ({} bytes per project), generated in {:.1f} s{}\n",
               static_cast<double>(s.bytes) / 1e6, grouped(s.bytes / projects), s.seconds,
               options.bench ? " (not timed)" : "");
  }
  if (options.jsonl) {
    fmt::print("  JSON Lines {:.1f} MB ({} bytes per project){}\n",
               static_cast<double>(s.jsonl_bytes) / 1e6, grouped(s.jsonl_bytes / projects),
               s.bytes > 0 ? "" : fmt::format(", generated in {:.1f} s", s.seconds));
  }
  fmt::print("  printed figures that differ from the rules: {}; explanations missing: {}\n",
             grouped(s.differences), grouped(s.explanations_missing));
  if (options.write) {
    fmt::print("  written to {}\n", options.write->string());
  }
  if (options.jsonl) {
    fmt::print("  written to {}\n", options.jsonl->string());
  }
  std::fflush(stdout);
  if (!options.bench) {
    return 0;
  }
  fmt::print("\n");

  const Pass only = best_of(options.repeat, [&] { return score_only(rules.program, s.data); });
  const Pass loaded = best_of(options.repeat, [&] { return load_and_score(rules.program, s); });
  const Pass bulk = best_of(options.repeat, [&] { return bulk_load_and_score(rules.program, s); });

  fmt::print("scoring, single-threaded, best of {}:\n\n", options.repeat);
  fmt::print("{}{}{}{}",
             table_line({"mode", "projects", "indicators", "wall s", "us/project", "projects/s",
                         "indicators/s", "checksum"}),
             table_rule(), table_row("score only", projects, only),
             table_row("load + score", projects, loaded));
  fmt::print("{}", table_row("bulk + score", projects, bulk));

  if (only.failed != 0 || loaded.failed != 0 || bulk.failed != 0 ||
      only.checksum != loaded.checksum || only.checksum != bulk.checksum) {
    std::cerr << "\nperfeval_bench: the three modes disagree or failed (" << only.failed << ", "
              << loaded.failed << " and " << bulk.failed
              << " projects without a total or diagnostics)\n";
    return 1;
  }
  if (options.latency_calls == 0) {
    return 0;
  }

  // Library latency: one table held in memory, scored through the C++ API
  // again and again, each call timed on its own.
  const perfeval::ProjectData& one = s.data[latency_project(s.data)];
  perfeval::DiagnosticSink sink;
  perfeval::ProjectResult reused;
  const Latency into = time_calls(options.latency_calls, [&] {
    return perfeval::score_project(rules.program, one, reused, sink) && reused.total.has_value();
  });
  const Latency fresh = time_calls(options.latency_calls, [&] {
    const auto result = perfeval::score_project(rules.program, one, sink);
    return result && result->total.has_value();
  });
  fmt::print(
      "\nlatency: one {}-indicator project held in memory through the C++ API ({}, {}),\n"
      "{} calls of each overload timed one by one, microseconds per call:\n\n",
      one.indicators.size(), one.file, one.project, grouped(options.latency_calls));
  fmt::print("| {:<58} | {:>9} | {:>6} | {:>7} | {:>6} | {:>8} |\n", "call", "median us", "p99 us",
             "mean us", "min us", "max us");
  fmt::print("|{:-<60}|{:->10}:|{:->7}:|{:->8}:|{:->7}:|{:->9}:|\n", "", "", "", "", "", "");
  fmt::print("{}{}", latency_row("score_project(program, data, result, sink): result reused", into),
             latency_row("score_project(program, data, sink): a new optional result", fresh));
  if (into.failed != 0 || fresh.failed != 0 || !sink.all().empty()) {
    std::cerr << "\nperfeval_bench: the latency project did not score cleanly\n";
    return 1;
  }
  return 0;
}
