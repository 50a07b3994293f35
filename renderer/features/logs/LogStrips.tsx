import { Banner } from '../../components/Banner';
import type { ViewerSnapshot } from './log-viewer';

export type DownloadState =
  | { readonly phase: 'running'; readonly name: string; readonly lines: number }
  | { readonly phase: 'done'; readonly name: string; readonly lines: number }
  | { readonly phase: 'failed'; readonly name: string; readonly message: string };

interface LogStripsProps {
  readonly snapshot: ViewerSnapshot;
  readonly maxLines: number;
  readonly untilText: string;
  readonly streamsFiltered: boolean;
  readonly download: DownloadState | undefined;
  readonly onRestart: () => void;
  /** Follows on from the last line shown (after the stream was cut off). */
  readonly onResume: () => void;
  readonly onRetryPage: () => void;
  readonly onCancelDownload: () => void;
  readonly onDismissDownload: () => void;
}

/**
 * Everything the viewer has to say about what is (not) shown: a TTY, lines let go at either end, how
 * the stream ended, a page that failed, a download in progress. Never silent about what is missing.
 */
export function LogStrips(props: LogStripsProps) {
  const { snapshot, download } = props;
  const strips = [];
  if (snapshot.phase === 'failed' && snapshot.failure) {
    strips.push(
      <Banner
        key="failed"
        tone="danger"
        role="alert"
        testId="log-failure"
        title="The log could not be opened"
        actions={<RetryButton onClick={props.onRestart} />}
      >
        {snapshot.failure.message}
      </Banner>,
    );
  }
  if (snapshot.tty) {
    strips.push(
      <Banner key="tty" tone="info" testId="log-tty" title="This container has a TTY">
        Its output reaches the engine as one stream, so stderr cannot be told apart from stdout
        {props.streamsFiltered ? ' (filtering by stream shows everything or nothing)' : ''}.
      </Banner>,
    );
  }
  if (snapshot.droppedOldest && !snapshot.droppedNewest) {
    strips.push(
      <Banner
        key="oldest"
        tone="info"
        testId="log-dropped-oldest"
        title={`Showing the last ${props.maxLines.toLocaleString()} lines`}
      >
        Earlier lines can be loaded again by scrolling up.
      </Banner>,
    );
  }
  if (snapshot.droppedNewest) {
    strips.push(
      <Banner
        key="newest"
        tone="warning"
        testId="log-dropped-newest"
        title="Newer lines were let go to make room for earlier ones"
        actions={
          <button type="button" className="button" onClick={props.onRestart}>
            Back to the latest lines
          </button>
        }
      >
        At most {props.maxLines.toLocaleString()} lines are held at once; following stopped.
      </Banner>,
    );
  }
  if (snapshot.phase === 'ended' && snapshot.end) strips.push(endStrip(snapshot.end, props));
  if (snapshot.pageError) {
    strips.push(
      <Banner
        key="page"
        tone="warning"
        testId="log-page-error"
        title="Earlier lines could not be loaded"
        actions={<RetryButton onClick={props.onRetryPage} />}
      >
        {snapshot.pageError}
      </Banner>,
    );
  }
  if (download) strips.push(downloadStrip(download, props));
  return strips.length > 0 ? <div className="log-strips">{strips}</div> : null;
}

function RetryButton({ onClick }: { readonly onClick: () => void }) {
  return (
    <button type="button" className="button" onClick={onClick}>
      Retry
    </button>
  );
}

function endStrip(end: NonNullable<ViewerSnapshot['end']>, props: LogStripsProps) {
  const data = { 'data-reason': end.reason };
  switch (end.reason) {
    case 'complete':
      // The core explains a followed stream that ended (the container stopped); a bounded read says nothing.
      if (end.message !== '') {
        return (
          <Banner
            key="end"
            tone="info"
            testId="log-ended"
            data={data}
            title="The container stopped; logs end here"
          >
            {end.message}
          </Banner>
        );
      }
      return props.untilText ? (
        <Banner
          key="end"
          tone="info"
          testId="log-ended"
          data={data}
          title={`Lines up to ${props.untilText}`}
        />
      ) : null;
    case 'container-gone':
      return (
        <Banner key="end" tone="warning" testId="log-ended" data={data} title="The container is gone">
          {end.message} The lines already shown stay here.
        </Banner>
      );
    case 'engine-lost':
      return (
        <Banner
          key="end"
          tone="danger"
          testId="log-ended"
          data={data}
          title="The log stream was interrupted"
          actions={
            <button type="button" className="button" onClick={props.onResume}>
              Resume
            </button>
          }
        >
          {end.message} Resume follows on from the last line shown, without a gap or a repeat.
        </Banner>
      );
    case 'closed':
      return null;
  }
}

function downloadStrip(download: DownloadState, props: LogStripsProps) {
  switch (download.phase) {
    case 'running':
      return (
        <Banner
          key="download"
          tone="info"
          testId="log-download"
          data={{ 'data-phase': 'running' }}
          title={`Downloading ${download.name}…`}
          actions={
            <button type="button" className="button" onClick={props.onCancelDownload}>
              Cancel
            </button>
          }
        >
          {download.lines.toLocaleString()} lines written
        </Banner>
      );
    case 'done':
      return (
        <Banner
          key="download"
          tone="info"
          testId="log-download"
          data={{ 'data-phase': 'done' }}
          title={`Saved ${download.lines.toLocaleString()} lines to ${download.name}`}
          actions={<DismissButton onClick={props.onDismissDownload} />}
        />
      );
    case 'failed':
      return (
        <Banner
          key="download"
          tone="danger"
          testId="log-download"
          data={{ 'data-phase': 'failed' }}
          title={`${download.name} was not saved`}
          actions={<DismissButton onClick={props.onDismissDownload} />}
        >
          {download.message}
        </Banner>
      );
  }
}

function DismissButton({ onClick }: { readonly onClick: () => void }) {
  return (
    <button type="button" className="button button-quiet" aria-label="Dismiss" onClick={onClick}>
      ✕
    </button>
  );
}
