// Checks the DOM chromium built from the HTML report against the JSON report
// of the same run: every table is there with its kind, name and total; each
// indicator shows the JSON's rate and score; the flagged rows carry their
// mark and note; the summary, band counts and chart agree; the screenshot
// is a real A4-landscape PNG.
//
// usage: node check_dom.js DOM.html REPORT.json REPORT.png

'use strict';
const fs = require('fs');

const [domFile, jsonFile, pngFile] = process.argv.slice(2);
const dom = fs.readFileSync(domFile, 'utf8');
const report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));

let failures = 0;
let checks = 0;
function check(ok, what) {
  ++checks;
  if (!ok) {
    ++failures;
    console.error('FAIL: ' + what);
  }
}

// The text of a piece of serialized DOM, tags removed and entities decoded.
function text(html) {
  return html.replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
}
function attributes(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1]] = text(m[2]);
  return out;
}
function rows(html) {
  return [...html.matchAll(/<tr([^>]*)>([\s\S]*?)<\/tr>/g)].map(m => ({
    attributes: attributes(m[1]),
    cells: [...m[2].matchAll(/<t[dh]([^>]*)>([\s\S]*?)<\/t[dh]>/g)].map(c => ({
      attributes: attributes(c[1]),
      html: c[2],
      text: text(c[2]),
    })),
  }));
}
function count(html, re) {
  return (html.match(re) || []).length;
}
function flaggedIndicator(i) {
  return !i.scored || i.differences.length > 0 || (i.explanation_required && !i.explanation_present);
}
// An explanation given where none is required: a note (多余说明), not a flag.
function unneededExplanation(i) {
  return i.scored && !i.explanation_required && i.explanation_present;
}
function notedIndicator(i) {
  return flaggedIndicator(i) || unneededExplanation(i);
}

