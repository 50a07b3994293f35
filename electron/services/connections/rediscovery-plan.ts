import { sameTarget, type ConnectionSpec } from './spec';

/** How the live list turns into a fresh discovery's list, session by session. */
export interface RediscoveryPlan {
  /** Ids that are gone: their sessions close. */
  readonly remove: string[];
  /** Same id, another engine or another way in (the context was pointed elsewhere): a new session. */
  readonly replace: ConnectionSpec[];
  /** Same id and engine: the live session stays, with the new name or current flag. */
  readonly keep: ConnectionSpec[];
  /** New ids: new sessions. */
  readonly add: ConnectionSpec[];
}

/** Compares by id, then by target (sameTarget), so an unchanged engine never loses its live connection. */
export function planRediscovery(
  current: readonly ConnectionSpec[],
  next: readonly ConnectionSpec[],
): RediscoveryPlan {
  const before = new Map(current.map((spec) => [spec.id, spec]));
  const after = new Set(next.map((spec) => spec.id));
  const plan: RediscoveryPlan = { remove: [], replace: [], keep: [], add: [] };
  for (const spec of current) if (!after.has(spec.id)) plan.remove.push(spec.id);
  for (const spec of next) {
    const old = before.get(spec.id);
    if (!old) plan.add.push(spec);
    else if (sameTarget(old, spec)) plan.keep.push(spec);
    else plan.replace.push(spec);
  }
  return plan;
}
