// `npm run bench:plots`: every bench/results/*.json to bench/plots/<name>.svg with the plotting code the
// playground's benchmark panel uses (src/plots). SVGs of result files that are gone are removed.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plotsForResults, type BenchResultFile } from '../src/plots/resultPlots';

const benchDir = dirname(fileURLToPath(import.meta.url));
const resultsDir = resolve(process.argv[2] ?? join(benchDir, 'results'));
const plotsDir = resolve(process.argv[3] ?? join(benchDir, 'plots'));

mkdirSync(plotsDir, { recursive: true });
const written = new Set<string>();
for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json')).sort()) {
  const results = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as BenchResultFile;
  const plots = plotsForResults(results, file.replace(/\.json$/, ''));
  if (plots.length === 0) console.log(`${file}: no plot for suite '${results.suite}'`);
  for (const plot of plots) {
    const out = join(plotsDir, `${plot.name}.svg`);
    writeFileSync(out, `${plot.svg}\n`);
    written.add(`${plot.name}.svg`);
    console.log(`${file} -> ${out}`);
  }
}
for (const stale of readdirSync(plotsDir).filter((f) => f.endsWith('.svg') && !written.has(f))) {
  rmSync(join(plotsDir, stale));
  console.log(`removed ${stale} (no result file)`);
}
