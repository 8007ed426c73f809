#include "serve_text.hpp"

#include <array>

#include "perfeval/lang/wording.hpp"

namespace perfeval::serve {
namespace {

constexpr std::array kEntries = std::to_array<Wording<ServeSay>>({
    {ServeSay::listening, "请在浏览器中打开 {}", "Open {} in a web browser"},
    {ServeSay::how_to_stop, "（按 Ctrl+C 停止）", "(Ctrl+C stops it)"},
    {ServeSay::not_loopback,
     "警告：{} 不只是本机地址，网络上的其他计算机也能打开此页面并修改规则文件",
     "warning: {} is not this computer's own address: other computers on the network can "
     "open the page and change the rule files"},
    {ServeSay::cannot_listen, "无法在 {} 端口 {} 上启动：端口可能已被占用",
     "cannot listen on {} port {}: the port may be in use"},
    {ServeSay::not_found, "没有这个页面", "there is no such page"},
    {ServeSay::wrong_method, "此地址不接受这种请求", "this address does not take that request"},
    {ServeSay::not_json, "请求应为含 name 和 text 的 JSON 对象",
     "the request must be a JSON object with name and text"},
    {ServeSay::unknown_rule_file, "“{}”不是所列的规则文件", "'{}' is not one of the rule files"},
    {ServeSay::rule_has_errors, "规则文件有错误，未保存；请先改正标出的错误",
     "the rule file has errors and was not saved; correct the errors marked first"},
    {ServeSay::cannot_save, "无法保存：{}", "cannot save: {}"},
    {ServeSay::no_files, "请选择要评分的自评表文件", "choose the tables to score"},
    {ServeSay::not_a_data_file, "“{}”不是 .xlsx、.json 或 .jsonl 文件",
     "'{}' is not an .xlsx, .json or .jsonl file"},
    {ServeSay::unknown_format, "没有“{}”格式的报告", "there is no report in the format '{}'"},
    {ServeSay::too_large, "上传的文件太大（合计不得超过 {} MB）",
     "the files sent are too large (at most {} MB together)"},
    {ServeSay::not_from_page, "只接受本页面发出的请求", "only requests from the page are taken"},
    {ServeSay::wrong_host, "只接受发往本机地址的请求",
     "only requests to this computer's address are taken"},
    {ServeSay::failed, "处理请求时出错：{}", "the request failed: {}"},
    {ServeSay::changed_elsewhere,
     "此文件在本页面之外被修改过，未保存；请先复制您的修改，再刷新页面",
     "the file was changed outside this page and was not saved; copy your changes, then "
     "reload the page"},
});

static_assert(in_enum_order(kEntries), "one entry per text, in the order of the enum");

}  // namespace

std::string_view serve_say(ServeSay what, Lang lang) {
  return worded(kEntries, what, lang);
}

}  // namespace perfeval::serve
