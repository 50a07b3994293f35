import { useRef } from 'react';
import type { FileEntry } from '../../../electron/shared/contract';
import { ConfirmActions, Dialog } from '../../components/Dialog';

export interface ReplaceQuestion {
  readonly dir: string;
  readonly files: readonly File[];
  /** The entries of the folder that the upload would replace. */
  readonly existing: readonly FileEntry[];
}

interface ReplaceDialogProps {
  readonly question: ReplaceQuestion;
  /** replace: overwrite them; skip: upload only the others. */
  readonly onAnswer: (answer: 'replace' | 'skip') => void;
  readonly onCancel: () => void;
}

/** "Replace X?" before an upload overwrites anything: nothing in the container is lost by surprise. */
export function ReplaceDialog({ question, onAnswer, onCancel }: ReplaceDialogProps) {
  const keepRef = useRef<HTMLButtonElement>(null);
  const { existing, dir, files } = question;
  const folders = existing.filter((e) => e.type === 'dir');
  const others = files.length - existing.length;
  const title = existing.length === 1 ? `Replace ${existing[0]!.name}?` : `Replace ${existing.length} files?`;
  return (
    <Dialog
      title={title}
      onCancel={onCancel}
      initialFocus={keepRef}
      testId="files-replace"
      actions={
        <ConfirmActions
          onCancel={onCancel}
          onConfirm={() => onAnswer('replace')}
          tone="danger"
          alternative={
            <button type="button" ref={keepRef} className="button" onClick={() => onAnswer('skip')}>
              {others > 0 ? `Keep existing, upload the other ${others}` : 'Keep existing'}
            </button>
          }
        >
          Replace
        </ConfirmActions>
      }
    >
      <p>
        {existing.length === 1
          ? 'A file with this name already exists'
          : 'Files with these names already exist'}{' '}
        in <span className="mono">{dir}</span>; replacing overwrites {existing.length === 1 ? 'it' : 'them'}{' '}
        in the container.
      </p>
      <ul className="files-replace-list mono">
        {existing.map((entry) => (
          <li key={entry.name}>{entry.name}</li>
        ))}
      </ul>
      {folders.length > 0 ? (
        <p>
          {folders.map((f) => f.name).join(', ')} {folders.length === 1 ? 'is a folder' : 'are folders'}: a
          file cannot replace {folders.length === 1 ? 'it' : 'them'}, so{' '}
          {folders.length === 1 ? 'it stays' : 'they stay'}.
        </p>
      ) : null}
    </Dialog>
  );
}
