import type { ProgramEntry, ReloadMethod } from './knowledge/schema';

export type { ProgramEntry, ReloadMethod };

/** One program of the knowledge base found in a workload, and its main process when it was seen. */
export interface ProgramMatch {
  readonly entry: ProgramEntry;
  readonly process?: { readonly pid: number; readonly command: string };
  readonly confidence: 'process' | 'image' | 'port';
}

/** The knowledge base as guidance uses it (knowledge/index.ts; tests bring a small fixture). */
export interface Knowledge {
  findPrograms(input: {
    image: string;
    processes: readonly { pid: number; ppid?: number; command: string }[];
    ports: readonly number[];
  }): ProgramMatch[];
  describeReload(entry: ProgramEntry): string;
}
