// The page of perfeval serve: tables dropped here are scored by the server
// and shown as the HTML report; the rule files are edited here, checked as
// they are typed and saved back. No framework and nothing from elsewhere:
// the page works without a network.
'use strict';

const WORDS = {
  zh: {
    title: '绩效自评表评分', tab_score: '评分', tab_rules: '规则文件',
    drop_hint: '把填好的自评表文件（.xlsx、.json、.jsonl）拖到这里，或', choose: '选择文件…',
    col_file: '文件', col_project: '项目', col_total: '总分', col_band: '等级', col_findings: '不符之处',
    download: '下载：', print: '打印', explain_title: '计算过程',
    explain_hint: '点击表中的指标行、资金行或总分行，查看这个数字是怎样算出来的。',
    audit_title: '审核结果', save: '保存', revert: '撤销修改',
    scoring: '评分中…', scored: '已评分 {0} 张表', not_scored: '未能评分',
    remove: '移除', checking: '检查中…', no_problems: '没有发现问题',
    problems: '{0} 个错误，{1} 个警告', line: '第 {0} 行', saved: '已保存，表格已按新规则重新评分',
    saved_no_tables: '已保存', unsaved: '有未保存的修改', failed: '出错了：{0}',
    not_data: '“{0}”不是 .xlsx、.json 或 .jsonl 文件，已跳过', no_tables: '文件中没有找到自评表',
    leave: '规则文件有未保存的修改。',
  },
  en: {
    title: 'Scoring self-evaluation tables', tab_score: 'Score', tab_rules: 'Rule files',
    drop_hint: 'Drop filled tables (.xlsx, .json, .jsonl) here, or', choose: 'Choose files…',
    col_file: 'File', col_project: 'Project', col_total: 'Total', col_band: 'Band', col_findings: 'Findings',
    download: 'Download:', print: 'Print', explain_title: 'Working',
    explain_hint: 'Click an indicator row, the funds row or the total row of a table to see how its figure was worked out.',
    audit_title: 'Audit', save: 'Save', revert: 'Undo changes',
    scoring: 'Scoring…', scored: '{0} tables scored', not_scored: 'not scored',
    remove: 'Remove', checking: 'Checking…', no_problems: 'No problems found',
    problems: '{0} errors, {1} warnings', line: 'line {0}', saved: 'Saved; the tables were scored again by the new rules',
    saved_no_tables: 'Saved', unsaved: 'Unsaved changes', failed: 'Something went wrong: {0}',
    not_data: "'{0}' is not an .xlsx, .json or .jsonl file and was left out", no_tables: 'No table was found in the files',
    leave: 'The rule files have unsaved changes.',
  },
};

// Chinese unless the browser prefers English (or ?lang= says otherwise).
function pageLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  for (const lang of navigator.languages || [navigator.language || '']) {
    if (lang.toLowerCase().startsWith('zh')) return 'zh';
    if (lang.toLowerCase().startsWith('en')) return 'en';
  }
  return 'zh';
}
const LANG = pageLang();
function t(key, ...args) {
  return WORDS[LANG][key].replace(/\{(\d)\}/g, (_, n) => String(args[Number(n)]));
}

const $ = (id) => document.getElementById(id);

// Every request says it comes from the page: the server refuses any other
// (a web page elsewhere posting to this address).
async function api(path, options = {}) {
  const headers = Object.assign({ 'X-Perfeval': 'page' }, options.headers || {});
  const separator = path.includes('?') ? '&' : '?';
  const response = await fetch(`${path}${separator}lang=${LANG}`, Object.assign({}, options, { headers }));
  return response;
}
async function apiJson(path, options) {
  const response = await api(path, options);
  let body = {};
  try { body = await response.json(); } catch (e) { body = {}; }
  return { ok: response.ok, status: response.status, body };
}

// ---------- Scoring ----------

const tables = { files: [], view: null };

function setStatus(element, text, kind) {
  element.textContent = text;
  element.className = 'status' + (kind ? ' ' + kind : '');
}

