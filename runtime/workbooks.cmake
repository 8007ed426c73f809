# Reading Excel workbooks (.xlsx) as data: the zip container with libzip,
# its XML parts with pugixml (Debian: libzip-dev, libpugixml-dev; pkg-config
# modules libzip and pugixml). Included from runtime/CMakeLists.txt.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)

target_sources(perfeval_runtime PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/src/data/xlsx/cell_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/data/xlsx/workbook.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/data/xlsx/header_words.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/data/xlsx/sheet_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/data/xlsx/workbook_tables.cpp
)
target_link_libraries(perfeval_runtime PRIVATE PkgConfig::LIBZIP PkgConfig::PUGIXML PkgConfig::UTF8PROC)
