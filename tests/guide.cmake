# The walkthrough of docs/writing-rules.md, replayed: the files under
# docs/guide/ must still check, format, score and test the way the guide
# shows, so the guide cannot silently go stale. Run by CTest as
#   cmake -DPERFEVAL=... -DSOURCE=... -DWORK=... -P tests/guide.cmake
# If this test fails after an intended change, rerun the guide's commands
# and paste their new output into docs/writing-rules.md, then update the
# expectations below.

cmake_minimum_required(VERSION 3.20)
foreach(var PERFEVAL SOURCE WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "guide.cmake needs -D${var}=...")
  endif()
endforeach()

set(folder "${WORK}/我的规则")
set(project_file "${folder}/规则/尾款项目.perf")
set(guide "${SOURCE}/docs/guide")

# Step 1 of the guide: a folder with the two policy files copied into it.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${folder}/规则" "${folder}/数据" "${folder}/测试")
file(COPY "${SOURCE}/rules/新疆2024.perf" "${SOURCE}/rules/library/全国模板.perf"
     DESTINATION "${folder}/规则")
file(COPY "${guide}/数据/尾款项目2024.json" DESTINATION "${folder}/数据")
file(COPY "${guide}/测试/尾款项目.test.json" DESTINATION "${folder}/测试")

# Runs perfeval in the guide's folder; checks its exit status and that its
# output (stdout and stderr together) holds every expected line.
function(expect_run step exit_status)
  cmake_parse_arguments(ARG "" "" "ARGS;EXPECT" ${ARGN})
  execute_process(COMMAND "${PERFEVAL}" ${ARG_ARGS}
                  WORKING_DIRECTORY "${folder}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(all "${out}${err}")
  list(JOIN ARG_ARGS " " command)
  if(NOT status STREQUAL "${exit_status}")
    message(SEND_ERROR "${step}: perfeval ${command} exited ${status}, the guide shows ${exit_status}\n${all}")
    return()
  endif()
  foreach(line IN LISTS ARG_EXPECT)
    string(FIND "${all}" "${line}" at)
    if(at EQUAL -1)
      message(SEND_ERROR "${step}: perfeval ${command} no longer prints\n  ${line}\nIt printed:\n${all}")
    endif()
  endforeach()
endfunction()

# Step 4: the first draft, with its three mistakes.
configure_file("${guide}/初稿/尾款项目.perf" "${project_file}" COPYONLY)
expect_run("draft" 1 ARGS check --lang zh 规则 EXPECT
  "规则/尾款项目.perf:18:14: 错误: “，”不能出现在不带引号的名称中"
  "已检查 3 个规则文件、0 个数据文件：1 个错误，5 个警告")

file(READ "${project_file}" text)
string(REPLACE "指标 防范财政风险，提升政府公信力" "指标 \"防范财政风险，提升政府公信力\"" text "${text}")
file(WRITE "${project_file}" "${text}")
expect_run("draft, name quoted" 1 ARGS check --lang zh 规则 EXPECT
  "规则/尾款项目.perf:14:50: 错误: 没有方法“按照完成比列赋分”；是否应为“按照完成比例赋分”？"
  "规则/尾款项目.perf:2:4: 错误: 项目“州人社局尾款项目”的权重合计为102（指标92 + 预算执行率10），而政策“新疆2024”要求为100"
  "已检查 3 个规则文件、0 个数据文件：2 个错误，1 个警告")

string(REPLACE "权重 6 目标 <=11.48万元 赋分规则 按照完成比列赋分" "权重 4 目标 <=11.48万元 赋分规则 按照完成比例赋分" text "${text}")
file(WRITE "${project_file}" "${text}")
expect_run("draft, all fixed" 0 ARGS check --lang zh 规则 EXPECT
  "规则/新疆2024.perf:87:8: 警告: 方法“达标赋分”未被任何指标使用"
  "已检查 3 个规则文件、0 个数据文件：0 个错误，1 个警告")

# Step 5: perfeval fmt lays the fixed draft out as the shipped file.
expect_run("fmt --check before" 1 ARGS fmt --check 规则 EXPECT "规则/尾款项目.perf")
expect_run("fmt" 0 ARGS fmt --lang zh 规则/尾款项目.perf EXPECT "已排版 规则/尾款项目.perf")
file(READ "${project_file}" formatted)
file(READ "${guide}/规则/尾款项目.perf" shipped)
if(NOT formatted STREQUAL shipped)
  message(SEND_ERROR "fmt: the formatted draft differs from docs/guide/规则/尾款项目.perf:\n${formatted}")
endif()
configure_file("${guide}/规则/尾款项目.perf" "${project_file}" COPYONLY)
expect_run("fmt --check after" 0 ARGS fmt --check 规则)

# Steps 6-8: the data file, the scored table, one figure explained.
expect_run("check with data" 0 ARGS check --lang zh 规则 数据 EXPECT
  "已检查 3 个规则文件、1 个数据文件：0 个错误，1 个警告")
expect_run("score" 0 ARGS --lang zh 规则 数据 EXPECT
  "预算执行率: 74.01 / 74.13 = 99.84%   得分 10.00 / 10"
  "98.95%   3.96  有        得分: 填报 3.9, 应为 3.96"
  "总分: 99.96 / 100   档次: 优   填报 99.90, 应为 99.96"
  "州人社局尾款项目    99.96  优    不符 2")
expect_run("explain" 0 ARGS explain --lang zh 规则 数据 -p 州人社局尾款项目 -i 州人社局劳动保障大厦维修项目资金尾款 EXPECT
  "    得分 = weight * max(0, 1 - abs(rate - 100%))"
  "    完成率 = 113600元 ÷ 114800元 = ≈98.95%；得分 = 4 × (1 − ≈1.05%) = ≈3.958188 → 3.96 (保留2位小数)"
  "    是否达标：113600元 ≤ 114800元，是；须说明偏差：≈98.95% ≠ 100%，是；已填写偏差原因分析")

# Step 9: the rule test.
expect_run("test" 0 ARGS test --lang zh 规则 测试 EXPECT "通过 3 例，失败 0 例")

# Step 10: one line switches the project to 全国模板; the total changes and
# the project case of the test notices.
string(REPLACE "项目 州人社局尾款项目 政策 新疆2024 {" "项目 州人社局尾款项目 政策 全国模板 {" switched "${shipped}")
if(switched STREQUAL shipped)
  message(SEND_ERROR "switch: the policy line of docs/guide/规则/尾款项目.perf is not the one the guide edits")
endif()
file(WRITE "${project_file}" "${switched}")
expect_run("switched" 0 ARGS --lang zh 规则 数据 EXPECT
  "预算执行率: 74.01 / 74.13 = 99.84%   得分 9.98 / 10   得分: 填报 10.00, 应为 9.98"
  "98.95%   4.00  多余      得分: 填报 3.9, 应为 4.00"
  "总分: 99.98 / 100   档次: 优   填报 99.90, 应为 99.98")
expect_run("switched test" 1 ARGS test --lang zh 规则 测试 EXPECT
  "测试/尾款项目.test.json: 第3例“整张表总分 99.96，不是填报的 99.90”: total 应为 99.96，实际为 99.98"
  "通过 2 例，失败 1 例")
