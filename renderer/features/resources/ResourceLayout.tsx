import type { ReactNode } from 'react';
import type { AppError } from '../../../electron/shared/errors';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import type { ConnectionFailure } from './resource-list-store';
import './resources.css';

interface ToolbarProps {
  readonly title: string;
  /** The list's noun for the filter and the count ("image", "volume"). */
  readonly noun: string;
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly shown: number;
  readonly total: number | undefined;
  readonly reading: boolean;
  readonly onRefresh: () => void;
  /** Actions beside Refresh (Prune…, Measure sizes). */
  readonly actions?: ReactNode;
}

/** Title, filter as you type, count, and the list's actions: the same strip on every resource view. */
export function ResourceToolbar(props: ToolbarProps) {
  const { title, noun, query, onQuery, shown, total, reading, onRefresh, actions } = props;
  return (
    <header className="res-toolbar">
      <h1 className="res-title">{title}</h1>
      <input
        className="input res-filter"
        type="text"
        role="searchbox"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onQuery('')}
        placeholder={`Filter ${noun}s`}
        aria-label={`Filter ${noun}s`}
        spellCheck={false}
        autoComplete="off"
      />
      {total === undefined ? null : (
        <span className="res-count" aria-live="polite" data-testid="res-count">
          {query.trim() ? `${shown} of ${total}` : `${total} ${noun}${total === 1 ? '' : 's'}`}
        </span>
      )}
      <div className="res-actions">
        {actions}
        <button type="button" className="button" onClick={onRefresh} disabled={reading} aria-busy={reading}>
          {reading ? 'Reading…' : 'Refresh'}
        </button>
      </div>
    </header>
  );
}

/** Engines whose list could not be read: never a silent gap in the list. */
export function FailureBanners({
  failures,
  names,
  what,
  onRetry,
}: {
  readonly failures: readonly ConnectionFailure[];
  readonly names: ReadonlyMap<string, string>;
  readonly what: string;
  readonly onRetry: (connectionId: string) => void;
}) {
  if (failures.length === 0) return null;
  return (
    <div className="res-banners">
      {failures.map((failure) => (
        <Banner
          key={failure.connectionId}
          tone="warning"
          testId="res-failure"
          title={`The ${what} of ${names.get(failure.connectionId) ?? failure.connectionId} could not be read`}
          actions={
            <button type="button" className="button" onClick={() => onRetry(failure.connectionId)}>
              Try again
            </button>
          }
        >
          {failure.message}
        </Banner>
      ))}
    </div>
  );
}

/** Where the table would be when there is nothing to show yet: loading, failed, empty, no match. */
export function ListState({
  loaded,
  error,
  total,
  shown,
  what,
  onReload,
  onClear,
}: {
  readonly loaded: boolean;
  readonly error: AppError | undefined;
  readonly total: number;
  readonly shown: number;
  readonly what: string;
  readonly onReload: () => void;
  readonly onClear: () => void;
}): ReactNode {
  if (!loaded) return <EmptyState kind="loading" busy title={`Reading ${what}…`} />;
  if (error && total === 0)
    return (
      <EmptyState
        kind="error"
        title={`The ${what} could not be read`}
        actions={
          <button type="button" className="button" onClick={onReload}>
            Try again
          </button>
        }
      >
        {error.message}
      </EmptyState>
    );
  if (total === 0) return <EmptyState kind="empty" title={`No ${what} on the connected engines`} />;
  if (shown === 0)
    return (
      <EmptyState
        kind="no-match"
        title={`No ${what} match the filter`}
        actions={
          <button type="button" className="button" onClick={onClear}>
            Clear the filter
          </button>
        }
      />
    );
  return null;
}
