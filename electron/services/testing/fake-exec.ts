import { Duplex, PassThrough } from 'node:stream';
import { AppError } from '../../shared/errors';
import type { ContainerFacts, ExecEngine, ExecSpec, TtyProcess } from '../containers/exec-engine';

/** One process of the fake: the test plays the program (writes output, reads input, exits). */
export class FakeProcess implements TtyProcess {
  readonly toProgram = new PassThrough();
  readonly fromProgram = new PassThrough();
  readonly stream: Duplex = Duplex.from({ readable: this.fromProgram, writable: this.toProgram });
  readonly sizes: [number, number][] = [];
  code: number | null = null;
  exitError: AppError | undefined;

  constructor(readonly spec: ExecSpec | { attach: true; writable: boolean }) {}

  output(bytes: string | Uint8Array): void {
    this.fromProgram.write(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
  }

  exit(code: number): void {
    this.code = code;
    this.fromProgram.end();
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.sizes.push([cols, rows]);
  }

  async exitCode(): Promise<number | null> {
    if (this.exitError) throw this.exitError;
    return this.code;
  }
}

/** An exec engine for unit tests: containers are facts in a map, processes are FakeProcesses. */
export class FakeExec implements ExecEngine {
  readonly containers = new Map<string, ContainerFacts>();
  readonly processes: FakeProcess[] = [];

  addContainer(id: string, overrides: Partial<ContainerFacts> = {}): ContainerFacts {
    const facts: ContainerFacts = {
      id,
      name: `c-${id.slice(0, 6)}`,
      running: true,
      paused: false,
      user: '',
      env: ['PATH=/usr/bin:/bin'],
      workingDir: '',
      image: 'local/busybox:1',
      tty: false,
      openStdin: false,
      labels: {},
      ...overrides,
    };
    this.containers.set(id, facts);
    return facts;
  }

  async inspectContainer(id: string): Promise<ContainerFacts> {
    const facts = this.containers.get(id);
    if (!facts) throw new AppError('NOT_FOUND', `Container ${id.slice(0, 12)} is gone.`);
    return facts;
  }

  async exec(id: string, spec: ExecSpec): Promise<TtyProcess> {
    const facts = await this.inspectContainer(id);
    if (!facts.running) throw new AppError('CONFLICT', `Container ${id.slice(0, 12)} is not running.`);
    const process = new FakeProcess(spec);
    this.processes.push(process);
    return process;
  }

  async attach(id: string, options: { writable: boolean; tty: boolean }): Promise<TtyProcess> {
    await this.inspectContainer(id);
    const process = new FakeProcess({ attach: true, writable: options.writable });
    this.processes.push(process);
    return process;
  }

  get last(): FakeProcess {
    const process = this.processes.at(-1);
    if (!process) throw new Error('no process was started');
    return process;
  }
}
