import type { Connection } from '../../../electron/shared/contract';
import { useEffect, useRef, useState } from 'react';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionTest } from './ConnectionTest';
import { credentialNeed } from './CredentialDialog';
import { RemoveConnection } from './RemoveConnection';
import { ReviewHostKey } from './ReviewHostKey';
import { StatusDot } from './StatusDot';
import { UnlockConnection } from './UnlockConnection';

function detail(connection: Connection): string {
  const { status } = connection;
  if (status.credential && status.state !== 'connected') return `Needs ${credentialNeed(status.credential)}`;
  switch (status.state) {
    case 'connected':
      return status.engine ? `Docker ${status.engine.version}` : 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return `Reconnecting: ${status.reason ?? 'the connection was lost'}`;
    case 'unavailable':
      return status.reason ?? 'Unavailable';
  }
}

function tooltip(connection: Connection): string {
  const { engine } = connection.status;
  return [
    connection.name,
    connection.endpoint,
    connection.contextName ? `docker context: ${connection.contextName}` : '',
    engine ? `Docker ${engine.version} (API ${engine.apiVersion}), ${engine.os}/${engine.arch}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * One engine in the sidebar: its name, state and what it is; the endpoint shows on hover. Only what the
 * user added can be removed here: a discovered engine comes back from where it was found.
 */
export function ConnectionItem({ connection }: { connection: Connection }) {
  const { state, hostKey, credential } = connection.status;
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Focus comes back to "Edit" when the form closes, as it would after a dialog.
  useEffect(() => {
    if (!editing && wasEditing.current) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const text = detail(connection);
  if (editing)
    return (
      <li
        className="conn conn-editing"
        data-testid="connection-item"
        data-name={connection.name}
        data-state={state}
      >
        <ConnectionForm
          editing={connection}
          onDone={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  return (
    <li
      className={`conn conn-${state}`}
      title={tooltip(connection)}
      data-testid="connection-item"
      data-name={connection.name}
      data-state={state}
      data-connection={connection.id}
    >
      <div className="conn-line">
        <StatusDot state={state} />
        <span className="conn-name">{connection.name}</span>
        {connection.current ? (
          <span
            className="conn-current"
            title="The engine the docker CLI talks to (current context or DOCKER_HOST)"
          >
            current
          </span>
        ) : null}
      </div>
      <div className="conn-detail" data-testid="connection-detail">
        {text}
      </div>
      <div className="visually-hidden">{connection.endpoint}</div>
      <div className="conn-actions">
        {hostKey?.problem === 'unknown' ? <ReviewHostKey connection={connection} hostKey={hostKey} /> : null}
        {credential ? <UnlockConnection connection={connection} credential={credential} /> : null}
        <ConnectionTest connection={connection} />
        {connection.source === 'user' ? (
          <button
            ref={editRef}
            type="button"
            className="button button-quiet conn-action"
            aria-label={`Edit ${connection.name}`}
            title="Change its name, endpoint or files"
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
        ) : null}
      </div>
      {connection.source === 'user' ? <RemoveConnection connection={connection} /> : null}
    </li>
  );
}
