#include "messages.hpp"

#include <algorithm>
#include <array>

namespace perfeval {

namespace {

// Each text is written for the finance officer who wrote the rule file: say
// what is wrong at the caret and what to type instead, in one or two short
// sentences. Keywords are quoted in the language of the message; the file may
// use either spelling.
constexpr std::array kMessages = {
    // ---- the words of a rendered diagnostic: "file:1:5: error: ..."
    Message{"severity-error", "error", "错误"},
    Message{"severity-warning", "warning", "警告"},
    Message{"first-given-at", "first given at", "首次出现于"},

    // ---- reading the file
    Message{"file-too-large", "the file is {0} bytes, more than the limit of {1} bytes",
            "文件大小为{0}字节，超过了{1}字节的上限"},
    Message{"invalid-utf8", "byte {0} is not valid UTF-8; save the file as UTF-8",
            "字节{0}不是有效的UTF-8编码；请以UTF-8格式保存文件"},
    Message{"syntax-error", "cannot read the rules here ({0})", "此处无法识别（{0}）"},

    // ---- limits
    Message{"nesting-too-deep",
            "this formula is nested too deeply (more than {0} levels of brackets, 'if' or "
            "operators); simplify it",
            "公式嵌套过深（括号、“如果”或运算符超过{0}层）；请简化公式"},
    Message{"name-too-long", "this name is {0} bytes long, more than the limit of {1} bytes",
            "名称长度为{0}字节，超过了{1}字节的上限"},
    Message{"empty-name", "a name cannot be empty", "名称不能为空"},

    // ---- names and numbers
    Message{"unterminated-string", "this quoted name has no closing '\"' on the same line",
            "引号中的名称在同一行内缺少结尾的“\"”"},
    Message{"invalid-escape", "inside quotes a backslash can only be followed by '\"' or '\\'",
            "引号内反斜杠“\\”后面只能是“\"”或“\\”"},
    Message{"text-after-number",
            "a number here cannot be followed by a unit or other text (for example: weight 10)",
            "此处数字后面不能跟单位或其他文字（例如：权重 10）"},
    Message{"number-too-large", "the number {0} has too many digits to be held exactly",
            "数字{0}位数过多，无法精确表示"},
    Message{"invalid-number", "{0} is not a number (for example: 10 or 2.5)",
            "{0}不是有效的数字（例如：10 或 2.5）"},
    Message{"full-width-punctuation",
            "'{0}' is a full-width character; type the ASCII '{1}' instead",
            "“{0}”是全角字符；请改用半角的“{1}”"},
    Message{"full-width-space", "this is a full-width space; type an ordinary space instead",
            "此处是全角空格；请改用半角空格"},
    Message{"full-width-in-name",
            "'{0}' ends a name written without quotes; if it is part of the name, put the whole "
            "name in double quotes (for example: \"当期结案率（%）\")",
            "“{0}"
            "”不能出现在不带引号的名称中；如果它是名称的一部分，请用英文双引号把整个名称括起来（例"
            "如：\"当期结案率（%）\"）"},

    // ---- declarations
    Message{"expected-declaration", "expected 'use', 'policy', 'method' or 'project' here",
            "此处应为“使用”、“政策”、“方法”或“项目”"},
    Message{"expected-policy-name",
            "expected the policy's name after 'policy' (for example: policy 新疆2024 {)",
            "“政策”后面应为政策名称（例如：政策 新疆2024 {）"},
    Message{"expected-method-name",
            "expected the method's name after 'method' (for example: method 按照完成比例赋分 {)",
            "“方法”后面应为方法名称（例如：方法 按照完成比例赋分 {）"},
    Message{"expected-project-name",
            "expected the project's name after 'project' (for example: project "
            "\"2024年就业补助资金\" policy 新疆2024 {)",
            "“项目”后面应为项目名称（例如：项目 \"2024年就业补助资金\" 政策 新疆2024 {）"},
    Message{"expected-open-brace",
            "expected '{' here; a name with spaces or punctuation must be in double quotes",
            "此处应为“{”；含空格或标点的名称须用英文双引号括起来"},
    Message{"expected-closing-brace", "the file ends before the '}' that closes this block",
            "文件在结束本段的“}”之前就结束了"},

    // ---- policies
    Message{"expected-policy-statement",
            "expected a policy statement (total, round, explain, funds, grade, band, category) or "
            "'}'",
            "此处应为政策语句（总分、舍入、说明、资金、等级、档次、类别）或“}”"},
    Message{"expected-total-number", "expected a number after 'total' (for example: total 100)",
            "“总分”后面应为数字（例如：总分 100）"},
    Message{"expected-round-target",
            "expected 'score' or 'rate' after 'round' (for example: round score 2)",
            "“舍入”后面应为“得分”或“完成率”（例如：舍入 得分 2）"},
    Message{"expected-round-digits",
            "expected the number of decimal places (for example: round score 2)",
            "此处应为保留的小数位数（例如：舍入 得分 2）"},
    Message{"invalid-round-digits",
            "the number of decimal places must be a whole number from 0 to 18, not {0}",
            "保留的小数位数应为0到18之间的整数，而不是{0}"},
    Message{"expected-funds-statement",
            "expected a funds statement (weight, rate, score, explain) or '}'",
            "此处应为资金语句（权重、完成率、得分、说明）或“}”"},
    Message{"funds-missing-weight", "the funds block needs a weight (for example: weight 10)",
            "资金部分缺少权重（例如：权重 10）"},
    Message{"expected-band-label",
            "expected the band's label after 'band' (for example: band 优 >= 90)",
            "“档次”后面应为档次名称（例如：档次 优 >= 90）"},
    Message{"expected-band-operator",
            "expected '>=' after the band's label (for example: band 优 >= 90)",
            "档次名称后面应为“>=”（例如：档次 优 >= 90）"},
    Message{"expected-band-threshold", "expected a number after '>=' (for example: band 优 >= 90)",
            "“>=”后面应为数字（例如：档次 优 >= 90）"},

    // ---- methods and statements with formulas
    Message{"expected-method-statement",
            "expected a method statement (grade, met, rate, score, explain, require) or '}'",
            "此处应为方法语句（等级、达标、完成率、得分、说明、要求）或“}”"},
    Message{"expected-when",
            "expected 'when' after 'explain' (for example: explain when rate != 100%)",
            "“说明”后面应为“当”（例如：说明 当 完成率 != 100%）"},
    Message{"expected-equals", "expected '=' and a formula (for example: rate = actual / target)",
            "此处应为“=”和公式（例如：完成率 = 实际 / 目标）"},
    Message{"expected-formula", "expected a formula here (for example: weight * rate)",
            "此处应为公式（例如：权重 * 完成率）"},
    Message{"expected-grade-word",
            "expected the grade word after 'grade' (for example: grade 达到预期指标 = 100%)",
            "“等级”后面应为等级名称（例如：等级 达到预期指标 = 100%）"},
    Message{"expected-grade-equals",
            "expected '=' and the grade's share after the grade word (for example: grade "
            "达到预期指标 = 100%)",
            "等级名称后面应为“=”和该等级的得分比例（例如：等级 达到预期指标 = 100%）"},
    Message{"expected-grade-high",
            "expected the upper end of the grade's band after '..' or '至' (for example: grade "
            "达成年度指标 = 80% .. 100%)",
            "“..”或“至”后面应为该等级区间的上限（例如：等级 达成年度指标 = 80% 至 100%）"},
    Message{"grade-range-needs-spaces",
            "put a space before and after '至' (for example: grade 达成年度指标 = 80% 至 100%)",
            "“至”的前后须各有一个空格（例如：等级 达成年度指标 = 80% 至 100%）"},
    Message{"expected-category-path",
            "expected the category after 'category' (for example: category 产出指标 weight 50 or "
            "category 产出指标 / 数量指标 weight 30)",
            "“类别”后面应为指标类别（例如：类别 产出指标 权重 50 或 类别 产出指标 / 数量指标 权重 "
            "30）"},
    Message{"expected-category-weight",
            "expected 'weight' and a number after the category (for example: category 产出指标 "
            "weight 50); a name with spaces or punctuation must be in double quotes",
            "类别后面应为“权重”和数字（例如：类别 产出指标 权重 "
            "50）；含空格或标点的名称须用英文双引号括起来"},
    Message{"expected-weight-number", "expected a number after 'weight' (for example: weight 10)",
            "“权重”后面应为数字（例如：权重 10）"},
    Message{"duplicate-statement", "'{0}' is given twice; give it only once",
            "“{0}”重复出现；只能出现一次"},

    // ---- formulas
    Message{"expected-operand", "expected a value here: a number, a name, or a formula in brackets",
            "此处应为一个值：数字、名称或括号中的公式"},
    Message{"expected-condition",
            "expected a condition after 'if' (for example: if met then weight else 0)",
            "“如果”后面应为条件（例如：如果 达标 则 权重 否则 0）"},
    Message{"expected-then",
            "expected 'then' after the condition (for example: if met then weight else 0)",
            "条件后面应为“则”（例如：如果 达标 则 权重 否则 0）"},
    Message{"expected-else",
            "'if ... then ...' needs an 'else' part (for example: if met then weight else 0)",
            "“如果……则……”后面须有“否则”部分（例如：如果 达标 则 权重 否则 0）"},
    Message{"expected-closing-paren", "expected ')' to close the '('", "此处应为与“(”配对的“)”"},
    Message{"expected-call-close", "expected ',' or ')' after the function's argument",
            "函数参数后面应为“,”或“)”"},
    Message{"chained-comparison",
            "comparisons cannot be chained; join them with 'and' (for example: a < b and b < c)",
            "比较不能连写；请用“并且”连接（例如：a < b 并且 b < c）"},
    Message{"double-equals", "write a single '=' to compare two values",
            "比较两个值时请只写一个“=”"},
    Message{"use-not-equals", "write '!=' for \"not equal\"", "“不等于”请写作“!=”"},
    Message{"conditional-needs-parentheses",
            "an 'if ... then ... else ...' inside a larger formula must be put in brackets",
            "公式中间的“如果……则……否则……”须用括号括起来"},

    // ---- projects
    Message{"expected-project-policy",
            "expected 'policy' and the policy's name after the project's name (for example: policy "
            "新疆2024)",
            "项目名称后面应为“政策”和政策名称（例如：政策 新疆2024）"},
    Message{"expected-policy-reference", "expected the name of a policy after 'policy'",
            "“政策”后面应为政策名称"},
    Message{
        "expected-group",
        "expected an indicator group (for example: 产出指标 / 数量指标 {), a category weight "
        "(category 产出指标 weight 50) or '}'",
        "此处应为指标分组（例如：产出指标 / 数量指标 {）、类别权重（类别 产出指标 权重 50）或“}”"},
    Message{
        "indicator-outside-group",
        "an indicator must be inside a group (for example: 产出指标 / 数量指标 { indicator ... })",
        "指标须写在分组内（例如：产出指标 / 数量指标 { 指标 …… }）"},
    Message{"expected-category-slash",
            "expected '/' and the second-level category (for example: 产出指标 / 数量指标 {)",
            "此处应为“/”和二级指标（例如：产出指标 / 数量指标 {）"},
    Message{"expected-category-name",
            "expected the second-level category after '/' (for example: 产出指标 / 数量指标 {)",
            "“/”后面应为二级指标名称（例如：产出指标 / 数量指标 {）"},
    Message{"expected-indicator", "expected 'indicator' or '}'", "此处应为“指标”或“}”"},
    Message{"expected-indicator-name",
            "expected the indicator's name after 'indicator' (for example: indicator "
            "举办招聘会次数 weight 15)",
            "“指标”后面应为指标名称（例如：指标 举办招聘会次数 权重 15）"},
    Message{"expected-weight",
            "expected 'weight' after the indicator's name; a name with spaces or punctuation must "
            "be in double quotes",
            "指标名称后面应为“权重”；含空格或标点的名称须用英文双引号括起来"},
    Message{"expected-target",
            "expected 'target' after the weight (for example: weight 15 target >= 2场)",
            "权重后面应为“目标”（例如：权重 15 目标 >= 2场）"},
    Message{"expected-target-value",
            "expected the target value (for example: >= 13人, 2024年12月10日前, 长期)",
            "此处应为目标值（例如：>= 13人、2024年12月10日前、长期）"},
    Message{"invalid-target", "this target cannot be read: {0}", "无法识别此目标值：{0}"},
    Message{
        "expected-method",
        "expected 'method' after the target (for example: target >= 2场 method 按照完成比例赋分)",
        "目标值后面应为“方法”（例如：目标 >= 2场 方法 按照完成比例赋分）"},
    Message{"expected-method-reference", "expected the name of a method after 'method'",
            "“方法”后面应为方法名称"},

    // Semantic checks (checker.cpp)
    Message{"ambiguous-policy",
            "policy '{0}' is declared both in {1} and in {2}, and this file's folder declares "
            "none and uses neither; 'use' the one meant, or declare the policy in this folder",
            "政策“{0}”在{1}和{2}中都有定义，而本文件所在目录既未定义、也未使用其中任何一个；"
            "请用“使用”指明所用的那个，或在本目录中定义该政策"},
    Message{"ambiguous-method",
            "method '{0}' is declared both in {1} and in {2}, and this file's folder declares "
            "none and uses neither; 'use' the one meant, or declare the method in this folder",
            "方法“{0}”在{1}和{2}中都有定义，而本文件所在目录既未定义、也未使用其中任何一个；"
            "请用“使用”指明所用的那个，或在本目录中定义该方法"},
    Message{"duplicate-policy", "policy '{0}' is declared twice; rename or remove one of them",
            "政策“{0}”重复定义；请改名或删除其中一个"},
    Message{"duplicate-method", "method '{0}' is declared twice; rename or remove one of them",
            "方法“{0}”重复定义；请改名或删除其中一个"},
    Message{"duplicate-project", "project '{0}' is declared twice; rename or remove one of them",
            "项目“{0}”重复定义；请改名或删除其中一个"},
    Message{"duplicate-grade", "grade '{0}' is given twice; keep one",
            "等级“{0}”重复定义；请只保留一个"},
    Message{"duplicate-indicator",
            "indicator '{0}' appears twice in this project; each indicator needs its own name",
            "指标“{0}”在本项目中出现两次；每个指标须有不同的名称"},
    Message{"duplicate-category", "category '{0}' is given a weight twice here; keep one",
            "类别“{0}”的权重在此重复规定；请只保留一个"},
    Message{"category-weights-do-not-add-up",
            "in project '{0}' the indicators under '{1}' add up to {3}, but the category's weight "
            "is {2}",
            "项目“{0}”中“{1}”下各指标权重合计为{3}，而该类别的权重为{2}"},
    Message{"category-parts-do-not-add-up",
            "in project '{0}' the second-level categories given weights under '{1}' add up to "
            "{3} ({4}), but '{1}' has weight {2}",
            "项目“{0}”中“{1}”下已规定权重的二级指标合计为{3}（{5}），而“{1}”的权重为{2}"},
    Message{"category-without-indicators",
            "project '{0}' has no indicator under '{1}', which is given weight {2} here; add its "
            "indicators or remove the category",
            "项目“{0}”在“{1}”下没有任何指标，而此处规定其权重为{2}；请补充指标或删去该类别"},
    Message{"grade-range-reversed",
            "the band of grade '{0}' starts at {1}, above its end {2}; write the lower end first "
            "(for example: 60% .. 80%)",
            "等级“{0}”的区间下限{1}高于上限{2}；请先写下限（例如：60% 至 80%）"},
    Message{"digits-out-of-range", "rounding to {0} digits is not possible; use 0 to 18",
            "无法保留{0}位小数；请使用0到18之间的位数"},
    Message{"policy-without-funds",
            "policy '{0}' does not say how the budget execution rate is scored; add a funds { ... "
            "} block",
            "政策“{0}”未规定预算执行率如何计分；请添加 资金 { ... } 段"},
    Message{"negative-weight",
            "a weight cannot be negative ({0}); write the weight as a number 0 or above",
            "权重不能为负数（{0}）；请填写0或以上的数"},
    Message{"funds-without-rate",
            "the funds block of policy '{0}' needs a rate formula (e.g. rate = executed / budget)",
            "政策“{0}”的资金段缺少完成率公式（例如：完成率 = 全年执行数 / 全年预算数）"},
    Message{"funds-without-score",
            "the funds block of policy '{0}' needs a score formula (e.g. score = weight * "
            "min(rate, 100%))",
            "政策“{0}”的资金段缺少得分公式（例如：得分 = 权重 * 最小(完成率, 100%)）"},
    Message{"method-without-rate",
            "method '{0}' needs a rate formula (e.g. rate = actual / target)",
            "方法“{0}”缺少完成率公式（例如：完成率 = 实际 / 目标）"},
    Message{"method-without-score",
            "method '{0}' needs a score formula (e.g. score = weight * rate)",
            "方法“{0}”缺少得分公式（例如：得分 = 权重 * 完成率）"},
    Message{"unknown-policy", "there is no policy '{0}' in the rules folder; known policies: {1}",
            "规则目录中没有政策“{0}”；已有的政策：{1}"},
    Message{"unknown-policy-suggest", "there is no policy '{0}'; did you mean '{1}'?",
            "没有政策“{0}”；是否应为“{1}”？"},
    Message{"unknown-method", "there is no method '{0}' in the rules folder; known methods: {1}",
            "规则目录中没有方法“{0}”；已有的方法：{1}"},
    Message{"unknown-method-suggest", "there is no method '{0}'; did you mean '{1}'?",
            "没有方法“{0}”；是否应为“{1}”？"},
    Message{"weights-do-not-add-up",
            "the weights of project '{0}' add up to {3} (indicators {1} + funds {2}), but policy "
            "'{5}' requires {4}",
            "项目“{0}”的权重合计为{3}（指标{1} + 预算执行率{2}），而政策“{5}”要求为{4}"},
    Message{"qualitative-target-without-grades",
            "indicator '{0}' has the qualitative target '{1}', but method '{2}' and its policy "
            "define no grades; add grade lines such as: grade 达到预期指标 = 100%",
            "指标“{0}”的目标“{1}”是定性目标，但方法“{2}”及其政策没有定义等级；请添加如：等级 "
            "达到预期指标 = 100%"},
    Message{"grade-share-not-constant",
            "a grade's share must be a fixed number such as 60%, not depend on '{0}'",
            "等级分值须为固定数值（如60%），不能引用“{0}”"},
    Message{"unknown-variable", "'{0}' has no value in a {1} formula; available here: {2}",
            "“{0}”在{1}公式中没有值；此处可用：{2}"},
    Message{"unknown-variable-suggest", "'{0}' is not known in a {1} formula; did you mean '{2}'?",
            "{1}公式中没有“{0}”；是否应为“{2}”？"},
    Message{"unknown-function",
            "there is no function '{0}'; the functions are min, max, abs and round",
            "没有函数“{0}”；可用的函数为 min、max、abs、round"},
    Message{"unknown-function-suggest", "there is no function '{0}'; did you mean '{1}'?",
            "没有函数“{0}”；是否应为“{1}”？"},
    Message{"wrong-argument-count", "{0} takes {1} argument(s), but {2} are given here",
            "{0} 需要{1}个参数，此处给了{2}个"},
    Message{"round-digits",
            "the number of digits in round(...) must be a whole number from 0 to 18, e.g. "
            "round(score, 2)",
            "round(...) 的位数须为0到18的整数，例如 round(得分, 2)"},
    // Evaluation (runtime/src/formula.cpp)
    Message{"expected-number", "this part of the formula should give a number, but gives {0}",
            "公式此处应得出数值，实际为 {0}"},
    Message{"expected-true-or-false",
            "this part of the formula should be true or false, but gives {0}",
            "公式此处应为真或假，实际为 {0}"},
    Message{"unit-mismatch-compare", "cannot compare {0} with {1}: the units differ",
            "无法比较 {0} 与 {1}：单位不同"},
    Message{"unit-mismatch-add", "cannot add or subtract {0} and {1}: the units differ",
            "无法相加或相减 {0} 与 {1}：单位不同"},
    Message{"unit-mismatch-multiply", "cannot multiply {0} by {1}: both have units",
            "无法相乘 {0} 与 {1}：两者都带单位"},
    Message{"unit-mismatch-divide", "cannot divide {0} by {1}: the units do not cancel",
            "无法相除 {0} 与 {1}：单位不能约去"},
    Message{"division-by-zero",
            "division by zero: {0} / {1}; guard the formula, e.g. if target = 0 then ... else "
            "actual / target",
            "除数为零：{0} / {1}；请在公式中处理，例如 如果 目标 = 0 则 ... 否则 实际 / 目标"},
    Message{"cannot-compare", "cannot compare {0} with {1}", "无法比较 {0} 与 {1}"},
    Message{
        "variable-has-no-value",
        "'{0}' has no value here (grade, grade_low and grade_high are only set when the "
        "actual value is a grade word; test graded first)",
        "“{0}”此处没有值（仅当业绩值为等级词时才有等级值、等级下限和等级上限；请先判断 已评级）"},
    Message{"arithmetic-overflow", "the numbers are too large to compute exactly: {0}",
            "数值过大，无法精确计算：{0}"},
    Message{"internal", "internal error in formula evaluation", "公式求值内部错误"},
    Message{"requirement-not-met",
            "{0}: indicator '{2}' of project '{1}' is not scored: the requirement written here "
            "does not hold: {3}",
            "{0}：项目“{1}”的指标“{2}”未计分：不满足此处规定的要求：{4}"},
    Message{"requirement-does-not-hold", "a requirement of the method does not hold ({0})",
            "不满足方法的要求（{1}）"},
    Message{"data-missing-entered-score",
            "indicator '{1}' of project '{0}' is scored from the score entered by hand, but the "
            "data gives none; add it as \"reported\": {\"score\": \"...\"}",
            "项目“{0}”的指标“{1}”按填报得分计分，但数据中没有填报得分；请添加 \"reported\": "
            "{\"score\": \"...\"}"},
    Message{"scoring-failed", "{0}: cannot score '{2}' of project '{1}': {3}",
            "{0}：无法为项目“{1}”的“{2}”计分：{3}"},
    Message{"scoring-failed-funds", "{0}: cannot score the budget execution of project '{1}': {2}",
            "{0}：无法为项目“{1}”的“预算执行率”计分：{2}"},
    Message{"scoring-failed-total", "{0}: cannot score the total of project '{1}': {2}",
            "{0}：无法为项目“{1}”的“总分”计分：{2}"},
    // Data files (runtime/src/data_loader.cpp, engine.cpp)
    Message{"data-unknown-project",
            "no project type '{0}' is declared in the rules; check the \"project\" name",
            "规则中没有项目类型“{0}”；请检查 \"project\" 名称"},
    Message{"data-unknown-project-suggest",
            "no project type '{0}' is declared in the rules; did you mean '{1}'?",
            "规则中没有项目类型“{0}”；是否应为“{1}”？"},
    Message{"data-project-has-rule-errors",
            "project '{0}' cannot be scored until the errors in its rule file are fixed",
            "项目“{0}”的规则文件有错误，修正后才能计分"},
    Message{"data-unknown-indicator",
            "project '{0}' has no indicator '{1}'; check the name against the rule file",
            "项目“{0}”没有指标“{1}”；请对照规则文件检查名称"},
    Message{"data-unknown-indicator-suggest",
            "project '{0}' has no indicator '{1}'; did you mean '{2}'?",
            "项目“{0}”没有指标“{1}”；是否应为“{2}”？"},
    Message{"data-duplicate-indicator", "indicator '{1}' of project '{0}' is given twice; keep one",
            "项目“{0}”的指标“{1}”出现两次；请只保留一个"},
    Message{"data-missing-indicator",
            "indicator '{1}' of project '{0}' has no data; add it with its actual value",
            "项目“{0}”的指标“{1}”缺少数据；请补充其业绩值"},
    Message{
        "data-unknown-grade",
        "indicator '{1}' of project '{0}': '{2}' is not a grade the rules know; use one of: {3}",
        "项目“{0}”的指标“{1}”：“{2}”不是规则中的等级；可用：{3}"},
    Message{"data-qualitative-needs-grade",
            "indicator '{1}' of project '{0}' has the qualitative target '{2}', so its actual "
            "value must be a grade, not '{3}'",
            "项目“{0}”的指标“{1}”为定性目标“{2}”，业绩值应为等级词，而不是“{3}”"},
    Message{"data-unit-mismatch",
            "indicator '{1}' of project '{0}': the actual value '{2}' ({4:word}) cannot be "
            "compared with the target '{3}' ({5:word})",
            "项目“{0}”的指标“{1}”：业绩值“{2}”（{4:word}）与目标值“{3}”（{5:word}"
            "）单位不一致，无法比较"},
    // What a value is, where it has no unit (values' unit_of), shown by {n:word}
    Message{"value-kind-date", "a date", "日期"},
    Message{"value-kind-text", "words", "文字"},
    Message{"data-bad-reported", "project '{0}', {1}: the reported figure '{2}' is not a number",
            "项目“{0}”，{1}：填报数“{2}”不是数值"},
    Message{"data-bad-reported-funds",
            "project '{0}', budget execution: the reported figure '{1}' is not a number",
            "项目“{0}”，预算执行率：填报数“{1}”不是数值"},
    Message{"data-not-utf8",
            "this file is not UTF-8 (Chinese text saved as GBK, the 'ANSI' of Chinese Windows, "
            "looks like this); open it and save it again as UTF-8",
            "此文件不是UTF-8编码（中文Windows“ANSI”保存的GBK编码即如此）；请打开后另存为UTF-8编码"},
    Message{"data-bad-funds-row",
            "project '{0}', funds row '{1}': '{2}' is not an amount; write the amount in 万元 "
            "(\"1,602.88\"), or leave the cell blank or '/' when the row has none",
            "项目“{0}”，资金行“{1}”：“{2}”不是金额；请填写万元金额（如“1,602."
            "88”），无此项时留空或填“/”"},
    Message{"data-bad-reported-total",
            "project '{0}', total score: the reported figure '{1}' is not a number",
            "项目“{0}”，总分：填报数“{1}”不是数值"},
    Message{"data-reported-too-large",
            "project '{0}', {1}: the reported figure '{2}' has too many digits to be read exactly",
            "项目“{0}”，{1}：填报数“{2}”位数过多，无法精确读取"},
    Message{"data-reported-too-large-funds",
            "project '{0}', budget execution: the reported figure '{1}' has too many digits to be "
            "read exactly",
            "项目“{0}”，预算执行率：填报数“{1}”位数过多，无法精确读取"},
    Message{"data-reported-too-large-total",
            "project '{0}', total score: the reported figure '{1}' has too many digits to be read "
            "exactly",
            "项目“{0}”，总分：填报数“{1}”位数过多，无法精确读取"},
    Message{"data-missing-field", "project '{0}': the field \"{1}\" is missing",
            "项目“{0}”：缺少字段 \"{1}\""},
    Message{"data-wrong-type", "project '{0}': the field \"{1}\" should be {2}, but is {3}",
            "项目“{0}”：字段 \"{1}\" 应为{2}，实际为{3}"},
    Message{"data-number-too-large", "project '{0}': the number in \"{1}\" is too large: {2}",
            "项目“{0}”：字段 \"{1}\" 的数值过大：{2}"},
    Message{"data-bad-amount",
            "project '{0}': \"{1}\" should be an amount such as 10.00, not '{2}'",
            "项目“{0}”：\"{1}\" 应为金额（如 10.00），而不是“{2}”"},
    Message{"data-missing-actual",
            "indicator '{1}' of project '{0}' has no actual value (\"actual\")",
            "项目“{0}”的指标“{1}”缺少业绩值（\"actual\"）"},
    Message{"data-blank-actual",
            "indicator '{1}' of project '{0}': the actual value is blank (not filled in); fill it "
            "in, or, if the indicator does not apply, write the word the policy skips (such as "
            "不适用)",
            "项目“{0}”的指标“{1}”：业绩值为空（未填写）；请填写业绩值；如该指标不适用，请填写政策中"
            "“跳过”的词（如“不适用”）"},
    Message{
        "data-not-applicable-undeclared",
        "indicator '{1}' of project '{0}': '{2}' marks the indicator not applicable, but policy "
        "'{3}' does not say so: add skip \"{2}\" to a policy (the indicator is then dropped and "
        "its weight with it), or write the actual value",
        "项目“{0}”的指标“{1}”：“{2}”表示不适用，但政策“{3}”未作此规定：请在政策中写 跳过 \"{2}\""
        "（该指标连同权重一并不计），或填写业绩值"},
    Message{"data-bad-actual",
            "indicator '{1}' of project '{0}': the actual value '{2}' cannot be read: {3}",
            "项目“{0}”的指标“{1}”：业绩值“{2}”无法识别：{3}"},
    Message{"data-duplicate-key", "the key \"{0}\" appears twice in one object; keep one",
            "同一对象中键 \"{0}\" 出现两次；请只保留一个"},
    Message{"data-too-deep", "the data is nested more than {0} levels deep", "数据嵌套超过{0}层"},
    Message{"data-bad-json", "this is not valid JSON: {0}", "不是有效的 JSON：{0}"},
    Message{"data-not-an-object", "a data file must hold one JSON object { ... }, not {0}",
            "数据文件应为一个 JSON 对象 { ... }，而不是{0}"},
    // Tables that carry their own indicators (runtime/src/engine/carried_table.cpp)
    Message{"data-table-no-policy",
            "table '{0}' gives its own indicators but names no policy to score them by; add "
            "\"policy\": \"NAME\" to the data, or run perfeval with --policy NAME",
            "表“{0}”自带指标，但没有指明按哪个政策计分；请在数据中添加 \"policy\": "
            "\"政策名\"，或运行 perfeval 时加上 --policy 政策名"},
    Message{"data-table-unknown-policy",
            "table '{0}' is to be scored by policy '{1}', which the rules do not declare; known "
            "policies: {2}",
            "表“{0}”指明按政策“{1}”计分，但规则中没有该政策；已有的政策：{2}"},
    Message{"data-table-unknown-policy-suggest",
            "table '{0}' is to be scored by policy '{1}', which the rules do not declare; did you "
            "mean '{2}'?",
            "表“{0}”指明按政策“{1}”计分，但规则中没有该政策；是否应为“{2}”？"},
    Message{"data-table-missing-field",
            "indicator '{1}' of table '{0}' has no {2:word}; a table that gives its own "
            "indicators gives each its weight, target and method",
            "表“{0}”的指标“{1}”缺少{2:word}；自带指标的表须为每个指标填写权重、目标值和赋分规则"},
    Message{"data-table-bad-weight",
            "indicator '{1}' of table '{0}': the weight '{2}' is not a number such as 20 or 20分",
            "表“{0}”的指标“{1}”：权重“{2}”不是数值（如 20 或 20分）"},
    Message{"data-table-negative-weight",
            "indicator '{1}' of table '{0}': the weight '{2}' is negative; a weight is 0 or more",
            "表“{0}”的指标“{1}”：权重“{2}”为负数；权重应大于或等于0"},
    Message{"data-table-bad-target",
            "indicator '{1}' of table '{0}': the target '{2}' cannot be read: {3}",
            "表“{0}”的指标“{1}”：目标值“{2}”无法识别：{3}"},
    Message{"data-table-unknown-method",
            "indicator '{1}' of table '{0}': policy '{3}' has no method '{2}'; known methods: {4}",
            "表“{0}”的指标“{1}”：政策“{3}”中没有赋分规则“{2}”；可用：{4}"},
    Message{"data-table-unknown-method-suggest",
            "indicator '{1}' of table '{0}': policy '{3}' has no method '{2}'; did you mean '{4}'?",
            "表“{0}”的指标“{1}”：政策“{3}”中没有赋分规则“{2}”；是否应为“{4}”？"},
    Message{"data-table-weights-do-not-add-up",
            "table '{0}': the indicator weights add up to {1} and budget execution weighs {2}, "
            "{3} in all, but policy '{5}' needs {4}; correct the weights",
            "表“{0}”：指标权重合计{1}，加上预算执行率{2}，共{3}，但政策“{5}”要求{4}；请修正权重"},
    Message{"data-table-category-without-indicators",
            "table '{0}' has no indicator under {1}, which policy '{3}' gives {2} points",
            "表“{0}”没有“{1}”下的指标，而政策“{3}”规定该类指标共{2}分"},
    Message{"data-table-category-weights-do-not-add-up",
            "table '{0}': the indicators under {1} weigh {3} in all, but policy '{4}' gives that "
            "category {2}",
            "表“{0}”：“{1}”下的指标权重合计{3}，但政策“{4}”规定该类指标共{2}分"},
    Message{"data-table-weights-too-large",
            "table '{0}': the weights are too large to add up exactly",
            "表“{0}”：权重过大，无法精确相加"},
    Message{"data-table-differs",
            "indicator '{1}' of project '{0}': the table gives the {2:word} '{3}' but the rules "
            "'{4}'; it is scored by the rules",
            "项目“{0}”的指标“{1}”：表中{2:word}为“{3}”，规则中为“{4}”；按规则计分"},
    Message{"table-field-weight", "weight", "权重"},
    Message{"table-field-target", "target", "目标值"},
    Message{"table-field-method", "method", "赋分规则"},
    // Files (runtime/src/rule_set.cpp)
    Message{"path-not-found", "no such file or folder", "文件或目录不存在"},
    Message{"folder-unreadable", "the folder cannot be read: {0}", "无法读取目录：{0}"},
    Message{"file-unreadable", "the file cannot be read", "无法读取文件"},
    Message{"data-line-too-long",
            "the line is longer than the limit of {0} bytes; in a JSON Lines file each line "
            "holds one table",
            "该行超过{0}字节的上限；JSON Lines 文件每行应为一张表"},
    Message{"no-rule-files", "there are no rule files (*.perf) here", "此处没有规则文件（*.perf）"},
    Message{"no-data-files",
            "there are no data files (*.json, *.jsonl) in this folder; nothing here was scored",
            "此目录中没有数据文件（*.json、*.jsonl）；这里没有可评分的表"},
    Message{"rules-declare-nothing",
            "this rule file declares no policy, method or project; is it the right file?",
            "此规则文件没有声明任何政策、方法或项目；请确认文件是否正确"},
    // Formatting (lang/src/formatter.cpp)
    Message{"format-failed",
            "perfeval fmt cannot lay out this file without changing what it means (a bug in the "
            "formatter); "
            "the file is left as it is",
            "perfeval fmt 无法在不改变含义的情况下排版此文件（格式化程序的缺陷）；文件保持原样"},
    // Checks that run the formulas (runtime/src/rule_lint.cpp) and unused declarations
    Message{"method-cannot-score",
            "method '{1}' cannot score indicator '{0}' with the target '{2}': {3}",
            "方法“{1}”无法为目标值为“{2}”的指标“{0}”计分：{3}"},
    Message{"divides-by-zero-target",
            "method '{0}' divides by zero when a target is 0 (such as 错案率 =0); guard it, e.g. "
            "if target = 0 then (if actual <= 0 then 100% else 0%) else actual / target",
            "目标值为0时（如 错案率 =0）方法“{0}”会除以零；请在公式中处理，例如 如果 目标 = 0 则 "
            "(如果 实际 <= 0 则 100% 否则 0%) 否则 实际 / 目标"},
    Message{"unused-policy", "policy '{0}' is not used by any project",
            "政策“{0}”未被任何项目使用"},
    Message{"unused-method", "method '{0}' is not used by any indicator",
            "方法“{0}”未被任何指标使用"},
    // Policies that extend others
    Message{"use-not-found",
            "there is no rule file or folder '{0}' to use (looked in {1}); write its path "
            "relative to this file, or add its folder to PERFEVAL_RULES_PATH",
            "找不到要使用的规则文件或目录“{0}”（查找了：{1}）；请写出相对于本文件的路径，"
            "或把它所在的目录加入 PERFEVAL_RULES_PATH"},
    Message{"use-not-found-suggest",
            "there is no rule file or folder '{0}' to use; did you mean '{1}'?",
            "找不到要使用的规则文件或目录“{0}”；是否应为“{1}”？"},
    Message{"use-without-folder",
            "rule text that is not read from a file cannot use '{0}'; pass the rules to perfeval "
            "as files",
            "不是从文件读取的规则文本不能使用“{0}”；请以文件形式提供规则"},
    Message{"expected-use-target",
            "expected the rule file or folder to use after 'use' (for example: use "
            "\"../library\" or use 全国模板)",
            "“使用”后面应为要使用的规则文件或目录（例如：使用 \"../library\" 或 使用 全国模板）"},
    Message{"expected-base-policy",
            "expected the name of the policy to start from after 'extends' (for example: policy "
            "甲 extends 全国模板 {)",
            "“继承”后面应为所继承的政策名称（例如：政策 甲 继承 全国模板 {）"},
    Message{"unknown-base-policy", "there is no policy '{0}' to extend; known policies: {1}",
            "没有可继承的政策“{0}”；已有的政策：{1}"},
    Message{"unknown-base-policy-suggest",
            "there is no policy '{0}' to extend; did you mean '{1}'?",
            "没有可继承的政策“{0}”；是否应为“{1}”？"},
    Message{"policy-extends-itself",
            "policy '{0}' extends itself through {1}; a policy cannot start from itself",
            "政策“{0}”经由{1}继承了自身；政策不能继承自己"},
    // Totals made by a formula, and indicators that do not apply
    Message{"expected-skip-word",
            "expected the word that marks an indicator not applicable after 'skip' (for "
            "example: skip 不适用)",
            "“跳过”后面应为表示指标不适用的词（例如：跳过 不适用）"},
    Message{"expected-placeholder-word",
            "expected the text that counts as no explanation after 'placeholder' (for example: "
            "placeholder \"0\" \"无\" \"/\")",
            "“占位”后面应为视同未填写说明的文字（例如：占位 \"0\" \"无\" \"/\"）"},
    Message{"rate-rounding-mode",
            "'{0}' applies to scores only: rates are always shown rounded half-up; write "
            "'round rate N' without it",
            "“{0}”只用于得分：完成率总是四舍五入显示；请写“舍入 完成率 N”，不带它"},
    // Hostile or damaged input (docs/hardening.md)
    Message{"file-broken-link", "this is a symbolic link to '{0}', which does not exist",
            "此文件是指向“{0}”的符号链接，但链接目标不存在"},
    Message{"file-not-regular",
            "this is not an ordinary file (it is a pipe, socket or device), so it is not read",
            "这不是普通文件（而是管道、套接字或设备），不予读取"},
    Message{"data-empty", "the file is empty; a data file must hold one JSON object { ... }",
            "文件为空；数据文件应为一个 JSON 对象 { ... }"},
    Message{"data-truncated", "the file ends before the JSON is complete; is it cut off? ({0})",
            "文件在 JSON 结束之前就结束了，是否被截断？（{0}）"},
    // Excel workbooks (runtime/src/data/xlsx/); the place is "file.xlsx!sheet!cell"
    Message{"xlsx-not-zip",
            "this is not an Excel workbook (.xlsx): the file is not a zip archive; save the table "
            "from Excel, WPS or LibreOffice as \"Excel Workbook (.xlsx)\"",
            "这不是 Excel 工作簿（.xlsx）：文件不是 zip 压缩包；请在 Excel、WPS 或 LibreOffice "
            "中将表格另存为“Excel 工作簿（.xlsx）”"},
    Message{"xlsx-encrypted",
            "the workbook is protected by a password and cannot be read; save a copy without "
            "the password and score that",
            "工作簿设有密码保护，无法读取；请另存一份不设密码的副本再评分"},
    Message{"xlsx-old-binary",
            "this is an Excel 97-2003 workbook (.xls) named .xlsx; save it as \"Excel Workbook "
            "(.xlsx)\"",
            "这是 Excel 97-2003 工作簿（.xls），却以 .xlsx 命名；请另存为“Excel 工作簿（.xlsx）”"},
    Message{"xlsx-damaged",
            "the workbook is damaged ({0}); open it in Excel or LibreOffice and save it again",
            "工作簿已损坏（{0}）；请在 Excel 或 LibreOffice 中打开后重新保存"},
    Message{"xlsx-part-too-large",
            "the part {0} of the workbook unpacks to more than {1} MB; no self-evaluation table "
            "is that large",
            "工作簿中的 {0} 解压后超过 {1} MB；自评表不会这么大"},
    Message{"xlsx-not-workbook",
            "the file is a zip archive but not an Excel workbook (it holds no workbook part)",
            "文件是 zip 压缩包，但不是 Excel 工作簿（其中没有工作簿部分）"},
    Message{"xlsx-sheet-missing",
            "the workbook lists this sheet but does not hold it; open the workbook in Excel and "
            "save it again",
            "工作簿列出了此工作表，但其中没有该表的内容；请在 Excel 中打开后重新保存"},
    Message{"xlsx-chart-sheet", "this sheet is a chart, not a table; passed over",
            "此工作表是图表，不是表格；已跳过"},
    Message{"xlsx-sheet-passed-over",
            "no self-evaluation table on this sheet (no header row with 三级指标 and 业绩值 or "
            "实际完成值); passed over",
            "此工作表中没有自评表（没有含“三级指标”和“业绩值”或“实际完成值”的表头行）；已跳过"},
    Message{"xlsx-no-table",
            "no sheet of the workbook holds a self-evaluation table: perfeval looks for a header "
            "row with 三级指标 and 业绩值 (or 实际完成值, 实际完成指标值)",
            "工作簿中没有一张工作表含有自评表：需要一行表头，含“三级指标”和“业绩值”"
            "（或“实际完成值”“实际完成指标值”）"},
    Message{"xlsx-no-project-name",
            "the table has no 项目名称 (or 单位名称) above its indicators; write the name in the "
            "cell right of that label",
            "指标表上方没有“项目名称”（或“单位名称”）；请在该标签右侧的单元格中填写名称"},
    Message{"xlsx-no-funds",
            "the table has no funds block above its indicators: a row with 年初预算数, 全年预算数 "
            "and 全年执行数",
            "指标表上方没有资金部分：应有一行含“年初预算数”“全年预算数”“全年执行数”"},
    Message{"xlsx-no-funds-total",
            "the funds block has no 年度资金总额 (or 合计) row; label the row of the total "
            "figures in this column",
            "资金部分没有“年度资金总额”（或“合计”）行；请在此列标明总额所在的行"},
    Message{"xlsx-missing-actual",
            "indicator '{1}' of project '{0}' has no 业绩值 (actual value) in this cell",
            "项目“{0}”的指标“{1}”在此单元格中没有业绩值"},
    Message{"xlsx-cut-off",
            "the workbook is cut off: it begins as a zip archive but its end is missing; copy or "
            "download it again",
            "工作簿不完整：文件开头是 zip 压缩包，但缺少结尾部分；请重新复制或下载"},
    Message{"xlsx-formula-not-saved",
            "indicator '{1}' of project '{0}': the 业绩值 is a formula whose value was never "
            "saved (the program that wrote the file does not calculate); open the workbook in "
            "Excel or LibreOffice and save it, or type the value",
            "项目“{0}”的指标“{1}"
            "”：业绩值是公式，但文件中没有保存其计算结果（写出该文件的程序不计算公式）；"
            "请在 Excel 或 LibreOffice 中打开并保存工作簿，或直接填写数值"},
    Message{"xlsx-no-indicators", "there are no indicator rows under this header",
            "此表头下没有指标行"},
    Message{"data-unknown-project-rules-broken",
            "no project type '{0}' is declared in the rules that could be read; {1} rule files "
            "could not be read (see the errors above) and may declare it",
            "在可读取的规则中没有声明项目类型“{0}”；有{1}个规则文件无法读取（见上文错误），"
            "该项目类型可能声明在其中"},

    // Value text that cannot be read (values/src/value.cpp), the cause inside
    // invalid-target and data-bad-actual. {0} is the text as written, cut short
    // when long.
    Message{"value-invalid-utf8", "the text is not valid UTF-8: save the file as UTF-8",
            "文本不是有效的UTF-8编码：请以UTF-8格式保存文件"},
    Message{"value-empty", "empty value", "值为空"},
    Message{"value-operator-alone", "'{0}' is not followed by a value", "“{0}”后面缺少值"},
    Message{"value-two-operators", "'{0}' has more than one comparison operator",
            "“{0}”含有多个比较符号"},
    Message{"value-too-large", "'{0}' is too large to be held exactly", "“{0}”太大，无法精确表示"},
    Message{"value-no-such-month", "'{0}' is not a date: there is no month {1}",
            "“{0}”不是有效日期：月份应在1到12之间"},
    Message{"value-no-such-day", "'{0}' is not a date: there is no day {1}",
            "“{0}”不是有效日期：没有{1}日"},
    // {1} year, {2} month, {3} days in that month
    Message{"value-past-month-end", "'{0}' is not a date: {2:month} {1} has {3} days",
            "“{0}”不是有效日期：{1}年{2}月只有{3}天"},
    // {0} the text after the date, {1} the date
    Message{"value-text-after-date", "unexpected '{0}' after the date '{1}'",
            "日期“{1}”后面有多余的“{0}”"},
    Message{"value-bad-iso-date", "'{0}' is not a date: write it as 2024-12-31",
            "“{0}”不是有效日期：应写作2024-12-31"},
    Message{"value-year-starts-with-zero",
            "'{0}' is not a date: a year does not start with 0 (as in 2024年12月31日)",
            "“{0}”不是有效日期：年份不以0开头（如2024年12月31日）"},
    Message{"value-year-not-four-digits",
            "'{0}' is not a date: write the year with four digits, as in 2024年12月31日",
            "“{0}”不是有效日期：年份应为四位数字，如2024年12月31日"},
    Message{"value-no-month",
            "'{0}' is not a full date: write the month and day, as in 2024年12月31日",
            "“{0}”不是完整日期：请写出月和日，如2024年12月31日"},
    Message{"value-no-day", "'{0}' has no day: write the full date, as in 2024年12月31日",
            "“{0}”缺少日：请写出完整日期，如2024年12月31日"},
    Message{"value-no-day-mark",
            "'{0}' is not a date: write 日 after the day, as in 2024年12月31日",
            "“{0}”不是有效日期：日期应以“日”结尾，如2024年12月31日"},
    Message{"value-not-a-unit", "'{0}' is not a unit: write % or a Chinese unit such as 人 or 万元",
            "“{0}”不是有效的单位：单位应为%或中文，如人、万元"},
    Message{"value-plus-sign", "'{0}' is not a number: write it without the plus sign",
            "“{0}”不是有效的数字：请去掉加号"},
    Message{"value-no-zero-before-point",
            "'{0}' is not a number: write a 0 before the point, as in 0.5",
            "“{0}”不是有效的数字：小数点前应有0，如0.5"},
    Message{"value-not-a-number", "'{0}' is not a number: write it as 1602.88 or 1,602.88",
            "“{0}”不是有效的数字：应写作1602.88或1,602.88"},
    // {0} the text after the quantity, {1} the quantity
    Message{"value-text-after-quantity", "unexpected '{0}' after '{1}'", "“{1}”后面有多余的“{0}”"},
    Message{"value-too-many-decimals",
            "'{0}' has more decimal places than perfeval keeps (18; 16 for a percentage)",
            "“{0}”的小数位数超过了上限（18位；百分数16位）"},
    // {1} the same text with ASCII digits
    Message{"value-full-width-digits", "'{0}' uses full-width digits: write '{1}'",
            "“{0}”使用了全角数字：请写作“{1}”"},
    Message{"value-digits-in-word",
            "'{0}' is neither a number nor a word: a number comes first, as in 13人, and a word "
            "has no digits",
            "“{0}”既不是数值也不是文字：数值应以数字开头，如13人；文字中不能有数字"},
    // ---- funds rows named in a formula: executed[本级资金]
    Message{"expected-row-label",
            "expected the name of a funds row after the bracket, as in executed[本级资金]",
            "括号后面应为资金来源行的名称，如 全年执行数[本级资金]"},
    Message{"expected-row-close", "expected ']' after the funds row's name",
            "资金来源行的名称后面应为“]”"},
    // {0} the variable, {1} the row
    Message{"row-index-not-amount",
            "'{0}' has no funds rows: only planned, budget and executed (年初预算数, 全年预算数, "
            "全年执行数) name a row, as in executed[{1}]",
            "“{0}”没有资金来源行：只有年初预算数、全年预算数、全年执行数可以指定行，如 "
            "全年执行数[{1}]"},
    // {0} the row, {1} the variable
    Message{"row-index-total",
            "'{0}' is the total row of the funds block: write '{1}' alone to read the total",
            "“{0}”是资金合计行：读取合计数请直接写“{1}”"},
    // Causes of scoring-failed-funds: {0} the row as the rule names it
    Message{"funds-no-rows",
            "the table lists no funds rows, so '{0}' cannot be read; list the rows (上级资金, "
            "本级资金, ...) under the total row (in a data file: funds.sources)",
            "表中没有列出资金来源行，无法读取“{0}”；请在资金合计行下列出各来源行（上级资金、"
            "本级资金等；数据文件中为 funds.sources）"},
    // {1} the table's rows
    Message{"funds-row-missing",
            "the table has no funds row '{0}' (its rows: {1}); add the row to the table (in a "
            "data file: funds.sources), or correct the row's name in the rule",
            "表中没有资金来源行“{0}”（表中的行：{1}）；请在表中补上这一行（数据文件中为 "
            "funds.sources），或改正规则中的行名"},
    // {0} the row as the table names it, {1} the column in English, {2} in Chinese, {3} the cell
    Message{"funds-row-blank",
            "the funds row '{0}' has no {1}; fill in the amount (0 when there is none)",
            "资金来源行“{0}”的{2}未填写；请填写金额（没有时填0）"},
    Message{"funds-row-not-amount",
            "the {1} of the funds row '{0}' is '{3}', not an amount; write it in 万元, as 1602.88",
            "资金来源行“{0}”的{2}“{3}”不是金额；请填写万元金额，如1602.88"},
    Message{"table-field-category1", "category (一级指标)", "一级指标"},
    Message{"table-field-category2", "subcategory (二级指标)", "二级指标"},
};

}  // namespace

const Message* find_message(std::string_view code) {
  const auto it = std::find_if(kMessages.begin(), kMessages.end(),
                               [&](const Message& m) { return m.code == code; });
  return it == kMessages.end() ? nullptr : &*it;
}

}  // namespace perfeval