// --- the page as a whole
check(/^<!DOCTYPE html>/i.test(dom) || dom.startsWith('<html'), 'the DOM is an HTML document');
check(/<html lang="zh-CN"/.test(dom), 'the page says it is Chinese');
check(!/<script/i.test(dom), 'the page has no scripts');
check(!/\s(src|href)=|<link|url\(/i.test(dom), 'the page loads nothing: no src, href, link or url()');
check(/@page\s*\{\s*size:\s*A4 landscape/.test(dom), 'the print CSS asks for A4 landscape');

// --- one section per table, in the JSON's order
const sections = [...dom.matchAll(/<section class="sheet table"([^>]*)>([\s\S]*?)<\/section>/g)]
    .map(m => ({attributes: attributes(m[1]), html: m[2]}));
const projects = report.projects;
check(projects.length === 17, `the JSON report has 17 tables (has ${projects.length})`);
check(sections.length === projects.length,
      `the page has ${projects.length} tables (has ${sections.length})`);
check(sections.filter(s => s.attributes['data-kind'] === 'project').length === 16,
      '16 tables are 项目支出绩效自评表');
check(sections.filter(s => s.attributes['data-kind'] === 'unit').length === 1,
      '1 table is a 单位整体支出绩效自评表');

const domTotals = [];
sections.forEach((section, n) => {
  const p = projects[n];
  if (!p) return;
  const where = `table ${n + 1} (${p.file})`;
  const html = section.html;
  check(section.attributes['data-file'] === p.file, `${where}: data-file`);
  const title = p.kind === 'unit' ? '单位整体支出绩效自评表' : '项目支出绩效自评表';
  check(/<h1>([\s\S]*?)<\/h1>/.exec(html) && text(/<h1>([\s\S]*?)<\/h1>/.exec(html)[1]) === title,
        `${where}: the title is ${title}`);
  if (p.year) {
    check(html.includes(`（${p.year}年度）`), `${where}: the year line says （${p.year}年度）`);
  }
  const name = /<td colspan="3" class="name">([\s\S]*?)<\/td>/.exec(html);
  check(name && text(name[1]) === p.project, `${where}: the name is ${p.project}`);

  // The total, both as the data attribute and as the cell a reader sees.
  const total = /<td class="num total-score">([\s\S]*?)<\/td>/.exec(html);
  const shown = total ? text(total[1]) : undefined;
  domTotals.push(shown);
  check(shown === (p.total ?? '—'), `${where}: 总分 shows ${p.total} (shows ${shown})`);
  check(section.attributes['data-total'] === (p.total ?? '—'), `${where}: data-total`);
  if (p.band) {
    check(html.includes(`档次：${p.band}`), `${where}: the band ${p.band} is shown`);
  }

  // Funds: 执行率 and 得分.
  const funds = /<table class="funds">([\s\S]*?)<\/table>/.exec(html);
  const fundsRow = funds ? rows(funds[1])[1] : undefined;
  check(fundsRow && fundsRow.cells.some(c => c.text === p.funds.rate) &&
            fundsRow.cells.some(c => c.text === p.funds.score) &&
            fundsRow.cells.some(c => c.text === p.funds.planned),
        `${where}: the funds row shows ${p.funds.planned}, ${p.funds.rate} and ${p.funds.score}`);

  // Every indicator: its row, rate and score, and whether it is flagged.
  const indicators = /<table class="indicators">([\s\S]*?)<\/table>/.exec(html);
  const body = indicators ? /<tbody>([\s\S]*?)<\/tbody>/.exec(indicators[1]) : null;
  const indicatorRows = body ? rows(body[1]).filter(r => !/total/.test(r.attributes.class || '')) : [];
  check(indicatorRows.length === p.indicators.length,
        `${where}: ${p.indicators.length} indicator rows (has ${indicatorRows.length})`);
  p.indicators.forEach((indicator, r) => {
    const row = indicatorRows[r];
    if (!row) return;
    const at = row.cells.findIndex(c => c.text.replace(/^※\d+/, '') === indicator.name);
    check(at >= 0, `${where}: row ${r + 1} is ${indicator.name}`);
    if (at < 0) return;
    check(row.cells[at + 4] && row.cells[at + 4].text === (indicator.rate ?? '—'),
          `${where}: ${indicator.name} 完成率 ${indicator.rate}`);
    check(row.cells[at + 5] && row.cells[at + 5].text === (indicator.score ?? '—'),
          `${where}: ${indicator.name} 得分 ${indicator.score}`);
    const flagged = flaggedIndicator(indicator);
    const noted = notedIndicator(indicator);
    check((row.attributes.class === 'flagged') === flagged &&
              /class="mark">※\d+</.test(row.cells[at].html) === noted,
          `${where}: ${indicator.name} is ${flagged ? '' : 'not '}flagged, ` +
              `${noted ? 'with' : 'without'} a ※ mark`);
  });

  // One note per flagged row (indicators, the funds line and the total) and
  // per unneeded explanation.
  const flaggedRows = p.indicators.filter(flaggedIndicator).length +
      (p.funds.differences.length > 0 ? 1 : 0) + (p.total_difference ? 1 : 0);
  const unneeded = p.indicators.filter(i => !flaggedIndicator(i) && unneededExplanation(i)).length;
  const expectedNotes = flaggedRows + unneeded;
  const notes = /<ul class="notes">([\s\S]*?)<\/ul>/.exec(html);
  const noteCount = notes ? count(notes[1], /<li>/g) : 0;
  check(noteCount === expectedNotes, `${where}: ${expectedNotes} notes (has ${noteCount})`);
  check(count(html, /<tr class="(total )?flagged">/g) === flaggedRows,
        `${where}: ${flaggedRows} flagged rows`);
  check(count(notes ? notes[1] : '', /多余说明/g) ===
            p.indicators.filter(unneededExplanation).length,
        `${where}: every unneeded explanation is noted 多余说明`);
  check(count(html, /status-missing/g) === p.explanations_missing,
        `${where}: ${p.explanations_missing} missing explanations marked`);
  section.notes = notes ? text(notes[1]) : '';
});

// --- the two tables the audit flags in the seed
const weikuan = sections.find(s => s.attributes['data-file'] === 'examples/weikuan.json');
check(weikuan, 'the 州人社局尾款项目 table is there');
if (weikuan) {
  const row = rows(weikuan.html).find(r => r.cells.some(c => c.text.endsWith('州人社局劳动保障大厦维修项目资金尾款') && !c.text.startsWith('拨付')));
  check(row && row.attributes.class === 'flagged', '州人社局劳动保障大厦维修项目资金尾款 is flagged');
  check(row && row.cells.some(c => c.text === '3.96') && row.cells.some(c => c.text === '3.9'),
        '州人社局劳动保障大厦维修项目资金尾款 shows 3.96 and the reported 3.9');
  check(weikuan.notes.includes('州人社局劳动保障大厦维修项目资金尾款：得分：填报 3.9，按规则应为 3.96'),
        'the note explains 3.9 against 3.96');
  check(weikuan.notes.includes('总分：填报 99.90，按规则应为 99.96'),
        'the note explains the total 99.90 against 99.96');
}
const jiuye = sections.find(s => s.attributes['data-file'] === 'examples/jiuye-gongzuo.json');
check(jiuye, 'the 就业工作经费 table is there');
if (jiuye) {
  check(count(jiuye.notes, /缺少偏差原因分析/g) === 2, '就业工作经费: two notes say 缺少偏差原因分析');
  check(jiuye.notes.includes('就业培训数据维护数量：完成率：填报 100.75%，按规则应为 100.76%'),
        '就业工作经费: the note explains 100.75% against 100.76%');
}

// --- the summary page
const summary = /<section class="sheet summary"[^>]*>([\s\S]*?)<\/section>/.exec(dom);
check(summary, 'the summary page is there');
if (summary) {
  const html = summary[1];
  const summaryRows = rows(html).filter(r => r.attributes['data-file']);
  check(summaryRows.length === projects.length, `the summary lists ${projects.length} tables`);
  summaryRows.forEach((row, n) => {
    const p = projects[n];
    if (!p) return;
    const total = row.cells.find(c => /\btotal\b/.test(c.attributes.class || ''));
    check(row.attributes['data-file'] === p.file && total && total.text === (p.total ?? '—'),
          `summary row ${n + 1}: ${p.file} ${p.total}`);
    const last = row.cells.slice(-2).map(c => c.text);
    check(last[0] === String(p.differences) && last[1] === String(p.explanations_missing),
          `summary row ${n + 1}: ${p.differences} differences, ${p.explanations_missing} missing`);
  });
  const s = report.summary;
  check(html.includes(`共 ${s.data_files} 张表，已评分 ${s.scored}，失败 ${s.failed}`),
        'the summary counts the tables as the JSON does');
  const counts = /<table class="counts">([\s\S]*?)<\/table>/.exec(html);
  const bandRows = counts ? rows(counts[1]).slice(1) : [];
  check(bandRows.length === Object.keys(s.bands).length, 'one band count per band');
  for (const row of bandRows) {
    check(s.bands[row.cells[0].text] === Number(row.cells[1].text),
          `band ${row.cells[0].text}: ${row.cells[1].text}`);
  }
  const chart = /<svg class="chart"[\s\S]*?<\/svg>/.exec(html);
  check(chart, 'the summary has a chart');
  if (chart) {
    const scored = projects.filter(p => p.total !== null);
    check(count(chart[0], /<rect /g) === scored.length, `the chart has ${scored.length} bars`);
    check(/class="reference"/.test(chart[0]), 'the chart has the reference line at 90');
    for (const p of scored) {
      check(chart[0].includes(`>${p.total} ${p.band ?? ''}<`), `the chart labels ${p.total}`);
    }
  }
}

// The totals, added up, agree — the check a reader would make by hand.
const cents = list => list.reduce((sum, t) => sum + (t && t !== '—' ? Math.round(Number(t) * 100) : 0), 0);
check(cents(domTotals) === cents(projects.map(p => p.total)),
      'the totals on the page add up to the totals of the JSON report');

// --- the screenshot: a PNG of the A4-landscape window with something drawn
const png = fs.readFileSync(pngFile);
check(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      'the screenshot is a PNG');
check(png.readUInt32BE(16) === 1123 && png.readUInt32BE(20) === 794,
      `the screenshot is 1123x794 (is ${png.readUInt32BE(16)}x${png.readUInt32BE(20)})`);
check(png.length > 30000, `the screenshot shows a rendered page (${png.length} bytes)`);

if (failures > 0) {
  console.error(`${failures} of ${checks} checks failed`);
  process.exit(1);
}
console.log(`all ${checks} checks passed`);
