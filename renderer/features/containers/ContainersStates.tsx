import type { Connection } from '../../../electron/shared/contract';
import { EmptyState } from '../../components/EmptyState';

export function Loading({ what }: { what: string }) {
  return <EmptyState kind="loading" busy title={what} />;
}

/** The core never answered (refused token, not running): the banner above says what to do. */
export function NotConnected() {
  return (
    <EmptyState kind="offline" title="Not connected to the Bosun core">
      <p>The message above says what happened and what to do.</p>
    </EmptyState>
  );
}

export function ReadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <EmptyState
      kind="error"
      title="The containers could not be read"
      actions={
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      }
    >
      <p>{message}</p>
    </EmptyState>
  );
}

/** No engine at all, or none reachable: how to get one. */
export function NoEngine({ known, onAdd }: { known: number; onAdd: () => void }) {
  return (
    <EmptyState
      kind="no-engine"
      title={known === 0 ? 'No container engine found' : 'No engine is reachable right now'}
      actions={
        <button type="button" className="button button-primary" onClick={onAdd}>
          Add connection
        </button>
      }
    >
      {known === 0 ? (
        <p>
          Bosun looked for a Docker socket, <code>DOCKER_HOST</code> and your docker contexts, and found none.
        </p>
      ) : (
        <p>The banners above say why each engine is unavailable; Bosun keeps retrying them.</p>
      )}
      <p>
        Start Docker (Docker Desktop, or <code>sudo systemctl start docker</code> on Linux), or add an engine
        by its endpoint, such as <code>unix:///var/run/docker.sock</code> or <code>tcp://host:2376</code>.
      </p>
    </EmptyState>
  );
}

/** Engines are connected and have no containers: say which, and how to start one. */
export function NoContainers({ connected }: { connected: readonly Connection[] }) {
  const names = connected.map((c) => c.name).join(', ');
  return (
    <EmptyState kind="empty" title="No containers yet">
      <p>
        {connected.length === 1 ? 'The engine ' : 'The engines '}
        <strong>{names}</strong> {connected.length === 1 ? 'is' : 'are'} connected and{' '}
        {connected.length === 1 ? 'has' : 'have'} no containers, running or stopped. Start one and it appears
        here at once:
      </p>
      <pre>docker run -d --name web -p 8080:80 nginx</pre>
    </EmptyState>
  );
}

export function NoMatch({ query, onClear }: { query: string; onClear: () => void }) {
  return (
    <EmptyState
      kind="no-match"
      title={`No container matches “${query.trim()}”`}
      actions={
        <button type="button" className="button" onClick={onClear}>
          Clear filter
        </button>
      }
    >
      <p>The filter looks at names, images, states, status, ports, projects, engines and id prefixes.</p>
    </EmptyState>
  );
}
