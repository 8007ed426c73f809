// The estimate of a printed table's height that scales each table of the
// HTML report to one page.

#include <catch2/catch.hpp>
#include <string>

#include "perfeval/runtime/internal/print_fit.hpp"

using perfeval::report_detail::PrintFit;

TEST_CASE("print fit: short content prints at full size") {
  PrintFit fit;
  fit.fixed(50'000);
  fit.row({{"州人社局尾款项目", 500}});
  CHECK(fit.height(100) == 50'000 + 2'400 + 4'236);
  CHECK(fit.scale_to_fit(PrintFit::kPageHeight) == 100);
}

TEST_CASE("print fit: long text wraps, and wraps less on a page scaled down") {
  const std::string text(300, 'x');  // 300 half-ems of 10pt: about 530 mm
  PrintFit fit;
  fit.row({{text, 100}});  // a column of 27.7 mm: 22 lines
  CHECK(fit.height(100) == 2'400 + 22 * 4'236);
  // At half size the column holds twice the text: half the lines, drawn at half size.
  CHECK(fit.height(50) < fit.height(100) / 3);
}

TEST_CASE("print fit: the largest scale in steps of 5 that fits, at least 50") {
  PrintFit fit;
  fit.fixed(200'000);
  CHECK(fit.scale_to_fit(190'000) == 95);
  CHECK(fit.scale_to_fit(150'000) == 75);
  CHECK(fit.scale_to_fit(10'000) == 50);
  PrintFit picture;
  picture.picture(100'000);  // a picture's printed height does not scale
  CHECK(picture.height(50) == 100'000);
}
