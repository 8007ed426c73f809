# Printable report formats: HTML, CSV, Markdown and Excel (.xlsx) from the
# same RunResults as the terminal table and JSON. Included from
# runtime/CMakeLists.txt; the Excel writer needs libxlsxwriter
# (Debian: libxlsxwriter-dev, pkg-config module xlsxwriter).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)

target_sources(perfeval_runtime PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/src/reports/report_common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/reports/report_html.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/reports/print_fit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/reports/report_csv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/reports/report_markdown.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/reports/report_xlsx.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/reports/template_xlsx.cpp
)
# Private: only report_xlsx.cpp and template_xlsx.cpp include xlsxwriter.h; programs linking the
# static runtime still get the library on their link line.
target_link_libraries(perfeval_runtime PRIVATE PkgConfig::XLSXWRITER)
