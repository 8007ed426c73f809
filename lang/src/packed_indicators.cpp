// Indicators packed as offsets into their rule text (ast::PackedIndicators).
//
// The parts of an indicator stand in the text in a fixed order (its group's
// 一级 and 二级 names, then `indicator NAME weight N target T method M`), so
// each is kept as the gap from the end of the part before it and its length,
// both as LEB128 numbers: one byte each for nearly every part. The weight
// and the target's value as the parser read them are kept too where they
// are plain (fractions of 64-bit numbers; a unit or word that stands in the
// target's text): reading them from the text again is most of the work of
// unpacking, and `perfeval check` unpacks every project twice.

#include <cstring>
#include <limits>
#include <vector>

#include "perfeval/lang/ast.hpp"
#include "target_text.hpp"

namespace perfeval::ast {

namespace {

// An indicator's first byte: whether a new group starts with it, and the
// flags of its name and its method. A new group's first byte holds the
// flags of its two names.
constexpr std::uint8_t kNewGroup = 1;
constexpr int kNameFlags = 1;
constexpr int kMethodFlags = 3;
constexpr int kCategory2Flags = 2;
// Set when the weight is kept as a number; otherwise it is read from the text.
constexpr std::uint8_t kWeightKept = 1 << 5;
// How the target's value is kept (bits 6 and 7): read from the text again,
// or kept as a quantity, a date or a word, after a byte for its operator.
constexpr int kTargetKind = 6;
enum TargetKind : std::uint8_t { read_again, quantity, date, word };

// A name's flags: written in quotes; read from somewhere other than the text
// where it is written (a quoted name with escapes).
constexpr std::uint8_t kQuoted = 1;
constexpr std::uint8_t kElsewhere = 2;

bool same_view(const NameView& a, const NameView& b) {
  return a.text.data() == b.text.data() && a.text.size() == b.text.size() &&
         a.range.file == b.range.file && a.range.begin == b.range.begin &&
         a.range.end == b.range.end && a.quoted == b.quoted;
}

class Writer {
 public:
  // `bytes` is cleared and written to; its storage is reused from one
  // project to the next.
  Writer(std::string_view text, SourceRange project, std::vector<std::uint8_t>& bytes)
      : text_(text), file_(project.file), cursor_(project.begin), bytes_(bytes) {
    bytes_.clear();
  }

  // A range starting at or after the end of the part before it.
  bool range(SourceRange r) {
    if (r.file != file_ || r.begin < cursor_ || r.end < r.begin || r.end > text_.size())
      return false;
    number(r.begin - cursor_);
    number(r.end - r.begin);
    cursor_ = r.end;
    return true;
  }

  // The flags of a name, or nullopt when it cannot be packed.
  std::optional<std::uint8_t> flags(const NameView& v) const {
    if (v.range.end < v.range.begin || v.range.end > text_.size())
      return std::nullopt;
    std::string_view written = text_.substr(v.range.begin, v.range.end - v.range.begin);
    if (v.quoted) {
      if (written.size() < 2)
        return std::nullopt;
      written = written.substr(1, written.size() - 2);
    }
    const bool elsewhere = v.text.data() != written.data() || v.text.size() != written.size();
    return static_cast<std::uint8_t>((v.quoted ? kQuoted : 0) | (elsewhere ? kElsewhere : 0));
  }

  bool name(const NameView& v, std::uint8_t flags) {
    if (!range(v.range))
      return false;
    if (flags & kElsewhere) {
      const char* at = v.text.data();
      const auto* bytes = reinterpret_cast<const std::uint8_t*>(&at);
      bytes_.insert(bytes_.end(), bytes, bytes + sizeof at);
      number(static_cast<std::uint32_t>(v.text.size()));
    }
    return true;
  }

  void byte(std::uint8_t b) { bytes_.push_back(b); }
  std::uint32_t cursor() const { return cursor_; }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }

  // Whether `r` can be kept: numerator and denominator fit 64 bits.
  static bool fits(const Rational& r) {
    constexpr Rational::Int kMax = std::numeric_limits<std::int64_t>::max();
    return r.numerator() >= -kMax && r.numerator() <= kMax && r.denominator() <= kMax;
  }
  void rational(const Rational& r) {
    const auto num = static_cast<std::int64_t>(r.numerator());
    number((static_cast<std::uint64_t>(num) << 1) ^ static_cast<std::uint64_t>(num >> 63));
    number(static_cast<std::uint64_t>(r.denominator()));
  }
  void number(std::uint64_t n) {
    while (n >= 0x80) {
      bytes_.push_back(static_cast<std::uint8_t>(n | 0x80));
      n >>= 7;
    }
    bytes_.push_back(static_cast<std::uint8_t>(n));
  }

