#!/usr/bin/env node
// A hand-written scorer of the 新疆2024 convention in Node.js, to compare with
// perfeval: score.py (and perf_rules.py) line for line, in JavaScript.
//
//   node score.js [--rules DIR] DATA.jsonl [OUT]
//
// Reads the project types (weights, targets, methods) from the `project` and
// canonical `indicator … weight … target … method …` lines of the rule files
// of DIR, and implements by hand the five methods of rules/新疆2024.perf, its
// grade words, the funds rule and the rounding (indicator scores to 2
// decimals, half-up, before summing; the funds score to 1 decimal).
//
// Reads DATA one project (one JSON object) per line and writes one line per
// project, in order: {"line": N, "project": "...", "total": "99.80"}, the
// total null when the project cannot be scored, with the reason in "error".
//
// Exact like perfeval and score.py: every quantity is a fraction of two
// BigInts, never a binary floating-point number, and a score that is a
// quotient (weight × actual / target) is rounded half-up from the exact
// quotient (11 × 63/88 = 7.875 -> 7.88). A number that JSON.parse has made
// a double is read back through its shortest decimal spelling, which is the
// one written for every figure of up to 15 significant digits. Node.js
// standard library only.
'use strict';

const fs = require('fs');
const path = require('path');

// ------------------------------------------------------------------ exact numbers

