import { useCore } from '../../api/CoreContext';
import { useConnections } from './useConnections';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionItem } from './ConnectionItem';
import './connections.css';

interface ConnectionsSidebarProps {
  readonly adding: boolean;
  readonly onAddingChange: (adding: boolean) => void;
}

/** The engines Bosun knows, with their live status, and the way to add one. */
export function ConnectionsSidebar({ adding, onAddingChange }: ConnectionsSidebarProps) {
  const { connections, loaded, error } = useConnections();
  const { snapshot: core } = useCore();
  const offline = !core.client && core.phase !== 'connecting';
  return (
    <nav className="conns" aria-labelledby="conns-title">
      <div className="conns-head">
        <h2 id="conns-title" className="conns-title">
          Engines
        </h2>
        {!adding ? (
          <button
            type="button"
            className="button button-quiet conns-add"
            onClick={() => onAddingChange(true)}
            data-testid="add-connection"
          >
            + Add
          </button>
        ) : null}
      </div>
      {adding ? (
        <ConnectionForm onDone={() => onAddingChange(false)} onCancel={() => onAddingChange(false)} />
      ) : null}
      {error ? <p className="conns-note conns-error">{error.message}</p> : null}
      {loaded && connections.length === 0 ? (
        <p className="conns-note">No engines found on this machine.</p>
      ) : null}
      {!loaded ? (
        <p className="conns-note">{offline ? 'Not connected to the Bosun core.' : 'Looking for engines…'}</p>
      ) : null}
      <ul className="conns-list" aria-label="Engine connections" data-testid="connections-list">
        {connections.map((connection) => (
          <ConnectionItem key={connection.id} connection={connection} />
        ))}
      </ul>
    </nav>
  );
}
