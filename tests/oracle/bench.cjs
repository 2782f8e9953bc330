// Times tree-sitter-powershell (web-tree-sitter, WASM) parsing a file, for
// scripts/bench-treesitter.sh. Usage: node bench.cjs FILE [RUNS]
'use strict';
const fs = require('fs');
const { load } = require('./oracle.cjs');

async function main() {
  const file = process.argv[2];
  const runs = Number(process.argv[3] || 5);
  const text = fs.readFileSync(file, 'utf8');
  const mb = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  const parser = await load();
  parser.parse(text).delete(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const tree = parser.parse(text);
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
    tree.delete();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `tree-sitter-powershell: ${mb.toFixed(2)} MiB, median ${(median * 1000).toFixed(0)} ms ` +
      `= ${(mb / median).toFixed(1)} MiB/s (best ${(mb / times[0]).toFixed(1)} MiB/s, ${runs} runs)`,
  );
  process.exit(0);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