// n / d, d > 0, not reduced: only compared, added, multiplied and rounded.
class Q {
  constructor(n, d = 1n) {
    this.n = n;
    this.d = d;
  }
  add(o) {
    if (this.d === o.d) return new Q(this.n + o.n, this.d);
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o) {
    if (this.d === o.d) return new Q(this.n - o.n, this.d);
    return new Q(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o) {
    return new Q(this.n * o.n, this.d * o.d);
  }
  cmp(o) {
    const a = this.n * o.d;
    const b = o.n * this.d;
    return a > b ? 1 : a < b ? -1 : 0;
  }
  sign() {
    return this.n > 0n ? 1 : this.n < 0n ? -1 : 0;
  }
  abs() {
    return this.n < 0n ? new Q(-this.n, this.d) : this;
  }
  isZero() {
    return this.n === 0n;
  }
}

const ZERO = new Q(0n);
const ONE = new Q(1n);
const POW10 = [];
for (let k = 0, p = 1n; k < 40; ++k, p *= 10n) POW10.push(p);

// "4,329.46" (commas already gone), "-3", "1.5e3" -> Q; null if not a number.
const DECIMAL = /^\s*([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?\s*$/;
function decimal(text) {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
  const fraction = m[3] || '';
  let n = BigInt((m[2] || '0') + fraction);
  let scale = fraction.length - (m[4] ? Number(m[4]) : 0);
  if (m[1] === '-') n = -n;
  if (scale >= 0) return new Q(n, POW10[scale] ?? 10n ** BigInt(scale));
  return new Q(n * 10n ** BigInt(-scale));
}

// A JSON number as JSON.parse gave it.
function fromNumber(x) {
  return Number.isInteger(x) && Number.isSafeInteger(x) ? new Q(BigInt(x)) : decimal(String(x));
}

// n / d rounded half-up (away from zero) to `digits` decimals, exactly: as
// score.py's round_quotient.
function roundQuotient(q, digits) {
  let { n, d } = q;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const negative = n < 0n;
  const scaled = (negative ? -n : n) * POW10[digits];
  let whole = scaled / d;
  if (2n * (scaled - whole * d) >= d) whole += 1n;
  return new Q(negative ? -whole : whole, POW10[digits]);
}

// A Q with denominator 10^k (k <= digits) as text with `digits` decimals.
function fixed(q, digits) {
  const r = roundQuotient(q, digits);
  const negative = r.n < 0n;
  const text = (negative ? -r.n : r.n).toString().padStart(digits + 1, '0');
  const cut = text.length - digits;
  return (negative ? '-' : '') + text.slice(0, cut) + (digits ? '.' + text.slice(cut) : '');
}

// ------------------------------------------------------------------ the rules (perf_rules.py)

const NAME = String.raw`"(?:[^"\\]|\\.)*"|[^\s{}"/]+`;
const PROJECT = new RegExp(String.raw`^\s*project\s+(${NAME})\s+policy\s+(${NAME})\s*\{`, 'u');
const INDICATOR = new RegExp(
  String.raw`^\s*indicator\s+(${NAME})\s+weight\s+([0-9.]+)\s+target\s+(.+?)` +
    String.raw`\s+method\s+(${NAME})\s*$`,
  'u',
);

// The operators a target or an actual value may start with, longest first.
const OPERATORS = [
  ['>=', '>='], ['<=', '<='], ['＞＝', '>='], ['＜＝', '<='], ['≥', '>='], ['≤', '<='],
  ['≧', '>='], ['≦', '<='], ['>', '>'], ['<', '<'], ['＞', '>'], ['＜', '<'],
  ['=', '='], ['＝', '='],
]; // prettier-ignore

const NUMBER = /^(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(%|％|[^\s0-9]*)$/u;
const CN_DATE = /^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日\s*(?:以前|之前|前)?$/u;
const ISO_DATE = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*(?:以前|之前|前)?$/u;
const DIGIT = /\p{Nd}/u;
const PREFIXES = [
  ['万', new Q(10000n)],
  ['亿', new Q(100000000n)],
];
const HUNDRED = 100n;

function unquote(name) {
  return name.startsWith('"') ? name.slice(1, -1).replace(/\\(.)/gsu, '$1') : name;
}

function stripComment(line) {
  // `//` outside quotes starts a comment.
  let quoted = false;
  for (let k = 0; k < line.length; ++k) {
    const c = line[k];
    if (c === '\\' && quoted) {
      ++k;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && line.startsWith('//', k)) return line.slice(0, k);
  }
  return line;
}

// [op, value]: value is ['qty', Q amount, unit], ['date', y*10000+m*100+d] or
// ['word', text]; op '>=', '<=', '>', '<', '=' or null. null when unreadable.
// As perf_rules.parse_value: 万 and 亿 folded into the amount, a percentage a
// plain number, 天 is 日.
function parseValue(text) {
  text = text.trim();
  let op = null;
  for (const [spelling, meaning] of OPERATORS) {
    if (text.startsWith(spelling)) {
      op = meaning;
      text = text.slice(spelling.length).trim();
      break;
    }
  }
  if (!text) return null;
  const first = String.fromCodePoint(text.codePointAt(0));
  if (DIGIT.test(first) || (text[0] === '-' && text.length > 1 && DIGIT.test(text[1]))) {
    const m = CN_DATE.exec(text) || ISO_DATE.exec(text);
    if (m) return [op || '<=', ['date', Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3])]];
    const n = NUMBER.exec(text);
    if (!n) return null;
    let amount = decimal(n[1].replaceAll(',', ''));
    if (amount === null) return null;
    let unit = n[2];
    if (unit === '%' || unit === '％') {
      return [op, ['qty', new Q(amount.n, amount.d * HUNDRED), '%']];
    }
    let folded = true;
    while (folded) {
      folded = false;
      for (const [prefix, factor] of PREFIXES) {
        if (unit.length > prefix.length && unit.startsWith(prefix)) {
          amount = amount.mul(factor);
          unit = unit.slice(prefix.length);
          folded = true;
        }
      }
    }
    if (unit === '天') unit = '日';
    return [op, ['qty', amount, unit]];
  }
  if (DIGIT.test(text)) return null;
  return [op, ['word', text]];
}

function rulesFiles(dir) {
  const found = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.perf')) found.push(full);
    }
  };
  walk(dir);
  // As Python sorts paths: part by part.
  const parts = (p) => p.split(path.sep);
  return found.sort((a, b) => {
    const x = parts(a);
    const y = parts(b);
    for (let k = 0; k < Math.min(x.length, y.length); ++k) {
      if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
    }
    return x.length - y.length;
  });
}