function addFiles(fileList) {
  const skipped = [];
  for (const file of fileList) {
    if (!/\.(xlsx|json|jsonl)$/i.test(file.name)) { skipped.push(file.name); continue; }
    tables.files = tables.files.filter((f) => f.name !== file.name);
    tables.files.push(file);
  }
  showFileList();
  if (skipped.length) setStatus($('score-status'), skipped.map((n) => t('not_data', n)).join('；'), 'bad');
  if (tables.files.length) scoreTables(skipped.length === 0);
}

function showFileList() {
  const list = $('file-list');
  list.replaceChildren();
  for (const file of tables.files) {
    const item = document.createElement('li');
    item.textContent = file.name;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.title = t('remove');
    remove.textContent = '×';
    remove.addEventListener('click', () => {
      tables.files = tables.files.filter((f) => f !== file);
      showFileList();
      if (tables.files.length) scoreTables(true); else { $('results').hidden = true; setStatus($('score-status'), ''); }
    });
    item.append(remove);
    list.append(item);
  }
}

function filesForm() {
  const form = new FormData();
  for (const file of tables.files) form.append('files', file, file.name);
  return form;
}

let scoreRun = 0;
async function scoreTables(clearStatus) {
  const run = ++scoreRun;
  if (clearStatus) setStatus($('score-status'), t('scoring'));
  try {
    const { ok, body } = await apiJson('/api/score', { method: 'POST', body: filesForm() });
    if (run !== scoreRun) return;  // a later scoring has started
    if (!ok) { setStatus($('score-status'), t('failed', body.error || ''), 'bad'); return; }
    tables.view = body;
    showResults(body);
  } catch (e) {
    if (run === scoreRun) setStatus($('score-status'), t('failed', e.message), 'bad');
  }
}

function showResults(view) {
  const projects = view.report.projects || [];
  const body = $('totals').tBodies[0];
  body.replaceChildren();
  for (const p of projects) {
    const row = body.insertRow();
    if (p.differences || p.explanations_missing) row.className = 'flagged';
    row.insertCell().textContent = p.file;
    row.insertCell().textContent = p.project;
    const total = row.insertCell();
    total.className = 'num total';
    total.textContent = p.total || t('not_scored');
    row.insertCell().textContent = p.band || '';
    const findings = row.insertCell();
    findings.className = 'num';
    findings.textContent = String((p.differences || 0) + (p.explanations_missing || 0));
  }
  const errors = view.problems.filter((p) => p.error).length;
  setStatus($('score-status'), projects.length ? t('scored', projects.length) : t('no_tables'),
            projects.length && !errors ? 'good' : 'bad');
  const problems = $('problems');
  problems.textContent = view.problems.map((p) => p.text).join('\n');
  problems.hidden = view.problems.length === 0;
  $('audit').textContent = view.audit;
  $('explain').textContent = '';
  const frame = $('report');
  frame.onload = () => attachExplain(frame, view);
  frame.srcdoc = view.html;
  $('results').hidden = false;
}

// Each table of the report is a section; its indicator rows are in the
// order of the results' indicators, the total row last.
function attachExplain(frame, view) {
  const doc = frame.contentDocument;
  if (!doc) return;
  const style = doc.createElement('style');
  style.textContent = '@media screen { section.table tr.pick { cursor: pointer; } ' +
    'section.table tr.pick:hover td, section.table tr.pick:hover th { outline: 2px solid #1f4e79; } ' +
    'section.table tr.picked td, section.table tr.picked th { background: #dce6f0 !important; } }';
  doc.head.append(style);
  const show = (row, text) => {
    for (const old of doc.querySelectorAll('tr.picked')) old.classList.remove('picked');
    row.classList.add('picked');
    $('explain').textContent = text;
    $('explain').scrollIntoView({ block: 'nearest' });
  };
  doc.querySelectorAll('section.sheet.table').forEach((section, k) => {
    const working = view.explain[k];
    if (!working) return;
    const rows = section.querySelectorAll('table.indicators tbody tr');
    rows.forEach((row, i) => {
      const text = row.classList.contains('total') ? working.all : working.indicators[i];
      if (text === undefined) return;
      row.classList.add('pick');
      row.addEventListener('click', () => show(row, text));
    });
    const funds = section.querySelector('table.funds tr:nth-child(2)');
    if (funds) {
      funds.classList.add('pick');
      funds.addEventListener('click', () => show(funds, working.all));
    }
  });
}

