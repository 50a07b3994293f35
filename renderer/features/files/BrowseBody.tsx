import type { FileEntry } from '../../../electron/shared/contract';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import type { EntrySort, EntrySortColumn } from './entry-sort';
import { EntryList } from './EntryList';
import type { BrowserSnapshot } from './files-browser';
import { parent } from './paths';

interface BrowseBodyProps {
  readonly snap: BrowserSnapshot;
  /** The listing's entries, sorted. */
  readonly entries: readonly FileEntry[];
  readonly sort: EntrySort;
  readonly onSort: (column: EntrySortColumn) => void;
  readonly selected: string | undefined;
  readonly onSelect: (name: string) => void;
  readonly onOpen: (entry: FileEntry) => void;
  readonly onDownload: (entry: FileEntry) => void;
  readonly onDownloadFolder: () => void;
  readonly onGo: (path: string) => void;
  readonly onRetry: () => void;
  readonly onUpload: () => void;
}

function errorTitle(code: string, type: unknown): string {
  if (code === 'NOT_FOUND') return 'This folder does not exist';
  if (code === 'INVALID_ARGUMENT' && type === 'file') return 'This is a file, not a folder';
  if (code === 'UNAVAILABLE') return 'The engine cannot be reached';
  return 'The folder could not be read';
}

/** The browsing view: the listing, or what stands in its place (reading, empty, an error) and what to do. */
export function BrowseBody(props: BrowseBodyProps) {
  const { snap, entries } = props;
  const { listing, error, path } = snap;

  if (error && !snap.loading) {
    const up = parent(path);
    return (
      <EmptyState
        kind="error"
        title={errorTitle(error.code, error.details?.['type'])}
        actions={
          <>
            {path !== '/' ? (
              <button type="button" className="button" onClick={() => props.onGo(up)}>
                Open {up}
              </button>
            ) : null}
            <button type="button" className="button button-quiet" onClick={props.onRetry}>
              Try again
            </button>
          </>
        }
      >
        {error.message}
      </EmptyState>
    );
  }
  if (!listing) {
    return <EmptyState kind="loading" busy title={`Reading ${path}…`} />;
  }
  return (
    <div className="files-browse" aria-busy={snap.loading || undefined}>
      {snap.loading ? (
        <div className="files-loading" role="status">
          Reading {path}…
        </div>
      ) : null}
      {snap.notice ? <Banner tone="info" title={snap.notice} testId="files-notice" /> : null}
      {!listing.complete ? (
        <Banner
          tone="warning"
          title="This folder is large: the listing may be incomplete"
          testId="files-incomplete"
          actions={
            <button type="button" className="button" onClick={props.onDownloadFolder}>
              Download as .tar
            </button>
          }
        >
          {listing.message}
        </Banner>
      ) : null}
      {entries.length === 0 ? (
        <EmptyState
          kind="empty"
          title="This folder is empty"
          actions={
            <button type="button" className="button" onClick={props.onUpload}>
              Upload files here
            </button>
          }
        >
          Upload files into it, or drop them here.
        </EmptyState>
      ) : (
        <EntryList
          entries={entries}
          sort={props.sort}
          onSort={props.onSort}
          selected={props.selected}
          onSelect={props.onSelect}
          onOpen={props.onOpen}
          onDownload={props.onDownload}
        />
      )}
      <div className="files-status" role="status" data-testid="files-status">
        {entries.length.toLocaleString()} {entries.length === 1 ? 'entry' : 'entries'}
        {listing.target !== listing.path ? ` · ${listing.path} is a link to ${listing.target}` : ''}
      </div>
    </div>
  );
}