 private:
  std::string_view text_;
  FileId file_;
  std::uint32_t cursor_;
  std::vector<std::uint8_t>& bytes_;
};

class Reader {
 public:
  Reader(const std::uint8_t* bytes, std::string_view text, SourceRange project)
      : at_(bytes), text_(text), file_(project.file), cursor_(project.begin) {}

  std::uint8_t byte() { return *at_++; }

  SourceRange range() {
    const auto begin = static_cast<std::uint32_t>(cursor_ + number());
    cursor_ = static_cast<std::uint32_t>(begin + number());
    return {file_, begin, cursor_};
  }

  std::string_view text(SourceRange r) const { return text_.substr(r.begin, r.end - r.begin); }

  Rational rational() {
    const std::uint64_t zigzag = number();
    const auto num =
        static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1);
    const auto den = static_cast<std::int64_t>(number());
    return den == 1 ? Rational(num) : Rational::fraction(num, den);
  }
  std::string_view part_of(std::string_view whole) {
    const std::size_t at = number();
    return whole.substr(at, number());
  }

  NameView name(std::uint8_t flags) {
    NameView out{{}, range(), (flags & kQuoted) != 0};
    if (flags & kElsewhere) {
      const char* at = nullptr;
      std::memcpy(&at, at_, sizeof at);
      at_ += sizeof at;
      out.text = std::string_view(at, static_cast<std::size_t>(number()));
    } else {
      out.text = text(out.range);
      if (out.quoted)
        out.text = out.text.substr(1, out.text.size() - 2);
    }
    return out;
  }

  std::uint64_t number() {
    std::uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
      const std::uint8_t b = *at_++;
      n |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80))
        return n;
    }
  }

 private:
  const std::uint8_t* at_;
  std::string_view text_;
  FileId file_;
  std::uint32_t cursor_;
};

// How the parser's reading of a target written as `written` can be kept,
// with where a quantity's unit or a word stands in `written`.
struct KeptTarget {
  TargetKind kind = TargetKind::read_again;
  std::size_t at = 0;
  std::size_t size = 0;
};

KeptTarget kept_target(const Target& target, std::string_view written) {
  const auto part = [&](std::string_view text, TargetKind kind) {
    const std::size_t at = written.rfind(text);
    return at == std::string_view::npos ? KeptTarget{} : KeptTarget{kind, at, text.size()};
  };
  if (const auto* q = std::get_if<Quantity>(&target.value))
    return Writer::fits(q->amount) ? part(q->unit, TargetKind::quantity) : KeptTarget{};
  if (const auto* d = std::get_if<Date>(&target.value))
    return d->year >= 0 && d->month >= 0 && d->day >= 0 ? KeptTarget{TargetKind::date}
                                                        : KeptTarget{};
  return part(std::get<Word>(target.value).text, TargetKind::word);
}

}  // namespace

