import { useState, type KeyboardEvent } from 'react';
import { crumbs } from './paths';

interface PathBarProps {
  readonly path: string;
  /** Where the folder really is when a link led to it ("/usr/bin" for "/bin"). */
  readonly target: string | undefined;
  readonly onOpen: (path: string) => void;
}

/**
 * The folder shown, as crumbs to click; "Edit" (or a click on the bar's empty space) turns it into a
 * field to type a path into: Enter opens it, Escape gives the crumbs back.
 */
export function PathBar({ path, target, onOpen }: PathBarProps) {
  const [editing, setEditing] = useState<string | undefined>(undefined);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' && editing !== undefined) {
      event.preventDefault();
      setEditing(undefined);
      onOpen(editing.trim() || '/');
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setEditing(undefined);
    }
  };

  if (editing !== undefined) {
    return (
      <div className="files-pathbar">
        <input
          className="input mono files-path-input"
          aria-label="Path in the container"
          data-testid="files-path-input"
          value={editing}
          spellCheck={false}
          autoFocus
          onChange={(event) => setEditing(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setEditing(undefined)}
        />
      </div>
    );
  }

  const parts = crumbs(path);
  return (
    <div
      className="files-pathbar"
      data-testid="files-path"
      data-path={path}
      onClick={(event) => event.target === event.currentTarget && setEditing(path)}
    >
      <nav aria-label="Folder path" className="files-crumbs mono">
        {parts.map((crumb, index) => (
          <span key={crumb.path} className="files-crumb">
            {index > 1 ? (
              <span className="files-crumb-sep" aria-hidden="true">
                /
              </span>
            ) : null}
            <button
              type="button"
              className="files-crumb-button"
              aria-current={index === parts.length - 1 ? 'location' : undefined}
              onClick={() => onOpen(crumb.path)}
            >
              {crumb.name}
            </button>
          </span>
        ))}
      </nav>
      {target && target !== path ? (
        <span className="files-link-note mono" title={`${path} is a link to ${target}`}>
          → {target}
        </span>
      ) : null}
      <button
        type="button"
        className="button button-quiet files-edit-path"
        onClick={() => setEditing(path)}
        title="Type a path (Enter to open)"
      >
        Edit
      </button>
    </div>
  );
}
