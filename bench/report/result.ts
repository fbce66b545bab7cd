/**
 * The JSON result of a run: `bench/results/<ISO date>-<mode>.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseResult } from '../core/database-run.js';
import type { LoadSnapshot, MachineFacts } from '../core/machine.js';
import { REPO_ROOT } from '../core/processes.js';
import type { Mode } from '../core/types.js';
import type { ProfileSummary } from './cpu-profile.js';

export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

export interface BenchResult {
  /** Bumped when the shape of this file changes. */
  format: 1;
  mode: Mode;
  startedAt: string;
  totalSeconds: number;
  machine: MachineFacts;
  loadBefore: LoadSnapshot;
  loadAfter: LoadSnapshot;
  users: number;
  groupSizes: number[];
  durationSeconds: number;
  pairs: number;
  scenarios: string[];
  baselineBytes: number;
  databases: DatabaseResult[];
  profiles: ProfileSummary[];
  /** Whether every row passed and nothing crashed. */
  ok: boolean;
}

export function writeResult(result: BenchResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = result.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const file = join(RESULTS_DIR, `${stamp}-${result.mode}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
