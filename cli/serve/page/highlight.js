// Syntax colours for the rule editor, from the TextMate grammar that editors
// use (editors/vscode/syntaxes/perfeval.tmLanguage.json, served beside the
// page): its patterns are tried line by line, as an editor tries them; a
// begin/end rule ends on its own line, as every rule of the grammar does.
'use strict';

function compileGrammar(grammar) {
  const compiled = new Map();
  const rulesOf = (patterns) => patterns.flatMap((p) => (p.include ? ruleFor(grammar.repository[p.include.slice(1)]) : ruleFor(p)));
  function ruleFor(rule) {
    if (!rule) return [];
    if (compiled.has(rule)) return compiled.get(rule);
    let out = [];
    compiled.set(rule, out);
    if (rule.match) {
      out.push({ re: new RegExp(rule.match, 'dgu'), name: rule.name, captures: rule.captures });
    } else if (rule.begin) {
      const entry = { re: new RegExp(rule.begin, 'dgu'), name: rule.name, captures: rule.beginCaptures || rule.captures,
                      end: new RegExp(rule.end, 'dgu'), endCaptures: rule.endCaptures || rule.captures, inner: [] };
      out.push(entry);
      entry.inner = rulesOf(rule.patterns || []);  // after the entry is known: patterns may include it
    } else if (rule.patterns) {
      out.push(...rulesOf(rule.patterns));
    }
    return out;
  }
  return rulesOf(grammar.patterns);
}

// The first component of a scope names its colour (keyword, entity,
// constant, ...); a comment's or a string's punctuation is coloured as the
// comment or string.
function scopeClass(scope) {
  if (!scope) return '';
  for (const whole of ['comment', 'string']) if (scope.includes(whole)) return 'tm-' + whole;
  return 'tm-' + scope.split('.')[0];
}

function paint(classes, from, to, scope) {
  const name = scopeClass(scope);
  if (!name) return;
  for (let i = from; i < to; ++i) classes[i] = name;
}

function paintMatch(classes, match, scope, captures) {
  paint(classes, match.index, match.index + match[0].length, scope);
  for (const [group, capture] of Object.entries(captures || {})) {
    const span = match.indices[Number(group)];
    if (span && capture.name) paint(classes, span[0], span[1], capture.name);
  }
}

function firstMatch(re, line, from) {
  re.lastIndex = from;
  return re.exec(line);
}

// Colours line[from..] by `rules` until `end` matches; returns where it stopped.
function tokenize(line, from, rules, end, endCaptures, classes) {
  let at = from;
  while (at <= line.length) {
    const ending = end ? firstMatch(end, line, at) : null;
    let best = null;
    let bestRule = null;
    for (const rule of rules) {
      const match = firstMatch(rule.re, line, at);
      if (match && match[0].length > 0 && (!best || match.index < best.index)) {
        best = match;
        bestRule = rule;
      }
    }
    if (ending && (!best || ending.index <= best.index)) {
      paintMatch(classes, ending, null, endCaptures);
      return ending.index + Math.max(ending[0].length, 0);
    }
    if (!best) return line.length;
    paintMatch(classes, best, bestRule.name, bestRule.captures);
    at = best.index + best[0].length;
    if (bestRule.end) {
      // The region takes the rule's colour, and its inner rules' over it.
      const inner = new Array(line.length).fill('');
      const stop = tokenize(line, at, bestRule.inner, bestRule.end, bestRule.endCaptures, inner);
      paint(classes, at, stop, bestRule.name);
      for (let i = at; i < stop; ++i) if (inner[i]) classes[i] = inner[i];
      at = stop > at ? stop : at + 1;
    }
  }
  return line.length;
}

function escapeHtml(text) {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c]));
}

// The text as HTML with a span per coloured run.
function highlightRules(text, rules) {
  return text.split('\n').map((line) => {
    const classes = new Array(line.length).fill('');
    if (rules) tokenize(line, 0, rules, null, null, classes);
    let html = '';
    for (let i = 0; i < line.length;) {
      let j = i + 1;
      while (j < line.length && classes[j] === classes[i]) ++j;
      const run = escapeHtml(line.slice(i, j));
      html += classes[i] ? `<span class="${classes[i]}">${run}</span>` : run;
      i = j;
    }
    return html;
  }).join('\n') + '\n';
}
