# Tables that carry their own indicators, through the command line. A rules
# folder of policies and methods only (rules/新疆2024.perf, rules/library)
# scores each seed table carried as data (examples-tables/) exactly as the
# full rules folder scores the declared version (examples/): in every report
# format, on two threads, as JSON Lines, and through audit and explain.
# Run as: cmake -DPERFEVAL=... -DSOURCE=... -DWORK=... -P tables.cmake

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/carried/rules ${WORK}/carried/data ${WORK}/declared/data)
file(COPY ${SOURCE}/rules/library ${SOURCE}/rules/新疆2024.perf DESTINATION ${WORK}/carried/rules)
file(COPY ${SOURCE}/rules/ DESTINATION ${WORK}/declared/rules)
file(GLOB tables RELATIVE ${SOURCE}/examples-tables ${SOURCE}/examples-tables/*.json)
list(LENGTH tables count)
if(count LESS 2)
  message(FATAL_ERROR "examples-tables/ holds ${count} tables; expected at least 2")
endif()
# The same tables as one JSON Lines file each: an indented file is one line
# once its line ends go, as every line end inside a string is written \n.
foreach(side carried declared)
  file(WRITE ${WORK}/${side}/lines/data.jsonl "")
endforeach()
foreach(table ${tables})
  file(COPY ${SOURCE}/examples-tables/${table} DESTINATION ${WORK}/carried/data)
  file(COPY ${SOURCE}/examples/${table} DESTINATION ${WORK}/declared/data)
  foreach(side carried declared)
    file(READ ${WORK}/${side}/data/${table} text)
    string(REPLACE "\n" "" text "${text}")
    file(APPEND ${WORK}/${side}/lines/data.jsonl "${text}\n")
  endforeach()
endforeach()

# Runs perfeval in WORK/SIDE; sets OUT (standard output with the count of
# rule files taken out, the one thing the two folders differ in), ERR and
# STATUS.
function(run side)
  execute_process(COMMAND ${PERFEVAL} --lang en ${ARGN}
                  WORKING_DIRECTORY ${WORK}/${side}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
  string(REGEX REPLACE "\"rule_files\": *[0-9]+" "\"rule_files\": N" out "${out}")
  set(OUT "${out}" PARENT_SCOPE)
  set(ERR "${err}" PARENT_SCOPE)
  set(STATUS "${status}" PARENT_SCOPE)
endfunction()

# Both sides give the same output, the carried side without a message.
function(same expected_status)
  list(JOIN ARGN " " command)
  run(declared ${ARGN})
  set(declared_out "${OUT}")
  set(declared_status "${STATUS}")
  run(carried ${ARGN})
  if(NOT ERR STREQUAL "")
    message(FATAL_ERROR "perfeval ${command} on carried tables said:\n${ERR}")
  endif()
  if(NOT STATUS STREQUAL expected_status OR NOT declared_status STREQUAL expected_status)
    message(FATAL_ERROR "perfeval ${command}: exit ${STATUS} (carried), ${declared_status} "
                        "(declared); expected ${expected_status}")
  endif()
  if(OUT STREQUAL "")
    message(FATAL_ERROR "perfeval ${command} wrote nothing")
  endif()
  if(NOT OUT STREQUAL declared_out)
    file(WRITE ${WORK}/carried.out "${OUT}")
    file(WRITE ${WORK}/declared.out "${declared_out}")
    message(FATAL_ERROR "perfeval ${command}: carried tables give other output than declared "
                        "ones; compare ${WORK}/carried.out with ${WORK}/declared.out")
  endif()
endfunction()

foreach(format text json jsonl csv md html)
  same(0 -f ${format} rules data)
  same(0 -j 2 -f ${format} rules data)
endforeach()
same(0 -f jsonl rules lines/data.jsonl)
same(0 -j 2 rules lines/data.jsonl)
same(3 audit rules data)
same(3 audit -f json rules data)
same(0 explain rules data)
same(0 explain -j 2 rules lines/data.jsonl)

# An Excel workbook is a zip with its own times: written, not compared.
run(carried -f xlsx -o out.xlsx rules data)
if(NOT STATUS EQUAL 0 OR NOT EXISTS ${WORK}/carried/out.xlsx OR NOT ERR STREQUAL "")
  message(FATAL_ERROR "perfeval -f xlsx on carried tables: exit ${STATUS}\n${ERR}")
endif()

# check reads and scores them too; the policies-only folder leaves nothing unread.
run(carried check rules data)
if(NOT STATUS EQUAL 0 OR ERR MATCHES "error")
  message(FATAL_ERROR "perfeval check on carried tables: exit ${STATUS}\n${ERR}")
endif()

# The full rules folder knows the carried tables' project types: it scores
# them by the rules, and finds no field that differs.
run(declared -f json rules ../carried/data)
if(NOT STATUS EQUAL 0 OR NOT ERR STREQUAL "")
  message(FATAL_ERROR "the full rules on carried tables: exit ${STATUS}\n${ERR}")
endif()
