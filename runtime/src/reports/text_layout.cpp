#include "perfeval/runtime/internal/text_layout.hpp"

#include <algorithm>
#include <map>

#include "perfeval/lang/source.hpp"
#include "perfeval/runtime/report.hpp"
#include "perfeval/values/utf8.hpp"

namespace perfeval::layout {
namespace {

// The characters of `text`, each a whole code point (or one stray byte).
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8::step(text, i);
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string joined(const std::vector<std::string_view>& characters, std::size_t from,
                   std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < characters.size(); ++i) {
    out += characters[i];
  }
  return out;
}

// How many characters `a` and `b` start with alike.
std::size_t common_start(const std::vector<std::string_view>& a,
                         const std::vector<std::string_view>& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) {
    ++n;
  }
  return n;
}

// `name` as its start, "…", and what follows its character `differs_at`
// (a character before that kept for context), `max_width` wide at most.
std::string start_and_difference(std::string_view name, std::size_t differs_at,
                                 std::size_t max_width) {
  const auto chars = characters(name);
  const std::size_t from = differs_at > 0 ? differs_at - 1 : 0;
  // The start takes up to half the room, and never reaches the difference.
  std::size_t head = 0;
  std::size_t used = 0;
  while (head < from && used + display_width(chars[head]) + 1 <= max_width / 2) {
    used += display_width(chars[head]);
    ++head;
  }
  std::string out = joined(chars, 0, head);
  if (head < from) {
    out += "…";
    used += 1;
  }
  return out + truncate(joined(chars, head < from ? from : head, chars.size()),
                        max_width > used ? max_width - used : 1);
}

}  // namespace

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  width = std::max<std::size_t>(width, 1);
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;
  std::size_t last_space = std::string::npos;  // in `line`, after which it may break
  for (const std::string_view ch : characters(text)) {
    const std::size_t w = display_width(ch);
    if (ch == " " && line_width + w > width) {  // a space at the break is dropped
      lines.push_back(std::move(line));
      line.clear();
      line_width = 0;
      last_space = std::string::npos;
      continue;
    }
    while (line_width + w > width && !line.empty()) {
      if (last_space != std::string::npos) {
        std::string rest = line.substr(last_space + 1);
        line.resize(last_space);
        lines.push_back(std::move(line));
        line = std::move(rest);
        line_width = display_width(line);
      } else {
        lines.push_back(std::move(line));
        line.clear();
        line_width = 0;
      }
      last_space = std::string::npos;
    }
    if (ch == " ") {
      last_space = line.size();
    }
    line += ch;
    line_width += w;
  }
  lines.push_back(std::move(line));
  return lines;
}

std::vector<std::size_t> fit_columns(std::vector<std::size_t> natural,
                                     const std::vector<std::size_t>& floor, std::size_t gap,
                                     std::size_t available) {
  std::size_t total = 0;
  for (const std::size_t w : natural) {
    total += gap + w;
  }
  while (total > available) {
    // The widest column that may still narrow.
    std::size_t widest = natural.size();
    for (std::size_t c = 0; c < natural.size(); ++c) {
      if (natural[c] > floor[c] && (widest == natural.size() || natural[c] > natural[widest])) {
        widest = c;
      }
    }
    if (widest == natural.size()) {
      break;
    }
    --natural[widest];
    --total;
  }
  return natural;
}

std::vector<std::string> distinct_short_names(const std::vector<std::string>& names,
                                              std::size_t max_width) {
  std::vector<std::string> shown;
  shown.reserve(names.size());
  for (const auto& name : names) {
    shown.push_back(truncate(name, max_width));
  }
  // Rounds until no two different names are shown alike; each round shows
  // the ones still alike more fully, and whole ones always differ.
  for (int round = 0; round < 3; ++round) {
    std::map<std::string_view, std::vector<std::size_t>> alike;
    for (std::size_t i = 0; i < names.size(); ++i) {
      alike[shown[i]].push_back(i);
    }
    std::vector<std::string> next = shown;
    for (const auto& [text, which] : alike) {
      for (const std::size_t i : which) {
        const auto chars = characters(names[i]);
        std::size_t differs_at = 0;
        bool clash = false;
        for (const std::size_t j : which) {
          if (names[j] != names[i]) {
            clash = true;
            differs_at = std::max(differs_at, common_start(chars, characters(names[j])));
          }
        }
        if (!clash) {
          continue;
        }
        next[i] = round == 0 ? start_and_difference(names[i], differs_at, max_width) : names[i];
      }
    }
    if (next == shown) {
      break;
    }
    shown = std::move(next);
  }
  return shown;
}

}  // namespace perfeval::layout
