import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { FileChange, FileChangeKind } from '../../../electron/shared/contract';
import type { AppError } from '../../../electron/shared/errors';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';

const ROW_HEIGHT = 26;
const KINDS: readonly FileChangeKind[] = ['added', 'modified', 'deleted'];
const LETTER: Record<FileChangeKind, string> = { added: 'A', modified: 'M', deleted: 'D' };
const KIND_ORDER: Record<FileChangeKind, number> = { added: 0, modified: 1, deleted: 2 };

type Filter = 'all' | FileChangeKind;
type Order = 'path' | 'kind';

interface ChangesViewProps {
  readonly changes: { readonly list: readonly FileChange[]; readonly total: number } | undefined;
  readonly loading: boolean;
  readonly error: AppError | undefined;
  readonly onOpen: (change: FileChange) => void;
  readonly onRefresh: () => void;
}

/**
 * What the container changed against its image (`docker diff`): counted per kind, filtered by kind,
 * sorted by path or kind; a click opens the path in the browser.
 */
export function ChangesView({ changes, loading, error, onOpen, onRefresh }: ChangesViewProps) {
  const [filter, setFilter] = useState<Filter>('all');
  const [order, setOrder] = useState<Order>('path');
  const scrollRef = useRef<HTMLDivElement>(null);
  const counts = useMemo(() => {
    const out: Record<FileChangeKind, number> = { added: 0, modified: 0, deleted: 0 };
    for (const change of changes?.list ?? []) out[change.kind]++;
    return out;
  }, [changes]);
  const shown = useMemo(() => {
    const list = (changes?.list ?? []).filter((c) => filter === 'all' || c.kind === filter);
    // The core sends them sorted by path; by kind keeps path order inside each kind.
    return order === 'kind' ? [...list].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]) : list;
  }, [changes, filter, order]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only.
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  if (error && !changes) {
    return (
      <EmptyState
        kind="error"
        title="The changes could not be read"
        actions={
          <button type="button" className="button" onClick={onRefresh}>
            Try again
          </button>
        }
      >
        {error.message}
      </EmptyState>
    );
  }
  if (!changes) return <EmptyState kind="loading" busy title="Reading what changed…" />;

  const total = changes.list.length;
  return (
    <div className="files-changes" data-testid="files-changes" aria-busy={loading || undefined}>
      <div className="files-changes-bar">
        <div role="group" aria-label="Show changes of kind" className="files-chips">
          {(['all', ...KINDS] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className={`files-chip${filter === kind ? ' files-chip-on' : ''}`}
              aria-pressed={filter === kind}
              onClick={() => setFilter(kind)}
              data-testid={`changes-${kind}`}
            >
              {kind === 'all' ? 'All' : kind[0]!.toUpperCase() + kind.slice(1)}{' '}
              <span className="files-count">{kind === 'all' ? total : counts[kind]}</span>
            </button>
          ))}
        </div>
        <label className="files-order">
          Sort by{' '}
          <select className="input" value={order} onChange={(event) => setOrder(event.target.value as Order)}>
            <option value="path">path</option>
            <option value="kind">kind</option>
          </select>
        </label>
        <button type="button" className="button button-quiet" onClick={onRefresh} disabled={loading}>
          Refresh
        </button>
      </div>
      {error ? (
        <Banner tone="danger" title="The changes could not be read again">
          {error.message}
        </Banner>
      ) : null}
      {changes.total > total ? (
        <Banner
          tone="warning"
          title={`Showing the first ${total.toLocaleString()} of ${changes.total.toLocaleString()} changes`}
        >
          Open a folder in the browser to see the rest of what is in it.
        </Banner>
      ) : null}
      {total === 0 ? (
        <EmptyState kind="empty" title="Nothing changed">
          This container's filesystem is as its image made it (volumes and bind mounts are not counted).
        </EmptyState>
      ) : (
        <div ref={scrollRef} className="files-changes-scroll" role="list" aria-label="Changed paths">
          <div className="files-body" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((virtual) => {
              const change = shown[virtual.index];
              if (!change) return null;
              return (
                <div
                  key={`${change.kind}:${change.path}`}
                  role="listitem"
                  className="files-change"
                  style={{ transform: `translateY(${virtual.start}px)` }}
                  data-testid="files-change"
                  data-kind={change.kind}
                >
                  <span className={`files-kind files-kind-${change.kind}`} title={change.kind}>
                    {LETTER[change.kind]}
                  </span>
                  <button
                    type="button"
                    className="files-change-path mono"
                    onClick={() => onOpen(change)}
                    title={
                      change.kind === 'deleted'
                        ? `Show the folder ${change.path} was in`
                        : `Show ${change.path}`
                    }
                  >
                    {change.path}
                  </button>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
