import type { ContainerState, LifecycleAction } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import type { ContainerItem } from './containers-store';
import type { BulkAction } from './lifecycle-actions';

/** One container an action is for. */
export interface Target {
  /** `${connectionId}/${id}` */
  readonly key: string;
  readonly connectionId: string;
  readonly id: string;
  readonly name: string;
}

export function targetOf(item: ContainerItem): Target {
  return { key: item.key, connectionId: item.row.connectionId, id: item.row.id, name: item.row.name };
}

export type BulkRequest =
  | {
      readonly kind: 'act';
      readonly action: LifecycleAction;
      readonly signal?: string;
      readonly timeoutSeconds?: number;
    }
  | { readonly kind: 'remove'; readonly force: boolean; readonly removeVolumes: boolean };

export interface BulkItem {
  readonly key: string;
  readonly name: string;
  readonly ok: boolean;
  readonly message: string;
  readonly code?: string;
}

export interface BulkReport {
  readonly action: BulkAction;
  /** What was asked, for the heading ("Kill with SIGHUP"). */
  readonly title: string;
  readonly total: number;
  /** Results so far, in the order they came. */
  readonly items: readonly BulkItem[];
  /** Selected containers the action does not apply to (Stop on a stopped one), left alone. */
  readonly skipped: number;
  readonly finished: boolean;
}

/** A question to ask before acting: which signal, or what a removal loses. */
export interface BulkDialog {
  readonly kind: 'kill' | 'remove';
  readonly targets: readonly Target[];
}

/** A row's open action menu, anchored under the button that opened it. */
export interface RowMenu {
  readonly target: Target;
  readonly state: ContainerState;
  readonly opener: HTMLElement;
}

export interface BulkSnapshot {
  /** The action running or last run; undefined once dismissed. */
  readonly report: BulkReport | undefined;
  readonly dialog: BulkDialog | undefined;
  readonly menu: RowMenu | undefined;
}

/** Containers acted on at once: enough to be quick, few enough that progress means something. */
const AT_ONCE = 4;

function titleOf(action: BulkAction, request: BulkRequest): string {
  if (request.kind === 'remove') return request.removeVolumes ? 'Remove with anonymous volumes' : 'Remove';
  if (request.action === 'kill' && request.signal) return `Kill with ${request.signal}`;
  return action.charAt(0).toUpperCase() + action.slice(1);
}

/**
 * Bulk lifecycle actions: runs one action over many containers, one call per container so progress is
 * real ("Stopping 3 of 5…"), and keeps every container's result until dismissed. Also holds the dialog
 * (Kill's signal, Remove's confirmation) that rows and the bar open.
 */
export class BulkStore extends ExternalStore<BulkSnapshot> {
  constructor() {
    super({ report: undefined, dialog: undefined, menu: undefined });
  }

  get running(): boolean {
    const report = this.getSnapshot().report;
    return report !== undefined && !report.finished;
  }

  ask(kind: BulkDialog['kind'], targets: readonly Target[]): void {
    if (targets.length > 0) this.set({ ...this.getSnapshot(), dialog: { kind, targets }, menu: undefined });
  }

  openMenu(menu: RowMenu): void {
    this.set({ ...this.getSnapshot(), menu });
  }

  closeMenu(): void {
    if (this.getSnapshot().menu) this.set({ ...this.getSnapshot(), menu: undefined });
  }

  closeDialog(): void {
    this.set({ ...this.getSnapshot(), dialog: undefined });
  }

  dismiss(): void {
    if (!this.running) this.set({ ...this.getSnapshot(), report: undefined });
  }

  /** Runs `request` on `targets`; resolves when every container has its result. One run at a time. */
  async run(
    client: BosunClient,
    request: BulkRequest,
    targets: readonly Target[],
    skipped = 0,
  ): Promise<void> {
    if (this.running || targets.length === 0) return;
    const action: BulkAction = request.kind === 'remove' ? 'remove' : request.action;
    let report: BulkReport = {
      action,
      title: titleOf(action, request),
      total: targets.length,
      items: [],
      skipped,
      finished: false,
    };
    this.set({ ...this.getSnapshot(), report });
    const add = (item: BulkItem): void => {
      report = { ...report, items: [...report.items, item] };
      this.set({ ...this.getSnapshot(), report });
    };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < targets.length) {
        const target = targets[next++]!;
        add(await this.one(client, request, target));
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, targets.length) }, worker));
    report = { ...report, finished: true };
    this.set({ ...this.getSnapshot(), report });
  }

  private async one(client: BosunClient, request: BulkRequest, target: Target): Promise<BulkItem> {
    const base = { connectionId: target.connectionId, ids: [target.id] };
    try {
      const { results } =
        request.kind === 'remove'
          ? await client.call('containers.remove', {
              ...base,
              force: request.force,
              removeVolumes: request.removeVolumes,
            })
          : await client.call('containers.act', {
              ...base,
              action: request.action,
              ...(request.signal ? { signal: request.signal } : {}),
              ...(request.timeoutSeconds !== undefined ? { timeoutSeconds: request.timeoutSeconds } : {}),
            });
      const result = results[0];
      if (!result)
        return { key: target.key, name: target.name, ok: false, message: 'The core gave no result.' };
      return {
        key: target.key,
        name: target.name,
        ok: result.ok,
        message: result.message,
        ...(result.code ? { code: result.code } : {}),
      };
    } catch (error) {
      // The whole call failed (engine not connected, core gone): this container was not acted on.
      const message = isAppError(error) ? error.message : 'The call failed.';
      const code = isAppError(error) ? error.code : 'INTERNAL';
      return { key: target.key, name: target.name, ok: false, message, code };
    }
  }
}