// {project name: {name, policy, indicators: [...], byName: Map}}
function loadProjectTypes(dir) {
  const types = new Map();
  for (const file of rulesFiles(dir)) {
    let current = null;
    for (const raw of fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/)) {
      const line = stripComment(raw);
      let m = PROJECT.exec(line);
      if (m) {
        current = { name: unquote(m[1]), policy: unquote(m[2]), indicators: [], byName: new Map() };
        types.set(current.name, current);
        continue;
      }
      m = INDICATOR.exec(line);
      if (m && current !== null) {
        const name = unquote(m[1]);
        const targetText = m[3].trim();
        const parsed = parseValue(targetText);
        const weight = decimal(m[2]);
        if (parsed === null || weight === null) {
          throw new Error(`cannot read the target ${JSON.stringify(targetText)} of ${name}`);
        }
        const indicator = { name, weight, op: parsed[0], target: parsed[1], method: unquote(m[4]) };
        current.indicators.push(indicator);
        current.byName.set(name, indicator);
      }
    }
  }
  return types;
}

// ------------------------------------------------------------------ scoring (score.py)

// Grade words and their share of the weight, by policy (rules/新疆2024.perf).
const SIX_TENTHS = new Q(6n, 10n);
const GRADES = {
  新疆2024: new Map([
    ['达到预期指标', ONE],
    ['达到预期指标值', ONE],
    ['部分达到预期指标', SIX_TENTHS],
    ['未达到预期指标', ZERO],
  ]),
  新疆2024单位整体: new Map([
    ['达到预期指标', ONE],
    ['部分达到预期指标', SIX_TENTHS],
    ['未达到预期指标', ZERO],
  ]),
};
const FUNDS_WEIGHT = new Q(10n);
const SCORE_DIGITS = 2; // round score 2
const FUNDS_DIGITS = 1; // score = round(weight * min(rate, 100%), 1)

class CannotScore extends Error {}

const qmin = (a, b) => (a.cmp(b) <= 0 ? a : b);
const qmax = (a, b) => (a.cmp(b) >= 0 ? a : b);

function compareValues(a, t) {
  if (typeof a === 'number') return a > t ? 1 : a < t ? -1 : 0; // dates
  return a.cmp(t);
}

function isMet(op, target, actual, grade) {
  if (grade !== null) return grade.cmp(ONE) >= 0;
  if (target[0] === 'word') return actual[0] === 'word' && actual[1] === target[1];
  const order = compareValues(actual[1], target[1]);
  switch (op) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    default:
      return order === 0; // "=" or none
  }
}

// weight × min(rate, 100%) with rate = actual / target (t != 0).
function rateShare(w, a, t) {
  const within = t.sign() > 0 ? a.cmp(t) <= 0 : a.cmp(t) >= 0;
  return within ? new Q(w.n * a.n * t.d, w.d * a.d * t.n) : w;
}

