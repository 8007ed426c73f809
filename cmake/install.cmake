# What `cmake --install` and the Debian package put where:
#   bin/perfeval
#   share/perfeval/rules      the shipped rules, the policy library in rules/library
#   share/perfeval/examples   the seed's tables, to try the command on
#   share/man/man1/perfeval.1.gz from the command's own --help (help2man)
#   bash and zsh completion
# Included from the top-level CMakeLists.txt after the targets exist.
include(GNUInstallDirs)

install(TARGETS perfeval RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/perfeval/rules
        FILES_MATCHING PATTERN "*.perf")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/perfeval/examples
        FILES_MATCHING PATTERN "*.json" PATTERN "*.jsonl")
install(FILES ${PROJECT_SOURCE_DIR}/tools/completion/perfeval.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME perfeval)
install(FILES ${PROJECT_SOURCE_DIR}/tools/completion/_perfeval
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# The manual page is the command's own help, so it cannot fall behind it:
# help2man reads `perfeval --help` and `--version`, and tools/man.cmake adds
# every subcommand's help as a section.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(man_page ${CMAKE_CURRENT_BINARY_DIR}/perfeval.1)
  add_custom_command(
    OUTPUT ${man_page} ${man_page}.gz
    COMMAND ${CMAKE_COMMAND} -DPERFEVAL=$<TARGET_FILE:perfeval> -DHELP2MAN=${HELP2MAN}
            -DOUTPUT=${man_page} -P ${PROJECT_SOURCE_DIR}/tools/man.cmake
    DEPENDS perfeval ${PROJECT_SOURCE_DIR}/tools/man.cmake
    COMMENT "Writing the manual page perfeval.1 from perfeval --help"
    VERBATIM)
  add_custom_target(man_page ALL DEPENDS ${man_page} ${man_page}.gz)
  install(FILES ${man_page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no manual page (Debian: apt-get install help2man)")
endif()

# A Debian package: `cpack -G DEB` in the build folder writes
# perfeval_VERSION_ARCH.deb, its dependencies found by dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME perfeval)
set(CPACK_PACKAGE_VENDOR perfeval)
set(CPACK_PACKAGE_CONTACT "perfeval maintainers <perfeval@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "scores budget-performance self-evaluation tables (绩效自评表) by rule files")
set(CPACK_PACKAGE_DESCRIPTION
    "perfeval scores the 项目支出绩效自评表 and 单位整体支出绩效自评表 of budget units
by rules written in a small declarative language, in exact decimal arithmetic,
and lists every printed figure that does not follow from the rules.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Named as well as found: the libraries that read Excel workbooks as data.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libzip4, libpugixml1v5")
set(CPACK_STRIP_FILES ON)
include(CPack)
