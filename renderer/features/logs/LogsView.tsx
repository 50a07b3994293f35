import { useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { ContainerRow } from '../../../electron/shared/contract';
import type { BosunClient } from '../../api/client';
import { FullLineDialog } from './FullLineDialog';
import type { LogEntry } from './line-ring';
import type { LogQuery, LogViewer } from './log-viewer';
import { LogList, type LogListHandle } from './LogList';
import { LogSearchBar } from './LogSearchBar';
import { LogStrips } from './LogStrips';
import { LogsToolbar, type LogSettings } from './LogsToolbar';
import { useLogDownload } from './useLogDownload';

interface LogsViewProps {
  readonly viewer: LogViewer;
  readonly client: BosunClient;
  readonly row: ContainerRow;
  readonly query: LogQuery;
  readonly settings: LogSettings;
  readonly onSettings: (change: Partial<LogSettings>) => void;
}

/** The viewer's snapshot on screen: toolbar, search, strips, the lines, and what floats over them. */
export function LogsView({ viewer, client, row, query, settings, onSettings }: LogsViewProps) {
  const snapshot = useSyncExternalStore(viewer.subscribe, viewer.getSnapshot);
  const search = useSyncExternalStore(viewer.search.subscribe, viewer.search.getSnapshot);
  const listRef = useRef<LogListHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [followWanted, setFollowWanted] = useState(true);
  const [pausedAt, setPausedAt] = useState<number | undefined>();
  const [fullLine, setFullLine] = useState<LogEntry | undefined>();
  const download = useLogDownload(client, row.name);

  // Newer lines were let go for earlier ones: there is no end to follow until the stream is reopened.
  const followBlocked = snapshot.droppedNewest
    ? 'Newer lines were let go: go back to the latest lines to follow again'
    : undefined;
  const follow = followWanted && !followBlocked;
  const setFollow = (next: boolean): void => {
    setFollowWanted(next);
    setPausedAt(next ? undefined : (viewer.ring.last()?.id ?? -1));
  };
  const unseen =
    !follow && pausedAt !== undefined ? Math.max(0, (viewer.ring.last()?.id ?? 0) - pausedAt) : 0;

  const resume = (): void => {
    setFollow(true);
    viewer.resume();
  };
  const restart = (): void => {
    setFollow(true);
    viewer.restart();
  };
  const step = (direction: 'next' | 'previous'): void => {
    const from = listRef.current?.topId();
    const match = direction === 'next' ? viewer.search.next(from) : viewer.search.previous(from);
    if (!match) return;
    setFollow(false);
    listRef.current?.reveal(match.lineId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    } else if (event.key === 'F3') {
      event.preventDefault();
      step(event.shiftKey ? 'previous' : 'next');
    }
  };

  const empty = snapshot.count === 0 && (snapshot.phase === 'streaming' || snapshot.phase === 'ended');
  return (
    <div
      className="logs-panel"
      data-testid="logs-panel"
      data-phase={snapshot.phase}
      data-tty={snapshot.tty}
      onKeyDown={onKeyDown}
    >
      <LogsToolbar
        settings={settings}
        onChange={(change) => {
          if ('tail' in change || 'since' in change || 'until' in change || 'streams' in change)
            setFollow(true);
          onSettings(change);
        }}
        follow={follow}
        followBlocked={
          settings.until !== undefined ? 'An end time is set: there is nothing to follow' : followBlocked
        }
        onFollow={(next) => {
          setFollow(next);
          if (next) listRef.current?.toEnd();
        }}
        onDownload={() =>
          void download.start(
            {
              connectionId: query.connectionId,
              containerId: query.containerId,
              stdout: query.stdout,
              stderr: query.stderr,
              ...(query.since !== undefined ? { since: query.since } : {}),
              ...(query.until !== undefined ? { until: query.until } : {}),
            },
            settings.timestamps,
          )
        }
        downloading={download.state?.phase === 'running'}
      />
      <LogSearchBar
        search={search}
        inputRef={searchRef}
        onQuery={(text, options) => viewer.search.setQuery(text, options)}
        onNext={() => step('next')}
        onPrevious={() => step('previous')}
      />
      <LogStrips
        snapshot={snapshot}
        maxLines={viewer.ring.limits.maxLines}
        untilText={settings.untilText}
        streamsFiltered={settings.streams !== 'both'}
        download={download.state}
        onRestart={restart}
        onResume={resume}
        onRetryPage={() => void viewer.loadEarlier()}
        onCancelDownload={download.cancel}
        onDismissDownload={download.dismiss}
      />
      <div className="log-top">
        {snapshot.count === 0 ? null : snapshot.atStart ? (
          <span className="log-top-note">Start of the log{query.since ? ' (within since)' : ''}</span>
        ) : (
          <button
            type="button"
            className="button button-quiet log-earlier"
            disabled={snapshot.paging}
            onClick={() => void viewer.loadEarlier()}
          >
            {snapshot.paging ? 'Loading earlier lines…' : 'Load earlier lines'}
          </button>
        )}
        <span className="log-count" data-testid="log-count">
          {snapshot.phase === 'opening' ? 'Opening…' : `${snapshot.count.toLocaleString()} lines`}
        </span>
      </div>
      <div className="log-stage">
        <LogList
          handle={listRef}
          ring={viewer.ring}
          version={snapshot.version}
          parsed={viewer.parsed}
          wrap={settings.wrap}
          timestamps={settings.timestamps}
          follow={follow}
          search={search}
          onFollowChange={(next) => {
            if (next !== follow && !(next && followBlocked)) setFollow(next);
          }}
          onNearTop={() => void viewer.loadEarlier()}
          onShowFull={setFullLine}
        />
        {empty ? (
          <div className="log-empty" data-testid="log-empty">
            {snapshot.phase === 'streaming'
              ? 'No log lines yet. New lines appear here as the container writes them.'
              : 'No log lines in this range.'}
          </div>
        ) : null}
        {unseen > 0 ? (
          <button
            type="button"
            className="log-pill"
            data-testid="log-new-lines"
            onClick={() => {
              setFollow(true);
              listRef.current?.toEnd();
            }}
          >
            {unseen.toLocaleString()} new {unseen === 1 ? 'line' : 'lines'} below ↓
          </button>
        ) : null}
      </div>
      {fullLine ? <FullLineDialog entry={fullLine} onClose={() => setFullLine(undefined)} /> : null}
    </div>
  );
}
