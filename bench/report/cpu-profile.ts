/**
 * A small reader of V8 `.cpuprofile` files (what `node --cpu-prof` writes): the functions with the
 * most self time and the most total time (self plus callees, each sample counted once per
 * function however deep the recursion), and self time by area (a package, a folder of dist/,
 * Node's internals), with the file and line of each function.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { REPO_ROOT } from '../core/processes.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ProfileEntry {
  name: string;
  where: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  /** Sampled time that was not idle. */
  busyMs: number;
  bySelf: ProfileEntry[];
  byTotal: ProfileEntry[];
  byArea: ProfileEntry[];
}

const IDLE = '(idle)';

function where(url: string, line: number): string {
  if (url === '') return '(native)';
  const root = `file://${REPO_ROOT}`;
  const modules = url.lastIndexOf('/node_modules/');
  const path = url.startsWith(root)
    ? url.slice(root.length)
    : modules >= 0
      ? url.slice(modules + 1)
      : url.replace(/^file:\/\//, '');
  return `${path}:${line + 1}`;
}

function areaOf(url: string): string {
  if (url === '') return '(native, GC and V8)';
  if (url.startsWith('node:')) return 'node: internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1] !== undefined) return modules[1];
  const dist = /\/dist\/([^/]+)/.exec(url);
  if (dist?.[1] !== undefined) return `dist/${dist[1]}`;
  return 'other';
}

function top(
  totals: Map<string, number>,
  labels: Map<string, [string, string]>,
  msPerSample: number,
  busy: number,
  count: number,
): ProfileEntry[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, samples]) => {
      const [name, at] = labels.get(key) ?? [key, ''];
      return {
        name,
        where: at,
        ms: Math.round(samples * msPerSample),
        percent: busy > 0 ? Math.round((samples / busy) * 1000) / 10 : 0,
      };
    });
}

export function summarizeProfile(file: string, count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const labels = new Map<string, [string, string]>();
  const keyOf = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName === '' ? '(anonymous)' : functionName;
    const key = `${name}@${url}:${lineNumber}`;
    if (!labels.has(key)) labels.set(key, [name, where(url, lineNumber)]);
    return key;
  };
  const stackKeys = new Map<number, string[]>();
  const stackOf = (id: number): string[] => {
    const known = stackKeys.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const parentId = parent.get(id);
    const above = parentId === undefined ? [] : stackOf(parentId);
    const keys = node === undefined ? above : [...new Set([...above, keyOf(node)])];
    stackKeys.set(id, keys);
    return keys;
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const area = new Map<string, number>();
  let idle = 0;
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (node === undefined) continue;
    if (node.callFrame.functionName === IDLE) {
      idle += 1;
      continue;
    }
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + 1);
    const areaName = areaOf(node.callFrame.url);
    area.set(areaName, (area.get(areaName) ?? 0) + 1);
    for (const stackKey of stackOf(id)) {
      if (stackKey.startsWith('(root)@')) continue;
      total.set(stackKey, (total.get(stackKey) ?? 0) + 1);
    }
  }
  const samples = profile.samples.length;
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = samples > 0 ? wallMs / samples : 0;
  const busy = samples - idle;
  for (const name of area.keys()) labels.set(name, [name, '']);
  return {
    file: relative(REPO_ROOT, file),
    wallMs: Math.round(wallMs),
    busyMs: Math.round(busy * msPerSample),
    bySelf: top(self, labels, msPerSample, busy, count),
    byTotal: top(total, labels, msPerSample, busy, count),
    byArea: top(area, labels, msPerSample, busy, count),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const table = (title: string, entries: ProfileEntry[]): string[] => [
    `  ${title} (% of busy time)`,
    ...entries.map(
      (entry) =>
        `    ${entry.percent.toFixed(1).padStart(5)}%  ${String(entry.ms).padStart(7)} ms  ${entry.name}  ${entry.where}`,
    ),
  ];
  return [
    `CPU profile ${summary.file}: ${summary.busyMs} ms busy of ${summary.wallMs} ms`,
    ...table('top functions by self time', summary.bySelf),
    ...table('top functions by total time (self + callees)', summary.byTotal),
    ...table('self time by area', summary.byArea),
  ].join('\n');
}
