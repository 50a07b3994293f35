import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ContainerRow } from '../../../electron/shared/contract';

/** What every tab of the details pane receives: the container as the live list has it now. */
export interface DetailTabProps {
  readonly row: ContainerRow;
}

export interface DetailTab {
  /** Stable id, kept in the details store ("logs", "stats", …). */
  readonly id: string;
  readonly label: string;
  /** Loaded on first use: a tab's code (charts, JSON views) costs nothing until it is opened. */
  readonly component: LazyExoticComponent<ComponentType<DetailTabProps>>;
}

/**
 * The tabs of the details pane, in order. Each capability adds its own entry here; the pane knows none
 * of them.
 */
export const DETAIL_TABS: readonly DetailTab[] = [
  {
    id: 'logs',
    label: 'Logs',
    component: lazyTab(
      () => import('../logs/LogsPanel'),
      (m) => m.LogsPanel,
    ),
  },
  {
    id: 'stats',
    label: 'Stats',
    component: lazyTab(
      () => import('../stats/StatsPanel'),
      (m) => m.StatsPanel,
    ),
  },
  {
    id: 'inspect',
    label: 'Inspect',
    component: lazyTab(
      () => import('../inspect/InspectPanel'),
      (m) => m.InspectPanel,
    ),
  },
  {
    id: 'files',
    label: 'Files',
    component: lazyTab(
      () => import('../files/FilesPanel'),
      (m) => m.FilesPanel,
    ),
  },
  {
    id: 'reload',
    label: 'Reload',
    component: lazyTab(
      () => import('../guidance/ReloadPanel'),
      (m) => m.ReloadPanel,
    ),
  },
  {
    id: 'risks',
    label: 'Risks',
    component: lazyTab(
      () => import('../audit/RisksPanel'),
      (m) => m.RisksPanel,
    ),
  },
];

/** Wraps a module's named component for `lazy`, which wants a default export. */
export function lazyTab<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<DetailTabProps>,
): LazyExoticComponent<ComponentType<DetailTabProps>> {
  return lazy(async () => ({ default: pick(await load()) }));
}
