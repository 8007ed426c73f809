# The Debian package, installed into an empty root: cpack writes
# perfeval_*.deb from the build, dpkg-deb unpacks it into WORK/root, and the
# perfeval found there scores the rules and examples found there exactly as
# the build's own perfeval scores the source tree's. Run by CTest:
#   cmake -DBUILD=... -DSOURCE=... -DWORK=... -DPERFEVAL=... -P tests/package.cmake

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

run(cpack -G DEB --config "${BUILD}/CPackConfig.cmake" -B "${WORK}")
file(GLOB packages "${WORK}/perfeval_*.deb")
list(LENGTH packages count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one perfeval_*.deb in ${WORK}, found: ${packages}")
endif()

# The libraries perfeval links are the package's dependencies.
run(dpkg-deb --field "${packages}" Depends)
foreach(library libfmt libsimdjson libutf8proc libxlsxwriter libzip libpugixml libcpp-httplib)
  if(NOT out MATCHES "${library}")
    message(FATAL_ERROR "the package does not depend on ${library}: Depends: ${out}")
  endif()
endforeach()

run(dpkg-deb -x "${packages}" "${WORK}/root")
set(root "${WORK}/root/usr")
foreach(file bin/perfeval share/man/man1/perfeval.1.gz share/perfeval/rules/library/全国模板.perf
             share/perfeval/examples/weikuan.json share/bash-completion/completions/perfeval
             share/zsh/vendor-completions/_perfeval)
  if(NOT EXISTS "${root}/${file}")
    message(FATAL_ERROR "the package has no ${file}")
  endif()
endforeach()

# The manual page is the command's help: it names every subcommand.
run(gzip -dc "${root}/share/man/man1/perfeval.1.gz")
foreach(command audit explain check test fmt)
  if(NOT out MATCHES "perfeval ${command}")
    message(FATAL_ERROR "the manual page does not describe perfeval ${command}")
  endif()
endforeach()

execute_process(COMMAND "${root}/bin/perfeval" --lang en rules examples
                WORKING_DIRECTORY "${root}/share/perfeval"
                RESULT_VARIABLE installed_status OUTPUT_VARIABLE installed ERROR_VARIABLE installed_err)
execute_process(COMMAND "${PERFEVAL}" --lang en rules examples
                WORKING_DIRECTORY "${SOURCE}"
                RESULT_VARIABLE built_status OUTPUT_VARIABLE built)
if(NOT installed_status EQUAL built_status OR NOT installed STREQUAL built)
  message(FATAL_ERROR "the installed perfeval scores differently (exit ${installed_status}, "
                      "the build's ${built_status}):\n${installed}\n${installed_err}")
endif()
string(LENGTH "${installed}" length)
if(length LESS 1000)
  message(FATAL_ERROR "the installed perfeval printed too little:\n${installed}")
endif()
message(STATUS "${packages}: installed and scored the ${length} bytes the build scores")