async function download(format) {
  try {
    const response = await api(`/api/report?format=${format}`, { method: 'POST', body: filesForm() });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      setStatus($('score-status'), t('failed', body.error || response.status), 'bad');
      return;
    }
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    const disposition = response.headers.get('Content-Disposition') || '';
    const named = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    link.download = named ? decodeURIComponent(named[1]) : `perfeval.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (e) {
    setStatus($('score-status'), t('failed', e.message), 'bad');
  }
}

// ---------- Rule files ----------

const rules = { files: [], saved: new Map(), drafts: new Map(), problems: [], chosen: null };

async function loadRules() {
  const { ok, body } = await apiJson('/api/rules');
  if (!ok) { setStatus($('check-status'), t('failed', body.error || ''), 'bad'); return; }
  rules.files = body.files.map((f) => f.name);
  for (const f of body.files) rules.saved.set(f.name, f.text);
  rules.problems = body.problems;
  showRuleFiles();
  if (rules.files.length) chooseRule(rules.chosen || rules.files[0]);
}

function currentText(name) {
  return rules.drafts.has(name) ? rules.drafts.get(name) : rules.saved.get(name);
}

function showRuleFiles() {
  const list = $('rule-files');
  list.replaceChildren();
  for (const name of rules.files) {
    const item = document.createElement('li');
    item.textContent = name;
    item.dataset.name = name;
    item.classList.toggle('chosen', name === rules.chosen);
    item.classList.toggle('edited', rules.drafts.has(name));
    item.classList.toggle('has-errors', rules.problems.some((p) => p.error && p.name === name));
    item.addEventListener('click', () => chooseRule(name));
    list.append(item);
  }
}

function chooseRule(name) {
  rules.chosen = name;
  $('rule-name').textContent = name;
  $('rule-text').value = currentText(name);
  $('rule-text').scrollTop = 0;
  showRuleFiles();
  showProblems();
  updateButtons();
}

function updateButtons() {
  const edited = rules.drafts.has(rules.chosen);
  $('save').disabled = !edited;
  $('revert').disabled = !edited;
}

// The grammar's rules, once page.js has fetched them; uncoloured until then.
let grammarRules = null;
async function loadGrammar() {
  try {
    const response = await fetch('perfeval.tmLanguage.json');
    if (response.ok) grammarRules = compileGrammar(await response.json());
  } catch (e) {
    grammarRules = null;  // colours are a help, not a need
  }
  showHighlight();
}

function showHighlight() {
  const area = $('rule-text');
  const copy = $('highlight');
  copy.innerHTML = highlightRules(area.value, grammarRules);
  copy.scrollTop = area.scrollTop;
  copy.scrollLeft = area.scrollLeft;
}

function showGutter() {
  showHighlight();
  const text = $('rule-text').value;
  const lines = text.split('\n').length;
  const marks = new Map();
  for (const p of rules.problems) {
    if (p.name !== rules.chosen || !p.line) continue;
    if (!marks.has(p.line) || p.error) marks.set(p.line, p.error ? 'error' : 'warning');
  }
  const gutter = $('gutter');
  gutter.replaceChildren();
  for (let n = 1; n <= lines; ++n) {
    const span = document.createElement('span');
    span.textContent = String(n);
    span.id = `line-${n}`;
    if (marks.has(n)) {
      span.className = marks.get(n);
      span.title = rules.problems.filter((p) => p.name === rules.chosen && p.line === n).map((p) => p.text).join('\n');
    }
    gutter.append(span);
  }
  gutter.scrollTop = $('rule-text').scrollTop;
}

function showProblems() {
  showGutter();
  const list = $('rule-problems');
  list.replaceChildren();
  // The chosen file's problems first, then those of the others.
  const mine = rules.problems.filter((p) => p.name === rules.chosen);
  const others = rules.problems.filter((p) => p.name !== rules.chosen);
  for (const p of mine.concat(others)) {
    const item = document.createElement('li');
    item.className = p.error ? 'error' : 'warning';
    item.textContent = p.text;
    item.dataset.line = p.line;
    item.addEventListener('click', () => {
      if (p.name && p.name !== rules.chosen) chooseRule(p.name);
      if (p.line) goToLine(p.line, p.column);
    });
    list.append(item);
  }
  const errors = rules.problems.filter((p) => p.error).length;
  const warnings = rules.problems.length - errors;
  if (!rules.problems.length) setStatus($('check-status'), t('no_problems'), 'good');
  else setStatus($('check-status'), t('problems', errors, warnings), errors ? 'bad' : '');
}

function goToLine(line, column) {
  const area = $('rule-text');
  const lines = area.value.split('\n');
  let start = 0;
  for (let n = 1; n < line && n <= lines.length; ++n) start += lines[n - 1].length + 1;
  const end = start + (lines[line - 1] || '').length;
  area.focus();
  area.setSelectionRange(start + Math.max(0, (column || 1) - 1), end);
  area.scrollTop = Math.max(0, (line - 5) * 20);
  showGutter();
}

let checkRun = 0;
let checkTimer = null;
function edited() {
  const name = rules.chosen;
  const text = $('rule-text').value;
  if (text === rules.saved.get(name)) rules.drafts.delete(name); else rules.drafts.set(name, text);
  updateButtons();
  showGutter();
  showRuleFiles();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => checkRule(name, text), 250);
}

async function checkRule(name, text) {
  const run = ++checkRun;
  setStatus($('check-status'), t('checking'));
  const { ok, body } = await apiJson('/api/check', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, text }),
  });
  if (run !== checkRun) return;
  if (!ok) { setStatus($('check-status'), t('failed', body.error || ''), 'bad'); return; }
  rules.problems = body.problems;
  showRuleFiles();
  showProblems();
}

async function saveRule() {
  const name = rules.chosen;
  const text = $('rule-text').value;
  $('save').disabled = true;
  const { ok, body } = await apiJson('/api/save', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, text }),
  });
  if (body.problems) rules.problems = body.problems;
  if (!ok) {
    showRuleFiles();
    showProblems();
    setStatus($('check-status'), body.error || t('failed', ''), 'bad');
    updateButtons();
    return;
  }
  rules.saved.set(name, text);
  if ($('rule-text').value === text) rules.drafts.delete(name);
  showRuleFiles();
  showProblems();
  updateButtons();
  if (tables.files.length) {
    await scoreTables(false);
    setStatus($('check-status'), t('saved'), 'good');
  } else {
    setStatus($('check-status'), t('saved_no_tables'), 'good');
  }
}

// ---------- The page ----------

function choose(view) {
  $('score-view').hidden = view !== 'score';
  $('rules-view').hidden = view !== 'rules';
  $('tab-score').classList.toggle('chosen', view === 'score');
  $('tab-rules').classList.toggle('chosen', view === 'rules');
}

function start() {
  document.documentElement.lang = LANG === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  document.title = `perfeval · ${t('title')}`;

  $('tab-score').addEventListener('click', () => choose('score'));
  $('tab-rules').addEventListener('click', () => choose('rules'));

  const drop = $('drop');
  $('files').addEventListener('change', (e) => { addFiles(e.target.files); e.target.value = ''; });
  for (const name of ['dragenter', 'dragover']) {
    drop.addEventListener(name, (e) => { e.preventDefault(); drop.classList.add('over'); });
  }
  for (const name of ['dragleave', 'drop']) drop.addEventListener(name, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); addFiles(e.dataTransfer.files); });
  // A file dropped beside the box is not opened by the browser instead.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  for (const button of document.querySelectorAll('[data-format]')) {
    button.addEventListener('click', () => download(button.dataset.format));
  }
  $('print').addEventListener('click', () => $('report').contentWindow.print());

  const area = $('rule-text');
  area.addEventListener('input', edited);
  area.addEventListener('scroll', () => {
    $('gutter').scrollTop = area.scrollTop;
    $('highlight').scrollTop = area.scrollTop;
    $('highlight').scrollLeft = area.scrollLeft;
  });
  area.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); if (!$('save').disabled) saveRule(); }
  });
  $('save').addEventListener('click', saveRule);
  $('revert').addEventListener('click', () => {
    rules.drafts.delete(rules.chosen);
    chooseRule(rules.chosen);
    checkRule(rules.chosen, rules.saved.get(rules.chosen));
  });
  window.addEventListener('beforeunload', (e) => {
    if (rules.drafts.size) { e.preventDefault(); e.returnValue = t('leave'); }
  });
  loadRules().then(loadGrammar);
}

start();