// The unrounded score, as a Q (possibly with a negative denominator from
// rateShare, which roundQuotient takes).
function scoreIndicator(indicator, actual, grades) {
  const { op, target, weight: w, method } = indicator;
  let grade = null;
  if (actual[0] === 'word') {
    grade = grades.get(actual[1]) ?? null;
    if (grade === null) {
      throw new CannotScore(`${indicator.name}: ${actual[1]} is not a grade word`);
    }
  }
  if (grade === null) {
    if (target[0] === 'word') {
      throw new CannotScore(`${indicator.name}: a qualitative target needs a grade word`);
    }
    if (target[0] !== actual[0]) {
      throw new CannotScore(`${indicator.name}: a ${actual[0]} against a ${target[0]} target`);
    }
    if (target[0] === 'qty' && target[2] !== actual[2]) {
      const bareZero = (q) => q[1].isZero() && q[2] === '';
      if (!(bareZero(target) || bareZero(actual))) {
        throw new CannotScore(`${indicator.name}: unit ${actual[2]} against ${target[2]}`);
      }
    }
  }
  const met = isMet(op, target, actual, grade);

  if (method === '直接赋分') return met ? w : ZERO; // score = weight * (met ? 100% : 0%)

  if (grade === null && target[0] !== 'qty') {
    throw new CannotScore(`${indicator.name}: ${method} needs a number, not a date`);
  }
  const t = grade === null ? target[1] : null;
  const a = grade === null ? actual[1] : null;
  let zeroRate = null;
  if (grade === null && t.isZero()) zeroRate = a.sign() <= 0 ? ONE : ZERO;

  if (method === '按照完成比例赋分') {
    // weight * max(0, 1 - |rate - 100%|)
    if (grade !== null) return w.mul(qmax(ZERO, ONE.sub(grade.sub(ONE).abs())));
    if (zeroRate !== null) return w.mul(qmax(ZERO, ONE.sub(zeroRate.sub(ONE).abs())));
    // 1 - |a/t - 1| = (|t| - |a - t|) / |t|
    const share = qmax(ZERO, t.abs().sub(a.sub(t).abs()));
    const at = t.abs();
    return new Q(w.n * share.n * at.d, w.d * share.d * at.n);
  }
  // 按评判等级赋分, 满意度赋分, 达标赋分: graded -> weight * grade; met ->
  // weight; a missed ceiling (<=, <) -> weight * target / actual; else
  // weight * min(rate, 100%)
  if (!['按评判等级赋分', '满意度赋分', '达标赋分'].includes(method)) {
    throw new CannotScore(`${indicator.name}: unknown method ${method}`);
  }
  if (grade !== null) return w.mul(grade);
  if (met) return w;
  if (op === '<=' || op === '<') return new Q(w.n * t.n * a.d, w.d * t.d * a.n);
  if (zeroRate !== null) return w.mul(qmin(zeroRate, ONE));
  return rateShare(w, a, t);
}

function amount(value, what) {
  if (typeof value === 'number' || typeof value === 'boolean') {
    const q = fromNumber(Number(value));
    if (q !== null) return q;
  } else if (typeof value === 'string') {
    const q = decimal(value.trim().replaceAll(',', ''));
    if (q !== null) return q;
  }
  throw new CannotScore(`${what}: cannot read ${JSON.stringify(value)}`);
}

function scoreProject(data, types) {
  const ptype = types.get(data.project);
  if (ptype === undefined) {
    throw new CannotScore(`unknown project type ${JSON.stringify(data.project)}`);
  }
  const grades = GRADES[ptype.policy];
  if (grades === undefined) throw new CannotScore(`policy ${ptype.policy} is not implemented here`);

  // 预算执行率: rate = executed / budget; score = round(10 * min(rate, 100%), 1)
  const funds = data.funds || {};
  const budget = amount(funds.budget, 'funds.budget');
  const executed = amount(funds.executed, 'funds.executed');
  if (budget.isZero()) throw new CannotScore('funds.budget is 0');
  const within = budget.sign() > 0 ? executed.cmp(budget) <= 0 : executed.cmp(budget) >= 0;
  let total = within
    ? roundQuotient(
        new Q(FUNDS_WEIGHT.n * executed.n * budget.d, executed.d * budget.n),
        FUNDS_DIGITS,
      )
    : FUNDS_WEIGHT;
  total = new Q(total.n * (POW10[SCORE_DIGITS] / total.d), POW10[SCORE_DIGITS]);

  const rows = new Map();
  for (const row of data.indicators || []) {
    const name = row.name;
    if (!ptype.byName.has(name)) throw new CannotScore(`unknown indicator ${JSON.stringify(name)}`);
    if (rows.has(name)) throw new CannotScore(`indicator ${JSON.stringify(name)} appears twice`);
    rows.set(name, row);
  }
  for (const indicator of ptype.indicators) {
    const row = rows.get(indicator.name);
    if (row === undefined) {
      throw new CannotScore(`indicator ${JSON.stringify(indicator.name)} is missing`);
    }
    const text = row.actual;
    let actual;
    if (typeof text === 'number' || typeof text === 'boolean') {
      actual = ['qty', fromNumber(Number(text)), ''];
      if (actual[1] === null) throw new CannotScore(`${indicator.name}: cannot read ${text}`);
    } else {
      const parsed = typeof text === 'string' ? parseValue(text) : null;
      if (parsed === null) {
        const shown = JSON.stringify(text);
        throw new CannotScore(`${indicator.name}: cannot read the actual value ${shown}`);
      }
      actual = parsed[1];
    }
    total = total.add(roundQuotient(scoreIndicator(indicator, actual, grades), SCORE_DIGITS));
  }
  return fixed(total, 2);
}