bool PackedIndicators::pack(const std::vector<Indicator>& indicators, std::string_view text,
                            SourceRange project) {
  thread_local std::vector<std::uint8_t> buffer;
  Writer out(text, project, buffer);
  const Indicator* previous = nullptr;
  for (const Indicator& indicator : indicators) {
    const Target& target = indicator.target;
    if (target.range.end < target.range.begin || target.range.end > text.size())
      return false;
    const std::string_view written =
        text.substr(target.range.begin, target.range.end - target.range.begin);
    if (target.text.data() != written.data() || target.text.size() != written.size())
      return false;
    const bool new_group = !previous || !same_view(previous->category1, indicator.category1) ||
                           !same_view(previous->category2, indicator.category2);
    const auto name = out.flags(indicator.name);
    const auto method = out.flags(indicator.method);
    if (!name || !method)
      return false;
    const bool weight_kept = Writer::fits(indicator.weight);
    const KeptTarget kept = kept_target(target, written);
    const TargetKind kind = kept.kind;
    out.byte(static_cast<std::uint8_t>((new_group ? kNewGroup : 0) | *name << kNameFlags |
                                       *method << kMethodFlags | (weight_kept ? kWeightKept : 0) |
                                       kind << kTargetKind));
    if (new_group) {
      const auto first = out.flags(indicator.category1);
      const auto second = out.flags(indicator.category2);
      if (!first || !second)
        return false;
      out.byte(static_cast<std::uint8_t>(*first | *second << kCategory2Flags));
      if (!out.name(indicator.category1, *first) || !out.name(indicator.category2, *second))
        return false;
    }
    // The indicator's start, then its parts from there.
    if (!out.range({project.file, indicator.range.begin, indicator.range.begin}) ||
        !out.name(indicator.name, *name) || !out.range(indicator.weight_range) ||
        !out.range(target.range) || !out.name(indicator.method, *method) ||
        !out.range({project.file, out.cursor(), indicator.range.end}))
      return false;
    if (weight_kept)
      out.rational(indicator.weight);
    if (kind != TargetKind::read_again)
      out.byte(static_cast<std::uint8_t>(target.op));
    if (kind == TargetKind::quantity) {
      const auto& q = std::get<Quantity>(target.value);
      out.rational(q.amount);
      out.number(kept.at);
      out.number(kept.size);
    } else if (kind == TargetKind::date) {
      const auto& d = std::get<Date>(target.value);
      out.number(static_cast<std::uint64_t>(d.year));
      out.number(static_cast<std::uint64_t>(d.month));
      out.number(static_cast<std::uint64_t>(d.day));
    } else if (kind == TargetKind::word) {
      out.number(kept.at);
      out.number(kept.size);
    }
    previous = &indicator;
  }
  const auto& bytes = out.bytes();
  bytes_ = std::make_unique_for_overwrite<std::uint8_t[]>(bytes.size());
  std::memcpy(bytes_.get(), bytes.data(), bytes.size());
  text_ = text;
  project_ = project;
  count_ = static_cast<std::uint32_t>(indicators.size());
  return true;
}

void PackedIndicators::unpack(std::vector<Indicator>& out) const {
  // Every field of every indicator is written below, so the ones already
  // in `out` are reused as they are.
  out.resize(count_);
  Reader in(bytes_.get(), text_, project_);
  NameView category1;
  NameView category2;
  for (std::uint32_t k = 0; k < count_; ++k) {
    const std::uint8_t flags = in.byte();
    if (flags & kNewGroup) {
      const std::uint8_t names = in.byte();
      category1 = in.name(names & 3);
      category2 = in.name(static_cast<std::uint8_t>(names >> kCategory2Flags & 3));
    }
    Indicator& indicator = out[k];
    indicator.category1 = category1;
    indicator.category2 = category2;
    const std::uint32_t begin = in.range().begin;
    indicator.name = in.name(static_cast<std::uint8_t>(flags >> kNameFlags & 3));
    indicator.weight_range = in.range();
    Target& target = indicator.target;
    target.range = in.range();
    target.text = in.text(target.range);
    indicator.method = in.name(static_cast<std::uint8_t>(flags >> kMethodFlags & 3));
    indicator.range = {project_.file, begin, in.range().end};

    // What is not kept is read again from the text, which was read without
    // error when the file was parsed.
    if (flags & kWeightKept) {
      indicator.weight = in.rational();
    } else {
      indicator.weight = Rational();
      try {
        indicator.weight = Rational::parse(in.text(indicator.weight_range)).value_or(Rational());
      } catch (const ArithmeticError&) {
      }
    }
    const auto kind = static_cast<TargetKind>(flags >> kTargetKind & 3);
    if (kind == TargetKind::read_again) {
      auto read = detail::read_target(target.text, target.range.begin, nullptr);
      if (auto* value = std::get_if<ParsedValue>(&read)) {
        target.op = value->op;
        target.value = std::move(value->value);
      } else {
        target.op = CompareOp::none;
        target.value = Value();
      }
      continue;
    }
    target.op = static_cast<CompareOp>(in.byte());
    if (kind == TargetKind::quantity) {
      auto& q = std::holds_alternative<Quantity>(target.value) ? std::get<Quantity>(target.value)
                                                               : target.value.emplace<Quantity>();
      q.amount = in.rational();
      q.unit.assign(in.part_of(target.text));
    } else if (kind == TargetKind::date) {
      const auto year = static_cast<int>(in.number());
      const auto month = static_cast<int>(in.number());
      target.value = Date{year, month, static_cast<int>(in.number())};
    } else {
      auto& w = std::holds_alternative<Word>(target.value) ? std::get<Word>(target.value)
                                                           : target.value.emplace<Word>();
      w.text.assign(in.part_of(target.text));
    }
  }
}

const std::vector<Indicator>& indicators_of(const Project& project,
                                            std::vector<Indicator>& scratch) {
  if (project.packed.empty())
    return project.indicators;
  project.packed.unpack(scratch);
  return scratch;
}

}  // namespace perfeval::ast
