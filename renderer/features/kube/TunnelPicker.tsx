import { useState } from 'react';
import type { Cluster } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { useConnections } from '../connections/useConnections';

interface TunnelPickerProps {
  readonly cluster: Cluster;
  readonly onSet: (clusterId: string, via: string | null) => Promise<unknown>;
}

/**
 * "Reach through SSH": the API server directly, or through one of the ssh:// engine connections (a
 * bastion). The choice is the cluster's `via`; a failure says why beside the control.
 */
export function TunnelPicker({ cluster, onSet }: TunnelPickerProps) {
  const { connections } = useConnections();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const ssh = connections.filter((c) => c.endpoint.startsWith('ssh://'));
  const via = cluster.via ?? '';
  const known = via === '' || ssh.some((c) => c.id === via);

  const change = async (value: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await onSet(cluster.id, value === '' ? null : value);
    } catch (caught) {
      setError(isAppError(caught) ? caught.message : 'Changing the route failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <label className="kube-control" title="Reach the API server through an SSH connection (a bastion)">
      <span className="kube-control-label">Reach through SSH</span>
      <select
        className="input kube-select"
        value={via}
        disabled={busy || cluster.context === undefined}
        onChange={(event) => void change(event.target.value)}
        aria-label={`Reach ${cluster.name} through SSH`}
        data-testid="tunnel-select"
      >
        <option value="">Directly</option>
        {ssh.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.endpoint})
          </option>
        ))}
        {known ? null : <option value={via}>{via} (no longer a connection)</option>}
      </select>
      {busy ? <span className="kube-note">Changing…</span> : null}
      {error ? (
        <span className="kube-error" role="alert" data-testid="tunnel-error">
          {error}
        </span>
      ) : null}
    </label>
  );
}