// ------------------------------------------------------------------ the run

function main() {
  const argv = process.argv.slice(2);
  let rulesDir = path.resolve(__dirname, '..', '..', 'rules');
  const positional = [];
  for (let k = 0; k < argv.length; ++k) {
    if (argv[k] === '--rules' && k + 1 < argv.length) rulesDir = argv[++k];
    else positional.push(argv[k]);
  }
  if (positional.length < 1 || positional.length > 2) {
    process.stderr.write('usage: node score.js [--rules DIR] DATA.jsonl [OUT]\n');
    return 2;
  }
  const [dataPath, outPath = '-'] = positional;
  const types = loadProjectTypes(rulesDir);
  const input = dataPath === '-' ? 0 : fs.openSync(dataPath, 'r');
  const output = outPath === '-' ? 1 : fs.openSync(outPath, 'w');

  let failed = 0;
  let number = 0;
  let out = '';
  const flush = () => {
    if (out) fs.writeSync(output, out);
    out = '';
  };
  const scoreLine = (line) => {
    ++number;
    if (!line.trim()) return;
    let project = null;
    try {
      const data = JSON.parse(line);
      project = data !== null && typeof data === 'object' ? (data.project ?? null) : null;
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new CannotScore('a line is not a JSON object');
      }
      const total = scoreProject(data, types);
      out += `{"line":${number},"project":${JSON.stringify(project)},"total":"${total}"}\n`;
    } catch (e) {
      if (!(e instanceof CannotScore || e instanceof SyntaxError || e instanceof TypeError)) {
        throw e;
      }
      ++failed;
      const [name, error] = [JSON.stringify(project), JSON.stringify(e.message)];
      out += `{"line":${number},"project":${name},"total":null,"error":${error}}\n`;
    }
    if (out.length > 1 << 16) flush();
  };

  // Read in large chunks and cut at line ends (\n; a \r before it is white
  // space to JSON.parse).
  const chunk = Buffer.alloc(1 << 22);
  let pending = Buffer.alloc(0);
  for (;;) {
    let got;
    try {
      got = fs.readSync(input, chunk, 0, chunk.length, null);
    } catch (e) {
      if (e.code === 'EAGAIN') continue;
      if (e.code === 'EOF') got = 0;
      else throw e;
    }
    if (got === 0) break;
    const read = chunk.subarray(0, got);
    const buffer = pending.length ? Buffer.concat([pending, read]) : read;
    let start = 0;
    for (let end = buffer.indexOf(10, start); end >= 0; end = buffer.indexOf(10, start)) {
      scoreLine(buffer.toString('utf8', start, end));
      start = end + 1;
    }
    pending = Buffer.from(buffer.subarray(start));
  }
  if (pending.length) scoreLine(pending.toString('utf8'));
  flush();
  if (output !== 1) fs.closeSync(output);
  return failed ? 1 : 0;
}

process.exitCode = main();
