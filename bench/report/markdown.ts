/**
 * The Markdown table of a run (printed at the end, and written into docs/performance.md between
 * its `bench:results` markers by a complete full run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResult } from './result.js';
import type { ResultRow, TargetSummary } from '../core/types.js';

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');

function milliseconds(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? integer(value) : String(Math.round(value * 10) / 10);
}

const rate = (summary: TargetSummary | undefined): string =>
  summary === undefined ? '–' : integer(summary.requestsPerSecond);

function notes(row: ResultRow): string {
  const facts = Object.entries(row.facts).map(
    ([key, value]) => `${key} ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`,
  );
  if (row.status === 'failed') {
    const failure = (row.failure ?? 'failed').replaceAll('|', '/').replaceAll('\n', ' ');
    facts.unshift(`**FAILED**: ${failure.length > 240 ? `${failure.slice(0, 240)}…` : failure}`);
  }
  return facts.join('; ');
}

function tableRow(row: ResultRow): string {
  const server = row.server;
  const ratio =
    row.ratio === undefined ? '–' : row.status === 'failed' ? `(${row.ratio.toFixed(2)})` : row.ratio.toFixed(2);
  const spread = server === undefined || server.runs.length < 2 ? '–' : `${Math.round(server.spread * 100)}%`;
  return [
    row.title,
    row.inFlight > 0 ? String(row.inFlight) : '–',
    rate(row.baseline),
    rate(server),
    ratio,
    server === undefined ? '–' : milliseconds(server.p50Ms),
    server === undefined ? '–' : milliseconds(server.p99Ms),
    spread,
    row.loadAverageAtStart.toFixed(2),
    notes(row),
  ].join(' | ');
}

const HEADER = [
  '| scenario | in flight | node:http req/s | Library SCIM req/s | ratio | p50 ms | p99 ms | spread | load | notes |',
  '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
];

export function markdownReport(result: BenchResult): string {
  const { machine } = result;
  const lines = [
    `Run ${result.startedAt} (${result.mode} mode, ${result.totalSeconds} s in all) on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Linux ${machine.kernel}, Node ${machine.node}; commit \`${machine.gitCommit.slice(0, 12)}\`${machine.gitDirty ? ' (with uncommitted changes)' : ''}.`,
    `Command: \`${machine.commandLine}\`. Load average (1, 5, 15 min) before ${result.loadBefore.loadAverage.join(' / ')}, after ${result.loadAfter.loadAverage.join(' / ')}.`,
    `Each row: ${result.pairs === 1 ? 'one baseline run then one server run' : `baseline and server alternated ${result.pairs} times (A B A B)`}, ${result.durationSeconds} s each, autocannon in its own process; req/s and p50 are the mean of the server runs, p99 the worst; ratio = Library SCIM / node:http in the same row (in brackets when the row failed); spread = (max − min) / mean of the server runs' req/s; load = 1-minute load average when the row started.`,
  ];
  for (const database of result.databases) {
    lines.push(
      '',
      `### ${database.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
      '',
      `${result.users.toLocaleString('en-US')} users, groups of ${result.groupSizes.map((size) => size.toLocaleString('en-US')).join(', ')} members; ${database.preparation} (${database.seedSeconds} s); first start ${database.firstStartMs} ms.`,
      '',
      ...HEADER,
      ...database.rows.map((row) => `| ${tableRow(row)} |`),
    );
    if (database.errors.length > 0)
      lines.push('', ...database.errors.map((error) => `- **harness/server error**: ${error.replaceAll('\n', ' ')}`));
  }
  return lines.join('\n');
}

/** Replaces the text between the markers of docs/performance.md with the run's report. */
export function writeDocsReport(file: string, report: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(RESULTS_START);
  const end = text.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${RESULTS_START} … ${RESULTS_END} markers.`);
  writeFileSync(file, `${text.slice(0, start + RESULTS_START.length)}\n${report}\n${text.slice(end)}`);
}
