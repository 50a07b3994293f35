import { useCallback, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import type { PruneResult } from '../../../electron/shared/contract';
import type { BosunClient } from '../../api/client';
import { useClient } from '../../api/CoreContext';
import { PruneDialog, type PruneOption } from './PruneDialog';
import { FailureBanners, ListState, ResourceToolbar } from './ResourceLayout';
import type { ListMethod, ResourceListStore, RowOf } from './resource-list-store';
import { useResourceList } from './ResourceStores';
import { ResourceTable, type RowParts } from './ResourceTable';
import { useEngines } from './useEngines';

/** One engine's prune as the dialog asks for it (networks have no "all" switch and ignore it). */
export type PruneCall = (
  client: BosunClient,
  request: { connectionId: string; dryRun: boolean; all: boolean },
  signal: AbortSignal,
) => Promise<PruneResult>;

/** What a remove dialog is given to refresh the list after the action and to close itself. */
export interface RemoveDialogHooks {
  readonly onDone: () => void;
  readonly onClose: () => void;
}

interface ResourceViewProps<M extends ListMethod> extends RowParts<RowOf<M>> {
  readonly store: ResourceListStore<M>;
  /** "Images": the heading and the section's accessible name. */
  readonly title: string;
  /** "image": the filter's and the count's noun; the test ids and messages use its plural. */
  readonly noun: 'image' | 'volume' | 'network';
  /** Stable (a module function): it reruns only when the rows or the query change. */
  readonly filter: (rows: readonly RowOf<M>[], query: string) => readonly RowOf<M>[];
  /** Toolbar actions before Prune… (Measure sizes). */
  readonly actions?: ReactNode;
  /** Banners under the engines' failures (sizes that could not be measured). */
  readonly banners?: ReactNode;
  readonly prune: PruneCall;
  readonly pruneOption?: PruneOption;
  readonly removeDialog: (row: RowOf<M>, hooks: RemoveDialogHooks) => ReactNode;
}

/**
 * The frame every resource view shares: toolbar with filter, count, Prune… and Refresh; the engines
 * whose list failed; the list's state or its table; the remove and prune dialogs. A view brings only
 * what is its own: columns, cells, details, dialogs.
 */
export function ResourceView<M extends ListMethod>(props: ResourceViewProps<M>) {
  const { store, title, noun, filter, actions, banners, prune, pruneOption, removeDialog, ...parts } = props;
  const client = useClient();
  const list = useResourceList(store);
  const { names, connected } = useEngines();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | undefined>();
  const [removing, setRemoving] = useState<RowOf<M> | undefined>();
  const [pruning, setPruning] = useState(false);
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => filter(list.rows, deferred), [filter, list.rows, deferred]);
  const what = `${noun}s`;

  const pruneOn = useCallback(
    (connectionId: string, dryRun: boolean, all: boolean, signal: AbortSignal) => {
      if (!client) return Promise.reject(new Error('Not connected to the Bosun core.'));
      return prune(client, { connectionId, dryRun, all }, signal);
    },
    [client, prune],
  );

  const state = ListState({
    loaded: list.loaded,
    error: list.error,
    total: list.rows.length,
    shown: shown.length,
    what,
    onReload: () => store.reload(),
    onClear: () => setQuery(''),
  });

  return (
    <section className="res-view" aria-label={title} data-testid={`${what}-view`}>
      <ResourceToolbar
        title={title}
        noun={noun}
        query={query}
        onQuery={setQuery}
        shown={shown.length}
        total={list.loaded ? list.rows.length : undefined}
        reading={list.reading}
        onRefresh={() => store.reload()}
        actions={
          <>
            {actions}
            <button
              type="button"
              className="button"
              onClick={() => setPruning(true)}
              disabled={connected.length === 0}
            >
              Prune…
            </button>
          </>
        }
      />
      <FailureBanners
        failures={list.failures}
        names={names}
        what={what}
        onRetry={(id) => store.refresh(id)}
      />
      {banners}
      <div className="res-content">
        {state ?? (
          <ResourceTable
            {...parts}
            noun={noun}
            rows={shown}
            names={names}
            open={open}
            onOpen={setOpen}
            onRemove={setRemoving}
          />
        )}
      </div>
      {removing
        ? removeDialog(removing, {
            onDone: () => store.refresh(removing.connectionId),
            onClose: () => setRemoving(undefined),
          })
        : null}
      {pruning ? (
        <PruneDialog
          what={what}
          engines={connected}
          option={pruneOption}
          prune={pruneOn}
          onDone={(id) => store.refresh(id)}
          onClose={() => setPruning(false)}
        />
      ) : null}
    </section>
  );
}
