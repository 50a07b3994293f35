import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../api/CoreContext';
import { EmptyState } from '../../components/EmptyState';
import type { DetailTabProps } from '../details/detail-tabs';
import { LogViewer, type LogQuery } from './log-viewer';
import { LogsView } from './LogsView';
import { DEFAULT_SETTINGS, type LogSettings } from './LogsToolbar';
import './logs.css';

const TAILS: Record<LogSettings['tail'], number | undefined> = {
  '100': 100,
  '1000': 1_000,
  '10000': 10_000,
  all: undefined,
};

/** What to open for these settings. */
export function queryFor(connectionId: string, containerId: string, settings: LogSettings): LogQuery {
  return {
    connectionId,
    containerId,
    tail: TAILS[settings.tail],
    since: settings.since,
    until: settings.until,
    stdout: settings.streams !== 'stderr',
    stderr: settings.streams !== 'stdout',
  };
}

/**
 * The Logs tab: the container's log, streamed and followed, with paging back, search and download.
 * One viewer per container and core connection; switching either (or closing the tab) closes the stream.
 */
export function LogsPanel({ row }: DetailTabProps) {
  const client = useClient();
  const [settings, setSettings] = useState<LogSettings>(DEFAULT_SETTINGS);
  // Constructing a viewer opens nothing; start() in the effect below does, and the cleanup closes it.
  const viewer = useMemo(
    () => (client ? new LogViewer(client) : undefined),
    // A new viewer for another container or a new core connection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, row.connectionId, row.id],
  );
  useEffect(() => () => viewer?.dispose(), [viewer]);

  const query = useMemo(
    () => queryFor(row.connectionId, row.id, settings),
    // Only what is read restarts the stream; how it is shown (timestamps, wrap) does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [row.connectionId, row.id, settings.tail, settings.since, settings.until, settings.streams],
  );
  useEffect(() => viewer?.start(query), [viewer, query]);

  if (!client || !viewer) {
    return (
      <div className="logs-panel">
        <EmptyState title="Waiting for the Bosun core…" kind="loading" busy>
          The log opens as soon as the connection to the core is back.
        </EmptyState>
      </div>
    );
  }
  return (
    <LogsView
      key={`${row.connectionId}/${row.id}`}
      viewer={viewer}
      client={client}
      row={row}
      query={query}
      settings={settings}
      onSettings={(change) => setSettings((current) => ({ ...current, ...change }))}
    />
  );
}
