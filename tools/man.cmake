# Writes perfeval.1 with help2man from the command's own help: the main
# --help as the page's body, and each subcommand's --help as a section of
# COMMANDS. Run by the build (cmake/install.cmake):
#   cmake -DPERFEVAL=... -DHELP2MAN=... -DOUTPUT=.../perfeval.1 -P tools/man.cmake
# It writes OUTPUT and OUTPUT.gz.

set(commands score audit explain check test fmt help)

# Roff reads a line starting with "." or "'" as a request, and "\" as an
# escape: help text is shown as it is.
function(roff_literal text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(include_text "[NAME]\nperfeval \\- score budget-performance self-evaluation tables by rule files\n")
string(APPEND include_text "[COMMANDS]\n")
foreach(command IN LISTS commands)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 LANG=C.UTF-8
                          ${PERFEVAL} ${command} --help
                  OUTPUT_VARIABLE help RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "perfeval ${command} --help failed (${status})")
  endif()
  roff_literal("${help}" help)
  string(APPEND include_text ".SS \"perfeval ${command}\"\n.nf\n${help}.fi\n")
endforeach()
string(APPEND include_text "[SEE ALSO]\nThe language reference, the data format and the guide to writing rules\nare in the docs/ folder of perfeval's source.\n")

set(include_file "${OUTPUT}.h2m")
file(WRITE "${include_file}" "${include_text}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 LANG=C.UTF-8
                        ${HELP2MAN} --no-info --no-discard-stderr --section=1 --locale=C.UTF-8
                        --include=${include_file} --output=${OUTPUT} ${PERFEVAL}
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "help2man failed (${status})")
endif()
# Debian installs manual pages compressed; -n keeps the build reproducible.
execute_process(COMMAND gzip -9 -n -f -k ${OUTPUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip of ${OUTPUT} failed (${status})")
endif()
