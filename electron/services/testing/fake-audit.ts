import type { AuditEngine, ExecInfo } from '../audit/audit-engine';

/** Exec records from a map the test fills; an unknown exec is undefined, like one the engine forgot. */
export class FakeAudit implements AuditEngine {
  readonly execs = new Map<string, ExecInfo>();

  async exec(id: string): Promise<ExecInfo | undefined> {
    return this.execs.get(id);
  }
}
