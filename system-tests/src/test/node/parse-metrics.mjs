// Parses a Prometheus text exposition (the file named by the first argument) with
// parse-prometheus-text-format and prints the metric families as JSON on one line.
// Exits 1, naming the problem, when the text does not parse.
import { readFileSync } from 'node:fs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

const file = process.argv[2];
if (!file) {
  console.error('usage: node parse-metrics.mjs FILE');
  process.exit(2);
}
try {
  const families = parsePrometheusTextFormat(readFileSync(file, 'utf8'));
  process.stdout.write(JSON.stringify(families) + '\n');
} catch (e) {
  console.error(`not Prometheus text format: ${e.message}`);
  process.exit(1);
}
