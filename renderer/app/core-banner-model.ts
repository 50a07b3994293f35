import type { CoreSnapshot } from '../api/core-connection';

export type CoreBannerReason = 'refused' | 'lost' | 'unreachable';

/** What the core banner says, worked out apart from the markup so the wording can be tested as state. */
export interface CoreBannerModel {
  readonly reason: CoreBannerReason;
  readonly title: string;
  /** The core's own words about what failed, when it gave any. */
  readonly detail: string | undefined;
  /** When the page tries again by itself: "Retrying in 4 s." or "Reconnecting now…"; none once refused. */
  readonly next: string | undefined;
}

const TITLES: Record<CoreBannerReason, string> = {
  refused: "Bosun refused this page's access token",
  lost: 'Lost the connection to the Bosun core',
  unreachable: 'Cannot reach the Bosun core',
};

/** The banner for a snapshot of the core link, or undefined when there is nothing to say. */
export function coreBannerModel(snapshot: CoreSnapshot, now: number): CoreBannerModel | undefined {
  const { phase, error, everConnected, retryAt, attempt } = snapshot;
  // The first attempt is the page loading, not a problem.
  if (phase === 'ready' || (phase === 'connecting' && attempt === 0)) return undefined;
  if (phase === 'refused') {
    return { reason: 'refused', title: TITLES.refused, detail: undefined, next: undefined };
  }
  const reason: CoreBannerReason = everConnected ? 'lost' : 'unreachable';
  const seconds = retryAt === undefined ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1_000));
  return {
    reason,
    title: TITLES[reason],
    detail: error?.message,
    next: phase === 'connecting' ? 'Reconnecting now…' : `Retrying in ${seconds} s.`,
  };
}
