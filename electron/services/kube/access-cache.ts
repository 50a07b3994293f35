import type { AccessCheck } from '../../shared/contract';
import type { AccessAnswer } from './kube-cluster';

export interface AccessCacheOptions {
  /** How long an answer is reused: long enough for a menu opened twice, short enough for an RBAC change. */
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now?: () => number;
}

const DEFAULTS: AccessCacheOptions = { ttlMs: 30_000, maxEntries: 2_000 };

/**
 * SelfSubjectAccessReview answers, briefly: opening a pod's menu asks four questions, and opening it
 * again should not ask them again. A question in flight is shared by whoever asks it meanwhile.
 */
export class AccessCache {
  private readonly entries = new Map<string, { at: number; answer: Promise<AccessAnswer> }>();

  constructor(private readonly options: AccessCacheOptions = DEFAULTS) {}

  get(
    clusterId: string,
    namespace: string,
    check: AccessCheck,
    ask: () => Promise<AccessAnswer>,
  ): Promise<AccessAnswer> {
    const now = (this.options.now ?? Date.now)();
    const key = JSON.stringify([
      clusterId,
      namespace,
      check.verb,
      check.resource,
      check.subresource ?? '',
      check.group ?? '',
    ]);
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.options.ttlMs) return hit.answer;
    const answer = ask();
    this.entries.delete(key);
    this.entries.set(key, { at: now, answer });
    // A failed question is not an answer: the next ask tries again.
    answer.catch(() => {
      if (this.entries.get(key)?.answer === answer) this.entries.delete(key);
    });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return answer;
  }

  /** Forget a cluster's answers (it reconnected, perhaps as another user). */
  forget(clusterId: string): void {
    for (const key of this.entries.keys())
      if (key.startsWith(JSON.stringify([clusterId]).slice(0, -1))) this.entries.delete(key);
  }
}
