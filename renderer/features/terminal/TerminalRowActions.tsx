import type { ContainerRow } from '../../../electron/shared/contract';
import type { TerminalTarget } from './open-request';
import { useTerminalsStore } from './useTerminals';
import './terminal-actions.css';

/**
 * A running container's terminal actions in its table row: a shell, the toolbox, and a form for the
 * rest (attach to PID 1, another user, a working directory). The store is read, never subscribed to:
 * the memoized rows do not re-render when a terminal changes.
 */
export function TerminalRowActions({ row }: { row: ContainerRow }) {
  const store = useTerminalsStore();
  const target: TerminalTarget = {
    connectionId: row.connectionId,
    containerId: row.id,
    containerName: row.name,
  };
  return (
    <div role="cell" className="term-row-cell" data-testid="terminal-row-actions">
      <button
        type="button"
        className="button term-row-button"
        aria-label={`Open a terminal in ${row.name}`}
        title={`Open a shell in ${row.name}`}
        onClick={() => store.open(target)}
      >
        Terminal
      </button>
      <button
        type="button"
        className="button term-row-button"
        aria-label={`Open the toolbox in ${row.name}`}
        title="A shell with network and process tools beside the container, for images without them"
        onClick={() => store.open(target, { mode: 'toolbox' })}
      >
        Toolbox
      </button>
      <button
        type="button"
        className="button term-row-button"
        aria-label={`More terminal options for ${row.name}`}
        title="Attach to PID 1, open as another user or in another directory"
        aria-haspopup="dialog"
        onClick={() => store.ask(target)}
      >
        …
      </button>
    </div>
  );
}
