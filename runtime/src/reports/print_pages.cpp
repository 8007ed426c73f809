#include "perfeval/runtime/internal/print_pages.hpp"

namespace perfeval::report_detail {
namespace {

constexpr std::int64_t kSmallest = 50;  // per cent, as PrintFit::scale_to_fit

// The first row of each continuation page at `percent`, filling each page
// with as many rows as fit.
std::vector<std::size_t> starts_at(std::int64_t percent, const PrintFit& table,
                                   const TableParts& parts, const PrintFit& caption,
                                   std::int64_t available) {
  std::vector<std::size_t> starts;
  const std::size_t head = parts.head_end;
  const std::int64_t continuation =
      caption.height(percent) + (head > 0 ? table.height(percent, head - 1, head) : 0);
  std::int64_t used = table.height(percent, 0, head);
  std::size_t on_page = 0;
  for (std::size_t row = head; row < parts.rows_end; ++row) {
    const std::int64_t height = table.height(percent, row, row + 1);
    if (on_page > 0 && used + height > available) {
      starts.push_back(row - head);
      used = continuation;
      on_page = 0;
    }
    used += height;
    ++on_page;
  }
  // The foot does not fit under the last rows: it goes over with the last
  // row, so that a continuation page is never a total row alone.
  const std::int64_t foot = table.height(percent, parts.rows_end, table.size());
  if (on_page > 1 && used + foot > available) {
    starts.push_back(parts.rows_end - 1 - head);
  }
  return starts;
}

}  // namespace

PageBreaks break_pages(const PrintFit& table, const TableParts& parts, const PrintFit& caption,
                       std::int64_t available) {
  const std::int64_t scale = table.scale_to_fit(available);
  if (table.height(scale) <= available) {
    return {scale, {}};
  }
  const std::size_t fewest = starts_at(kSmallest, table, parts, caption, available).size();
  if (fewest == 0) {
    return {scale, {}};  // a single row too tall for a page: nothing to break
  }
  for (std::int64_t percent = 100; percent > kSmallest; percent -= 5) {
    std::vector<std::size_t> starts = starts_at(percent, table, parts, caption, available);
    if (starts.size() <= fewest) {
      return {percent, std::move(starts)};
    }
  }
  return {kSmallest, starts_at(kSmallest, table, parts, caption, available)};
}

}  // namespace perfeval::report_detail
