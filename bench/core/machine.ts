/**
 * Facts about the machine and the code measured, recorded in every result: the machine is shared
 * with other engineers' tests, so the load averages before and after belong with the figures.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { REPO_ROOT } from './processes.js';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  kernel: string;
  node: string;
  gitCommit: string;
  /** Whether the working tree had uncommitted changes. */
  gitDirty: boolean;
  commandLine: string;
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

export function machineFacts(argv: string[]): MachineFacts {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    kernel: release(),
    node: process.version,
    gitCommit: run('git', ['rev-parse', 'HEAD']) || 'unknown',
    gitDirty: run('git', ['status', '--porcelain', '--untracked-files=no']) !== '',
    commandLine: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
  };
}

export interface LoadSnapshot {
  at: string;
  /** 1, 5 and 15 minute load averages. */
  loadAverage: number[];
  /** What `uptime` printed. */
  uptime: string;
}

export function loadSnapshot(): LoadSnapshot {
  return {
    at: new Date().toISOString(),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    uptime: run('uptime', []),
  };
}
