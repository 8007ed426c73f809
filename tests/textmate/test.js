// Tokenises every rules/**/*.perf (and a few inline snippets) with the
// TextMate grammar in editors/vscode/syntaxes/, using the same engine as
// VS Code (vscode-textmate + vscode-oniguruma), and checks the scopes.
// Exits 1 on any failure, printing file:line and the offending token.
'use strict';

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR = path.join(ROOT, 'editors', 'vscode', 'syntaxes', 'perfeval.tmLanguage.json');
const KEYWORDS_HPP = path.join(ROOT, 'lang', 'src', 'keywords.hpp');
const RULES = path.join(ROOT, 'rules');

// The grammar's "name character" (see editors/README.md for how it differs
// from grammar.hpp's cjk_char ranges).
const NAME_CHAR = '[\\p{L}\\p{M}\\p{N}_]';

let failures = 0;
function fail(where, message) {
  failures += 1;
  console.error(`${where}: ${message}`);
}

// ---- keywords, read from the table the grammar matches, so a new one cannot be forgotten
function grammarKeywords() {
  const text = fs.readFileSync(KEYWORDS_HPP, 'utf8');
  const keywords = new Map();  // spelling -> kw_ name
  const names = text.match(/enum class Keyword[^{]*\{([^}]*)\}/)[1]
      .split(',').map((n) => n.trim()).filter((n) => n).map((n) => 'kw_' + n.replace(/_$/, ''));
  const table = text.slice(text.indexOf('kKeywordSpellings'));
  const rows = [...table.matchAll(/^\s*\{("[^}]*)\},/gm)];
  rows.forEach((row, i) => {
    for (const s of row[1].matchAll(/"([^"]+)"/g)) keywords.set(s[1], names[i]);
  });
  if (rows.length !== names.length || keywords.size < 40)
    throw new Error(`only ${keywords.size} keyword spellings found in ${KEYWORDS_HPP}`);
  return keywords;
}
const KEYWORDS = grammarKeywords();
const DECLARATIONS = new Set(['kw_policy', 'kw_method', 'kw_project']);
const LITERALS = new Set(['kw_true', 'kw_false']);
const FUNCTION_ALIASES = new Set(['round', '舍入']);  // round(…) is the function

// What scope a keyword must get.
function keywordScopeOk(spelling, scopes, followedByParen) {
  const kind = KEYWORDS.get(spelling);
  if (followedByParen && FUNCTION_ALIASES.has(spelling)) return has(scopes, 'support.function');
  if (DECLARATIONS.has(kind)) return has(scopes, 'keyword.declaration');
  if (LITERALS.has(kind)) return has(scopes, 'constant.language');
  return has(scopes, 'keyword.');
}

function has(scopes, prefix) {
  return scopes.some((s) => s.startsWith(prefix));
}

// ---- the engine
async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.perfeval') return null;
      return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
    },
  });
  const grammar = await registry.loadGrammar('source.perfeval');
  if (!grammar) throw new Error(`cannot load ${GRAMMAR}`);
  return grammar;
}

// Tokenises text line by line; returns [{text, tokens:[{start,end,text,scopes}]}].
function tokenize(grammar, text, label) {
  const lines = text.split(/\r?\n/);
  let stack = vsctm.INITIAL;
  return lines.map((line, i) => {
    const where = `${label}:${i + 1}`;
    let result;
    try {
      result = grammar.tokenizeLine(line, stack, 1000);
    } catch (e) {
      fail(where, `tokenising failed: ${e.message}`);
      return { where, text: line, tokens: [] };
    }
    if (result.stoppedEarly) fail(where, 'tokenising stopped early');
    stack = result.ruleStack;
    const tokens = result.tokens.map((t, k) => {
      const end = k + 1 < result.tokens.length ? result.tokens[k + 1].startIndex : line.length;
      return { start: t.startIndex, end, text: line.slice(t.startIndex, end), scopes: t.scopes };
    });
    return { where, text: line, tokens };
  });
}

function tokenAt(line, index) {
  return line.tokens.find((t) => t.start <= index && index < t.end);
}

