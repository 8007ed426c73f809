#include "cli_text.hpp"

#include <array>

#include "perfeval/lang/wording.hpp"

namespace perfeval::cli {
namespace {

// In the order of the enum; each row names its text so the order is checked.
constexpr std::array kEntries = std::to_array<Wording<Say>>({
    {Say::description,
     "perfeval 按规则文件为项目支出绩效自评表和单位整体支出绩效自评表评分。\n"
     "RULES 是一个 .perf 文件或存放它们的目录；DATA 是 .json 文件、.jsonl 文件（每行一张表）、\n"
     ".xlsx 工作簿（每个工作表一张表）、存放它们的目录，或 -（从标准输入读取 JSON Lines）。",
     "perfeval scores 项目支出绩效自评表 and 单位整体支出绩效自评表 by rule files.\n"
     "RULES is a .perf file or a folder of them; DATA are .json files, .jsonl files (one\n"
     "table per line), .xlsx workbooks (one table per sheet), folders of them, or - for JSON Lines "
     "on standard input."},
    {Say::footer,
     "命令：\n"
     "  perfeval [score] RULES DATA...   为每个项目评分并输出评分表（超过 100 张表、\n"
     "                                   JSON Lines 或 - 时每张表一行）\n"
     "  perfeval audit RULES DATA...     列出填报表中与规则不符之处\n"
     "  perfeval explain RULES DATA...   显示计算过程（-p 项目，-i 指标）\n"
     "  perfeval check RULES [DATA...]   只检查规则文件和数据文件，不评分\n"
     "  perfeval test RULES TESTS        运行规则的测试\n"
     "  perfeval fmt [--check] FILES...  把规则文件排成统一格式\n"
     "  perfeval template RULES -o FILE  写出可填写的空白自评表（.xlsx）\n"
     "  perfeval serve RULES             在浏览器中评分和修改规则的本地页面\n"
     "  perfeval help [COMMAND]          显示命令的帮助\n"
     "退出状态：0 全部读取并评分（audit 未发现问题）；\n"
     "1 规则文件或数据文件有问题，或没有找到数据文件（其他文件仍会评分）；\n"
     "2 命令行有误；3 audit 发现不符或偏差说明问题。\n"
     "语言随区域设置（LANG、LC_ALL、LC_MESSAGES 为 zh_* 时为中文），--lang 优先。",
     "Commands:\n"
     "  perfeval [score] RULES DATA...   score every project and print its table (more\n"
     "                                   than 100 tables, JSON Lines or -: one line per table)\n"
     "  perfeval audit RULES DATA...     list what the printed tables got wrong\n"
     "  perfeval explain RULES DATA...   show the working (-p PROJECT, -i INDICATOR)\n"
     "  perfeval check RULES [DATA...]   check rule and data files without scoring\n"
     "  perfeval test RULES TESTS        run the tests of the rules\n"
     "  perfeval fmt [--check] FILES...  lay out rule files in the canonical form\n"
     "  perfeval template RULES -o FILE  write a blank 自评表 to fill in (.xlsx)\n"
     "  perfeval serve RULES             a local page to score tables and edit rules\n"
     "  perfeval help [COMMAND]          show the help of a command\n"
     "Exit status: 0 everything was read and scored (and, for audit, nothing was found);\n"
     "1 a rule or data file has a problem, or no data file was found (the other files are\n"
     "still scored); 2 a wrong command line; 3 audit found differences or explanation\n"
     "problems. Messages are in Chinese when LANG, LC_ALL or LC_MESSAGES is zh_*;\n"
     "--lang overrides."},

    {Say::label_usage, "用法", "Usage"},
    {Say::label_options_word, "选项", "OPTIONS"},
    {Say::label_command_word, "命令", "COMMAND"},
    {Say::label_positionals, "参数", "Arguments"},
    {Say::label_options, "选项", "Options"},
    {Say::label_required, "必填", "REQUIRED"},

    {Say::value_format, "格式", "FORMAT"},
    {Say::value_file, "文件", "FILE"},
    {Say::value_number, "数量", "N"},
    {Say::value_lang, "语言", "LANG"},
    {Say::value_when, "何时", "WHEN"},
    {Say::value_name, "名称", "NAME"},
    {Say::value_command, "命令", "COMMAND"},

    {Say::help_flag, "显示本帮助并退出", "print this help and exit"},
    {Say::version_flag, "显示版本并退出", "print the version and exit"},
    {Say::format_option, "输出格式", "output format"},
    {Say::output_option, "写入此文件而不是标准输出（xlsx 必须指定）",
     "write to this file instead of standard output (needed for xlsx)"},
    {Say::jobs_option, "读取和评分的线程数（默认每个核心一个）；线程数不影响结果",
     "threads that read and score (default: one per core); the results are the same for any "
     "number"},
    {Say::lang_option, "提示和标题的语言（默认随区域设置）",
     "language of messages and headings (default: from the locale)"},
    {Say::quiet_option, "不显示进度和警告，只显示结果和错误",
     "no progress line and no warnings: only the results and the errors"},
    {Say::color_option, "何时使用颜色：auto 仅在终端上且未设置 NO_COLOR 时（默认）",
     "when to colour the output: auto only on a terminal without NO_COLOR (default)"},
    {Say::rules_argument, "规则文件或存放规则文件的目录（*.perf）",
     "rule file or folder of rule files (*.perf)"},
    {Say::data_argument,
     "数据文件或存放数据文件的目录（*.json、*.jsonl、*.xlsx），或 -（标准输入）",
     "data files or folders of them (*.json, *.jsonl, *.xlsx), or - for standard input"},
    {Say::policy_option, "为自带指标表而未指明政策的表评分所用的政策（见 docs/data-format.md）",
     "the policy that scores tables carrying their own indicators and naming none "
     "(docs/data-format.md)"},
    {Say::filter_option,
     "逐行过滤 JSON Lines（即 -f jsonl）：每行输入得一行输出，只以输入名标注，不输出汇总行，"
     "因此输入任意切分后各段输出拼接起来与整体输出相同",
     "a line-in, line-out filter for JSON Lines (implies -f jsonl): each line gives one "
     "line, labelled by its input's name alone, and no summary line follows, so the "
     "output of any split of the input, put together, is the output of the whole"},
    {Say::tests_argument, "测试文件或存放测试文件的目录（*.test.json）",
     "test file or folder of test files (*.test.json)"},
    {Say::fmt_files_argument, "规则文件或存放规则文件的目录（*.perf）",
     "rule files or folders of them (*.perf)"},
    {Say::fmt_check_option, "不做修改，只列出未排版的文件",
     "change nothing; list the files that are not formatted"},
    {Say::project_option, "只看此项目", "only this project"},
    {Say::indicator_option, "只看此指标（三级指标）", "only this indicator (三级指标)"},
    {Say::help_command_argument, "要查看帮助的命令", "the command to show the help of"},
    {Say::template_project_option, "只写此项目类型", "only this project type"},
    {Say::template_output_option, "写入此 Excel 工作簿（.xlsx）",
     "write this Excel workbook (.xlsx)"},

    {Say::score_command, "perfeval score：为每个项目评分并输出评分表（不写命令时也是评分）。",
     "perfeval score: score every project and print its table (also what perfeval does\n"
     "when no command is given)."},
    {Say::audit_command,
     "perfeval audit：列出规则得不出的每个填报完成率、得分或总分及其算式，\n"
     "以及缺少或多余的偏差原因分析。",
     "perfeval audit: list every printed rate, score or total that the rules do not give,\n"
     "with the arithmetic, and every deviation explanation that is missing or not needed."},
    {Say::explain_command, "perfeval explain：显示每个数字背后的规则和算式。",
     "perfeval explain: show the rule and the arithmetic behind every figure."},
    {Say::check_command,
     "perfeval check：读取并检查规则文件（和数据文件），不评分；\n"
     "列出发现的所有问题，而不只是第一个。",
     "perfeval check: load and check rule files (and data files) without scoring;\n"
     "report every problem found, not only the first."},
    {Say::test_command, "perfeval test：运行规则文件的测试（*.test.json，见 docs/rule-tests.md）。",
     "perfeval test: run the tests of rule files (*.test.json, see docs/rule-tests.md)."},
    {Say::fmt_command,
     "perfeval fmt：把规则文件原地排成统一格式\n"
     "（保留注释；--check 只列出未排版的文件）。",
     "perfeval fmt: lay out rule files in the one canonical form, in place\n"
     "(comments are kept; --check only lists the files that are not formatted)."},
    {Say::help_command, "perfeval help：显示 perfeval 或某个命令的帮助。",
     "perfeval help: show the help of perfeval or of one command."},
    {Say::template_command,
     "perfeval template：为每个项目类型写出一张可填写的空白项目支出绩效自评表（.xlsx）：\n"
     "指标、目标值、权重和赋分规则按规则文件写出并锁定，实际完成值、偏差原因分析等留空待填，\n"
     "评判等级可从下拉列表中选择。填好保存后用 perfeval RULES 文件.xlsx 评分。",
     "perfeval template: write a blank 项目支出绩效自评表 to fill in (.xlsx), one sheet per\n"
     "project type: indicators, targets, weights and methods as the rules give them, locked;\n"
     "the actual values, reasons for deviation and the rest open, grades offered as a\n"
     "drop-down list. Fill it in, save it, and score it with perfeval RULES FILE.xlsx."},

    {Say::see_help, "用法见 {}。", "See {}."},
    {Say::required, "缺少 {}", "{} is required"},
    {Say::not_expected, "多余的参数：{}", "{} was not expected"},
    {Say::no_such_option, "没有选项 {}", "there is no option {}"},
    {Say::not_an_option_of, "perfeval {} 没有选项 {}", "perfeval {} takes no option {}"},
    {Say::did_you_mean, "；是否要输入 {}？", "; did you mean {}?"},
    {Say::option_of_other_command, "（这是 {} 的选项）", " (it is an option of {})"},
    {Say::not_a_command, "“{}”既不是命令，也不是文件或目录",
     "'{}' is not a command, file or folder"},
    {Say::no_such_command, "没有命令“{}”", "there is no command '{}'"},
    {Say::not_one_of, "{}：“{}”不是可选的值（可选：{}）", "{}: '{}' is not one of {}"},
    {Say::not_a_whole_number, "{}：“{}”不是 {} 到 {} 之间的整数",
     "{}: '{}' is not a whole number from {} to {}"},
    {Say::needs_value, "{} 后面缺少取值", "{} needs a value"},
    {Say::cannot_read, "无法识别命令行：{}", "the command line cannot be read: {}"},
    {Say::data_file_alone, "{} 是数据文件；请先写规则：{}",
     "{} is a data file; name the rules first: {}"},
    {Say::rules_and_data_swapped, "RULES 和 DATA 写反了：{} 是数据，{} 是规则；应为：{}",
     "RULES and DATA are swapped: {} holds data and {} holds rules; write: {}"},
    {Say::output_folder_missing, "{}：目录 {} 不存在；请先建立该目录或另选输出位置",
     "{}: the folder {} does not exist; create it or write elsewhere"},
    {Say::output_folder_not_folder, "{}：{} 不是目录", "{}: {} is not a folder"},
    {Say::output_folder_not_writable, "{}：没有写入目录 {} 的权限",
     "{}: the folder {} cannot be written to (permission denied)"},

    {Say::no_such_project, "没有项目“{}”", "there is no project '{}'"},
    {Say::no_such_indicator, "没有指标“{}”", "there is no indicator '{}'"},

    {Say::no_project_types,
     "{} 中没有声明项目类型（project），无法写出模板；自带指标的表不需要模板，"
     "见 docs/data-format.md 第 2 节",
     "{} declares no project type (project), so there is no template to write; tables that "
     "carry their own indicators need none (docs/data-format.md, section 2)"},
    {Say::no_such_project_type, "没有项目类型“{}”", "there is no project type '{}'"},
    {Say::template_written, "已写出 {}（项目类型 {} 个）", "wrote {} (project types: {})"},

    {Say::progress_done, "评分中 {}", "scoring {}"},
    {Say::progress_of, "评分中 {}/{}", "scoring {}/{}"},
    {Say::progress_left, "，约剩 {}", ", about {} left"},

    {Say::serve_command,
     "perfeval serve：在浏览器中打开的本地页面：拖入自评表即评分，\n"
     "也可查看和修改 RULES 中的规则文件（只在本机可用）。",
     "perfeval serve: a local page in the web browser: drop tables to score them, and read\n"
     "and edit the rule files of RULES (on this computer only)."},
    {Say::port_option, "端口（0：任选一个空闲端口；默认 8765，被占用时任选）",
     "the port (0: any free port; default 8765, or any free port if it is taken)"},
    {Say::listen_option, "监听的地址；不是本机地址时其他计算机也能访问",
     "the address to listen on; other than this computer's own, other computers can reach it"},
    {Say::value_address, "地址", "ADDRESS"},
});

static_assert(in_enum_order(kEntries), "one entry per text, in the order of the enum");

}  // namespace

std::string_view say(Say what, Lang lang) {
  return worded(kEntries, what, lang);
}

}  // namespace perfeval::cli
