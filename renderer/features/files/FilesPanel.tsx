import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import type { FileEntry } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import { Banner } from '../../components/Banner';
import type { DetailTabProps } from '../details/detail-tabs';
import { BrowseBody } from './BrowseBody';
import { ChangesView } from './ChangesView';
import { DEFAULT_ENTRY_SORT, nextSort, sortEntries, type EntrySort } from './entry-sort';
import { FilesBrowser } from './files-browser';
import { PathBar } from './PathBar';
import { join } from './paths';
import { ReplaceDialog, type ReplaceQuestion } from './ReplaceDialog';
import { TransferStrip } from './TransferStrip';
import { transfersFor, type Transfer } from './transfers-store';
import './files.css';

const NO_TRANSFERS: readonly Transfer[] = [];
const noStore = { subscribe: () => () => undefined, getSnapshot: () => NO_TRANSFERS };

/** Whether a drag carries files from the desktop (not text or a link dragged inside the page). */
const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

/**
 * A container's filesystem, read through the archive API (no shell needed, running or stopped):
 * browse, download files and folders, upload by picking or dropping files, and see what changed
 * against the image.
 */
export function FilesPanel({ row }: DetailTabProps) {
  const client = useClient();
  const target = useMemo(
    () => ({ connectionId: row.connectionId, containerId: row.id }),
    [row.connectionId, row.id],
  );
  const [browser] = useState(() => new FilesBrowser(target));
  const snap = useSyncExternalStore(browser.subscribe, browser.getSnapshot);
  const transfers = client ? transfersFor(client) : undefined;
  const allTransfers = useSyncExternalStore(
    transfers?.subscribe ?? noStore.subscribe,
    transfers?.getSnapshot ?? noStore.getSnapshot,
  );
  const key = `${row.connectionId}/${row.id}`;
  const mine = useMemo(() => allTransfers.filter((t) => t.key === key), [allTransfers, key]);
  const [sort, setSort] = useState<EntrySort>(DEFAULT_ENTRY_SORT);
  const [ask, setAsk] = useState<ReplaceQuestion | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => browser.attach(client), [browser, client]);

  const listing = snap.listing;
  const entries = useMemo(() => (listing ? sortEntries(listing.entries, sort) : []), [listing, sort]);
  const ready = listing !== undefined && !snap.loading && !snap.error;

  const runUpload = async (
    dir: string,
    files: readonly File[],
    replace: ReadonlySet<string>,
  ): Promise<void> => {
    if (!transfers || files.length === 0) return;
    await transfers.upload({ ...target, dir, files, replace });
    if (browser.getSnapshot().path === dir) void browser.refresh();
  };

  const upload = (files: readonly File[]): void => {
    setRefusal(undefined);
    if (!listing || files.length === 0) return;
    const byName = new Map(listing.entries.map((e) => [e.name, e]));
    const existing = files.flatMap((f) => byName.get(f.name) ?? []);
    if (existing.length > 0) setAsk({ dir: listing.path, files, existing });
    else void runUpload(listing.path, files, new Set());
  };

  const answer = (question: ReplaceQuestion, choice: 'replace' | 'skip'): void => {
    setAsk(undefined);
    const folders = new Set(question.existing.filter((e) => e.type === 'dir').map((e) => e.name));
    const existing = new Set(question.existing.map((e) => e.name));
    const files =
      choice === 'replace'
        ? question.files.filter((f) => !folders.has(f.name))
        : question.files.filter((f) => !existing.has(f.name));
    void runUpload(question.dir, files, choice === 'replace' ? existing : new Set());
  };

  const download = async (entry: FileEntry | undefined): Promise<void> => {
    if (!transfers || !listing) return;
    const path = entry ? join(listing.path, entry.name) : listing.path;
    const name =
      entry?.name ??
      (listing.path === '/' ? `${row.name}-root` : listing.path.slice(listing.path.lastIndexOf('/') + 1));
    let folder = entry ? entry.type === 'dir' : true;
    if (entry?.type === 'symlink' && client) {
      // Where a link leads decides the name to save under; asking is quick enough to keep the click's permission.
      const stat = await client.call('files.stat', { ...target, path }).catch(() => undefined);
      folder = stat?.targetType === 'dir';
    }
    await transfers.download({ ...target, path, name: folder ? `${name}.tar` : name, folder });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    const items = [...event.dataTransfer.items];
    const folders = items
      .filter((item) => item.webkitGetAsEntry?.()?.isDirectory)
      .map((item) => item.getAsFile()?.name);
    const files = [...event.dataTransfer.files].filter((file) => !folders.includes(file.name));
    if (folders.length > 0) {
      setRefusal(
        `${folders.join(', ')}: folders cannot be dropped, only files. Drop the files inside, or download a .tar of it and unpack it in a terminal.`,
      );
    }
    if (ready) upload(files);
  };

  return (
    <div
      className={`files-panel${dragging ? ' files-dragging' : ''}`}
      data-testid="files-panel"
      onDragOver={(event) => {
        if (!carriesFiles(event) || !ready) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="files-toolbar">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void browser.up()}
          disabled={snap.path === '/' || snap.view !== 'browse'}
          aria-label="Up one folder"
          title="Up one folder"
        >
          ↑
        </button>
        <PathBar
          path={snap.path}
          target={listing?.path === snap.path ? listing.target : undefined}
          onOpen={(p) => void browser.open(p)}
        />
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void browser.refresh()}
          disabled={snap.loading}
        >
          Refresh
        </button>
        <button
          type="button"
          className="button"
          onClick={() => fileInput.current?.click()}
          disabled={!ready || snap.view !== 'browse'}
          title={ready ? `Upload files into ${snap.path} (or drop them here)` : undefined}
        >
          Upload
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="files-upload-input"
          onChange={(event) => {
            upload([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <button
          type="button"
          className={`button${snap.view === 'changes' ? ' button-primary' : ''}`}
          aria-pressed={snap.view === 'changes'}
          onClick={() => void browser.showChanges(snap.view !== 'changes')}
          data-testid="files-changes-toggle"
        >
          Changes{snap.changes ? ` (${snap.changes.total})` : ''}
        </button>
      </div>
      {refusal ? (
        <Banner tone="warning" title="Some of what was dropped was not uploaded">
          {refusal}
        </Banner>
      ) : null}
      {snap.view === 'changes' ? (
        <ChangesView
          changes={snap.changes}
          loading={snap.changesLoading}
          error={snap.changesError}
          onOpen={(change) => void browser.openChanged(change)}
          onRefresh={() => void browser.loadChanges()}
        />
      ) : (
        <BrowseBody
          snap={snap}
          entries={entries}
          sort={sort}
          onSort={(column) => setSort(nextSort(sort, column))}
          selected={snap.selected}
          onSelect={(name) => browser.select(name)}
          onOpen={(entry) => void browser.openEntry(entry)}
          onDownload={(entry) => void download(entry)}
          onDownloadFolder={() => void download(undefined)}
          onGo={(path) => void browser.open(path)}
          onRetry={() => void browser.refresh()}
          onUpload={() => fileInput.current?.click()}
        />
      )}
      {dragging ? (
        <div className="files-drop" aria-hidden="true">
          Drop files to upload them into <span className="mono">{snap.path}</span>
        </div>
      ) : null}
      {transfers ? <TransferStrip transfers={mine} store={transfers} /> : null}
      {ask ? (
        <ReplaceDialog
          question={ask}
          onAnswer={(choice) => answer(ask, choice)}
          onCancel={() => setAsk(undefined)}
        />
      ) : null}
    </div>
  );
}
