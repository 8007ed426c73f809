#!/usr/bin/env node
// Scores a JSON Lines file of project tables with @gorules/zen-engine and the
// JDM decision graph made by make_jdm.py.
//
//   node run.js [--in-flight K] DECISION.jdm.json DATA.jsonl [OUT]
//
// Each line (one project, the object of a data file) is parsed and evaluated
// through the decision as it is: the graph itself reads the funds figures and
// the actual values. One line is written per project, in input order:
// {"line": N, "project": "...", "total": "99.80"}, the total null when the
// decision finds the table incomplete or fails on it (the reason in "error").
//
// evaluate() is asynchronous; K evaluations are kept in flight at once
// (default 1: one after the other). zen runs them on its own threads, so K > 1
// may use more than one core.
'use strict';

const fs = require('fs');
const readline = require('readline');
const { ZenEngine } = require('@gorules/zen-engine');

function usage(message) {
  process.stderr.write(
    `run.js: ${message}\n` +
      'usage: node run.js [--in-flight K] DECISION.jdm.json DATA.jsonl [OUT]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const args = { inFlight: 1, positional: [] };
  for (let k = 0; k < argv.length; ++k) {
    if (argv[k] === '--in-flight') {
      args.inFlight = Number(argv[++k]);
      if (!Number.isInteger(args.inFlight) || args.inFlight < 1) {
        usage('--in-flight needs a whole number of at least 1');
      }
    } else {
      args.positional.push(argv[k]);
    }
  }
  if (args.positional.length < 2 || args.positional.length > 3) {
    usage('give the decision file and the data file');
  }
  return args;
}

// "99.8" -> "99.80": the total as the policy prints it, by string, never
// through a binary floating-point number.
function twoDecimals(text) {
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  const decimals = text.length - dot - 1;
  return decimals >= 2 ? text : text + '0'.repeat(2 - decimals);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const [decisionPath, dataPath, outPath] = args.positional;
  const engine = new ZenEngine();
  const decision = engine.createDecision(fs.readFileSync(decisionPath));
  const out = outPath && outPath !== '-' ? fs.createWriteStream(outPath) : process.stdout;
  const input = dataPath === '-' ? process.stdin : fs.createReadStream(dataPath);
  const lines = readline.createInterface({ input, crlfDelay: Infinity });

  let failed = 0;
  let buffer = '';
  const write = (text) => {
    buffer += text;
    if (buffer.length > 1 << 16) {
      out.write(buffer);
      buffer = '';
    }
  };
  const finish = async ({ number, project, pending }) => {
    let total = null;
    let error = null;
    const outcome = await pending;
    if (outcome.error) {
      const e = outcome.error;
      error = String(e && e.message ? e.message : e).split('\n')[0];
    } else {
      const result = outcome.response.result || {};
      if (result.complete && typeof result.total === 'string') {
        total = twoDecimals(result.total);
      } else {
        error = 'incomplete';
      }
    }
    if (total === null) ++failed;
    let line = `{"line":${number},"project":${JSON.stringify(project)},"total":`;
    line += total === null ? `null,"error":${JSON.stringify(error)}}\n` : `"${total}"}\n`;
    write(line);
  };

  const queue = [];
  let number = 0;
  for await (const text of lines) {
    ++number;
    if (!text.trim()) continue;
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      queue.push({ number, project: null, pending: Promise.resolve({ error: e }) });
      continue;
    }
    // Settled either way at once, so that no rejection is left unhandled while
    // it waits in the queue.
    const pending = decision.evaluate(data).then(
      (response) => ({ response }),
      (error) => ({ error }),
    );
    queue.push({ number, project: data.project ?? null, pending });
    if (queue.length >= args.inFlight) {
      await finish(queue.shift());
    }
  }
  while (queue.length > 0) {
    await finish(queue.shift());
  }
  out.write(buffer);
  if (out !== process.stdout) {
    await new Promise((resolve) => out.end(resolve));
  }
  engine.dispose();
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`run.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