function show(token) {
  return token ? `token ${JSON.stringify(token.text)} [${token.scopes.slice(1).join(' ') || 'no scope'}]` : 'no token';
}

// Comments and quoted names found by reading the text, not the grammar.
function lexLine(text) {
  const strings = [];  // [start, end)
  let comment = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      strings.push([i, Math.min(j + 1, text.length)]);
      i = j;
    } else if (text.startsWith('//', i)) {
      comment = i;
      break;
    }
  }
  return { strings, comment };
}

// ---- the generic checks, for every line of every file
const KEYWORD_RE = new RegExp(
  `(?<!${NAME_CHAR})(${[...KEYWORDS.keys()].sort((a, b) => b.length - a.length).join('|')})(?!${NAME_CHAR})`,
  'gu');
const NUMBER_RE = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_.])[0-9]+(?:\\.[0-9]+)?%?`, 'gu');

function checkLines(lines) {
  let keywords = 0;
  for (const line of lines) {
    const { text, where } = line;
    for (const t of line.tokens) {
      if (has(t.scopes, 'invalid.')) fail(where, `invalid scope: ${show(t)}`);
    }
    const { strings, comment } = lexLine(text);
    const code = text.slice(0, comment < 0 ? text.length : comment);
    const inString = (i) => strings.some(([a, b]) => a <= i && i < b);

    if (comment >= 0) {
      for (const t of line.tokens.filter((t) => t.end > comment)) {
        if (!has(t.scopes, 'comment.line.double-slash')) fail(where, `comment not scoped to end of line: ${show(t)}`);
      }
    }
    for (const [a, b] of strings) {
      for (const t of line.tokens.filter((t) => t.start < b && t.end > a)) {
        if (!has(t.scopes, 'string.quoted.double')) fail(where, `quoted name not a string: ${show(t)}`);
      }
    }
    for (const m of code.matchAll(KEYWORD_RE)) {
      if (inString(m.index)) continue;
      keywords += 1;
      const t = tokenAt(line, m.index);
      const paren = /^\s*\(/.test(code.slice(m.index + m[0].length));
      if (!t || t.start !== m.index || t.end !== m.index + m[0].length || !keywordScopeOk(m[0], t.scopes, paren)) {
        fail(where, `keyword ${m[0]} (column ${m.index + 1}) not scoped as a keyword: ${show(t)}`);
      }
    }
    for (const m of code.matchAll(NUMBER_RE)) {
      if (inString(m.index)) continue;
      const t = tokenAt(line, m.index);
      const ok = t && (has(t.scopes, 'constant.numeric') || has(t.scopes, 'constant.other.date')) &&
        t.start <= m.index && t.end >= m.index + m[0].length;
      if (!ok) fail(where, `number ${m[0]} (column ${m.index + 1}) not numeric: ${show(t)}`);
    }
  }
  return keywords;
}

// ---- spot checks: the nth token with this text on the first line containing `lineHas`
function expect(lines, lineHas, tokenText, scopePrefix, { nth = 0, not = false } = {}) {
  const line = lines.find((l) => l.text.includes(lineHas));
  const label = `${lines[0] ? lines[0].where.replace(/:\d+$/, '') : '?'}`;
  if (!line) return fail(label, `spot check: no line contains ${JSON.stringify(lineHas)}`);
  const token = line.tokens.filter((t) => t.text === tokenText)[nth];
  if (!token) {
    return fail(line.where, `spot check: no token ${JSON.stringify(tokenText)}; tokens are ${line.tokens.map(show).join(', ')}`);
  }
  if (has(token.scopes, scopePrefix) === not) {
    fail(line.where, `spot check: expected ${not ? 'no ' : ''}${scopePrefix}, got ${show(token)}`);
  }
}

// Tokens of the first line containing `lineHas`, as "text=scope" for the last scope.
function expectSequence(lines, lineHas, expected) {
  const line = lines.find((l) => l.text.includes(lineHas));
  if (!line) return fail('?', `spot check: no line contains ${JSON.stringify(lineHas)}`);
  const got = line.tokens.filter((t) => t.text.trim() !== '').map((t) => `${t.text}=${t.scopes[t.scopes.length - 1]}`);
  const at = got.findIndex((_, i) => expected.every((e, k) => got[i + k] && got[i + k].startsWith(e)));
  if (at < 0) fail(line.where, `spot check: expected ${expected.join(' ')} in ${got.join(' ')}`);
}

function perfFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return perfFiles(p);
    return e.name.endsWith('.perf') ? [p] : [];
  }).sort();
}

// Chinese keywords throughout; valid perfeval (see editors/README.md).
const CHINESE_SNIPPET = String.raw`// 中文关键字
使用 全国模板
use "../library"
政策 测试政策 {
  总分 30
  舍入 得分 2
  舍入 完成率 2
  说明 当 完成率 != 100%   // 需要偏差说明
  资金 {
    权重 10
    完成率 = 全年执行数 / 全年预算数
    得分 = 舍入(权重 * 最小(完成率, 100%), 1)
  }
  等级 达到预期指标 = 100%
  档次 优 >= 90
  类别 产出指标 权重 20
  类别 产出指标 / 数量指标 权重 20
}
方法 区间 {
  等级 达成年度指标 = 80% 至 100%
  等级 部分达成 = 60% .. 80%
  要求 填报得分 >= 权重 * 等级下限
  要求 填报得分 <= 权重 * 等级上限
  完成率 = 填报得分 / 权重
  得分 = 填报得分
}
赋分规则 按比例 {
  完成率 = 如果 已评级 则 等级值 否则 实际 / 目标
  达标 = 非 (实际 < 目标) 并且 真 或者 假
  得分 = 权重 * 最大(0, 1 - 绝对值(完成率 - 100%))
  说明 当 目标 > 实际
}
方法 直接 {
  完成率 = 如果 达标 则 100% 否则 0%
  得分 = 权重 * 完成率
}
项目 "测试\"项目\\" 政策 测试政策 {
  产出指标 / 数量指标 {
    指标 权重系数 权重 10 目标 >= 13 人 方法 按比例
    指标 "完成时间（日）" 权重 5 目标 2024-12-10 方法 直接
    指标 目标达成 权重 5 目标 长期 方法 按比例
  }
}`;

// A funds row read by its label, each way the language writes it.
const ROWS_SNIPPET = String.raw`policy 分级 extends 全国模板 {
  funds {
    rate = executed[ 上级资金 ] / budget["其中：本级资金"]
    score = 5 * min(全年执行数【本级资金】 / 全年预算数[本级资金], 100%)
  }
}`;

async function main() {
  const grammar = await loadGrammar();
  const files = perfFiles(RULES);
  if (files.length === 0) fail(RULES, 'no .perf files found');
  const tokenized = new Map();
  let lineCount = 0;
  let keywordCount = 0;
  for (const file of files) {
    const rel = path.relative(ROOT, file);
    const lines = tokenize(grammar, fs.readFileSync(file, 'utf8'), rel);
    tokenized.set(rel, lines);
    lineCount += lines.length;
    keywordCount += checkLines(lines);
  }

  // rules/新疆2024.perf
  const policy = tokenized.get(path.join('rules', '新疆2024.perf'));
  if (!policy) {
    fail('rules/新疆2024.perf', 'missing');
  } else {
    expect(policy, 'policy 新疆2024 {', 'policy', 'keyword.declaration');
    expect(policy, 'policy 新疆2024 {', '新疆2024', 'entity.name.type');
    expect(policy, 'explain when rate != 100%', '100%', 'constant.numeric');
    expect(policy, 'explain when rate != 100%', '!=', 'keyword.operator');
    expect(policy, 'method 按照完成比例赋分 {', '按照完成比例赋分', 'entity.name.function');
    expect(policy, '= round(weight', 'round', 'support.function');
    expect(policy, '= round(weight', 'min', 'support.function');
    expect(policy, 'round score 2', 'round', 'keyword.other');
    expect(policy, 'rate  = if graded then grade', 'if', 'keyword.control');
    expect(policy, 'rate  = if graded then grade', 'graded', 'variable.language');
    expect(policy, 'explain when false', 'false', 'constant.language');
    expect(policy, 'grade 达到预期指标 = 100%', '达到预期指标', 'constant.other.grade');
    expect(policy, 'band 优 >= 90', '优', 'constant.other.band');
    expect(policy, 'total 100 ', '//', 'comment.line.double-slash');
    expect(policy, 'total 100 ', ' 指标权重 90 + 预算执行率 10', 'comment.line.double-slash');
  }
  const project = tokenized.get(path.join('rules', 'projects', 'jiuye-buzhu-2024.perf'));
  if (!project) {
    fail('rules/projects/jiuye-buzhu-2024.perf', 'missing');
  } else {
    expectSequence(project, '>= 150家', ['>==keyword.operator', '150=constant.numeric', '家=keyword.other.unit']);
    expect(project, 'project "2024年自治区就业补助资金"', '2024年自治区就业补助资金', 'string.quoted.double');
    expect(project, 'project "2024年自治区就业补助资金"', '2024年自治区就业补助资金', 'entity.name.section');
    expectSequence(project, 'project "2024年', ['project=keyword.declaration', '"=punctuation.definition.string.begin']);
    expect(project, '产出指标 / 数量指标 {', '产出指标', 'entity.name.section');
    expect(project, 'indicator 举办招聘会次数', '举办招聘会次数', 'entity.name');
    expect(project, 'target 有效促进', '有效促进', 'constant.other');
  }
  const dated = tokenized.get(path.join('rules', 'projects', 'gangqian-peixun.perf'));
  if (dated) expect(dated, 'target 2024年12月10日前', '2024年12月10日前', 'constant.other.date');
  const whole = tokenized.get(path.join('rules', 'projects', 'danwei-zhengti.perf'));
  if (whole) expectSequence(whole, '>= 2.30万人', ['2.30=constant.numeric', '万人=keyword.other.unit']);

  // inline snippets
  const zh = tokenize(grammar, CHINESE_SNIPPET, 'snippet(中文)');
  keywordCount += checkLines(zh);
  expect(zh, '使用 全国模板', '使用', 'keyword.control.import');
  expect(zh, '使用 全国模板', '全国模板', 'entity.name.namespace');
  expect(zh, 'use "../library"', 'use', 'keyword.control.import');
  expect(zh, 'use "../library"', '../library', 'string.quoted.double');
  expect(zh, '政策 测试政策 {', '政策', 'keyword.declaration');
  expect(zh, '政策 测试政策 {', '测试政策', 'entity.name.type');
  expect(zh, '赋分规则 按比例 {', '赋分规则', 'keyword.declaration');
  expect(zh, '赋分规则 按比例 {', '按比例', 'entity.name.function');
  expect(zh, '指标 权重系数', '权重系数', 'keyword', { not: true });
  expect(zh, '指标 权重系数', '权重系数', 'entity.name');
  expect(zh, '指标 权重系数', '权重', 'keyword.other');
  expectSequence(zh, '目标 >= 13 人', ['>==keyword.operator', '13=constant.numeric', '人=keyword.other.unit', '方法=keyword.declaration']);
  expect(zh, '目标 2024-12-10', '2024-12-10', 'constant.other.date');
  expect(zh, '指标 目标达成', '目标达成', 'keyword', { not: true });
  expect(zh, '得分 = 舍入(', '舍入', 'support.function');
  expect(zh, '得分 = 舍入(', '最小', 'support.function');
  expect(zh, '舍入 得分 2', '舍入', 'keyword.other');
  expect(zh, '得分 = 权重 * 最大', '绝对值', 'support.function');
  expect(zh, '达标 = 非', '非', 'keyword.control');
  expect(zh, '说明 当 目标 > 实际', '实际', 'variable.language');  // a target value only in an indicator
  expect(zh, '达标 = 非', '真', 'constant.language');
  expect(zh, '达标 = 非', '=', 'keyword.operator.assignment');
  expect(zh, '完成率 = 如果', '等级值', 'variable.language');
  expect(zh, '项目 "测试', '\\"', 'constant.character.escape');
  expect(zh, '项目 "测试', '\\\\', 'constant.character.escape');
  expect(zh, '项目 "测试', '测试政策', 'entity.name.type');
  expectSequence(zh, '类别 产出指标 / 数量指标', ['类别=keyword.other.category', '产出指标=entity.name.section.category',
    '/=punctuation.separator.category', '数量指标=entity.name.section.category', '权重=keyword.other', '20=constant.numeric']);
  expectSequence(zh, '类别 产出指标 权重', ['类别=keyword.other.category', '产出指标=entity.name.section.category', '权重=keyword.other']);
  expectSequence(zh, '= 80% 至 100%', ['80%=constant.numeric', '至=keyword.operator.range', '100%=constant.numeric']);
  expectSequence(zh, '= 60% .. 80%', ['60%=constant.numeric', '..=keyword.operator.range', '80%=constant.numeric']);
  expect(zh, '要求 填报得分 >=', '要求', 'keyword.other');
  expect(zh, '要求 填报得分 >=', '填报得分', 'variable.language');
  expect(zh, '要求 填报得分 >=', '等级下限', 'variable.language');
  expect(zh, '要求 填报得分 <=', '等级上限', 'variable.language');

  // funds rows: tests/rules/funds-rows.perf, and the ways a snippet writes them
  const rowsFile = path.join('tests', 'rules', 'funds-rows.perf');
  const rowsPolicy = tokenize(grammar, fs.readFileSync(path.join(ROOT, rowsFile), 'utf8'), rowsFile);
  keywordCount += checkLines(rowsPolicy);
  expectSequence(rowsPolicy, '完成率 = 全年执行数[本级资金]', ['全年执行数=variable.language',
    '[=punctuation.section.brackets.begin', '本级资金=entity.name.label.funds-row', ']=punctuation.section.brackets.end',
    '/=keyword.operator', '全年预算数=variable.language', '[=punctuation.section.brackets.begin']);
  expectSequence(rowsPolicy, 'executed【本级资金】', ['executed=variable.language', '【=punctuation.section.brackets.begin',
    '本级资金=entity.name.label.funds-row', '】=punctuation.section.brackets.end', '/=keyword.operator']);
  const rows = tokenize(grammar, ROWS_SNIPPET, 'snippet(funds rows)');
  keywordCount += checkLines(rows);
  expectSequence(rows, 'rate = executed[', ['executed=variable.language', '[=punctuation.section.brackets.begin',
    '上级资金=entity.name.label.funds-row', ']=punctuation.section.brackets.end', '/=keyword.operator',
    'budget=variable.language', '[=punctuation.section.brackets.begin', '"=punctuation.definition.string.begin',
    '其中：本级资金=string.quoted.double', '"=punctuation.definition.string.end', ']=punctuation.section.brackets.end']);
  expectSequence(rows, 'score = 5', ['全年预算数=variable.language', '[=punctuation.section.brackets.begin',
    '本级资金=entity.name.label.funds-row', ']=punctuation.section.brackets.end', ',=']);
  // a bracket after anything but an amount is not a row index
  expect(rows, 'score = 5', 'min', 'support.function');

  // no keyword inside a longer name, on either side
  const words = [...KEYWORDS.keys()];
  const around = tokenize(grammar, words.map((w) => `${w}系数 系数${w} x${w}1 ${w}_`).join('\n'), 'snippet(names)');
  for (const line of around) {
    for (const t of line.tokens) {
      if (has(t.scopes, 'keyword') || has(t.scopes, 'constant.language')) fail(line.where, `keyword inside a name: ${show(t)}`);
    }
  }
  // every spelling in grammar.hpp, alone on a line
  const alone = tokenize(grammar, words.join('\n'), 'snippet(keywords)');
  keywordCount += checkLines(alone);

  if (failures > 0) {
    console.error(`textmate-grammar: ${failures} failure(s)`);
    process.exit(1);
  }
  console.log(`textmate-grammar: ok (${files.length} files, ${lineCount} lines, ${keywordCount} keywords checked)`);
}

main().catch((e) => {
  console.error(`textmate-grammar: ${e.stack || e}`);
  process.exit(1);
});
