import { useState } from 'react';
import type { PodRow } from '../../../electron/shared/contract';
import { ConfirmActions, Dialog } from '../../components/Dialog';
import type { PortForwardsStore } from './port-forwards-store';

const portOk = (text: string, min: number): boolean =>
  /^\d+$/.test(text) && Number(text) >= min && Number(text) <= 65_535;

/** Forward a port of a pod to 127.0.0.1: the remote port from its containers' ports, the local one optional. */
export function PortForwardDialog({
  row,
  store,
  onDone,
}: {
  readonly row: PodRow;
  readonly store: PortForwardsStore;
  readonly onDone: () => void;
}) {
  const declared = row.containers.flatMap((c) =>
    (c.ports ?? []).map((p) => ({
      port: p.containerPort,
      label: `${p.containerPort}${p.name ? ` (${p.name})` : ''} — ${c.name}`,
    })),
  );
  const [remote, setRemote] = useState(declared[0] ? String(declared[0].port) : '');
  const [local, setLocal] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const valid = portOk(remote, 1) && (local === '' || portOk(local, 1024));

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await store.start({
        clusterId: row.clusterId,
        namespace: row.namespace,
        target: { kind: 'pod', name: row.name },
        remotePort: Number(remote),
        ...(local ? { localPort: Number(local) } : {}),
      });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Forward a port of ${row.name}`}
      onCancel={onDone}
      testId="port-forward-dialog"
      actions={
        <ConfirmActions
          onCancel={onDone}
          onConfirm={() => void confirm()}
          tone="primary"
          disabled={busy || !valid}
          testId="port-forward-confirm"
        >
          Forward
        </ConfirmActions>
      }
    >
      <p>Bosun listens on 127.0.0.1 only (this machine); each connection reaches the pod&apos;s port.</p>
      <label>
        Pod port{' '}
        {declared.length > 0 ? (
          <select
            className="input"
            value={remote}
            onChange={(event) => setRemote(event.target.value)}
            data-testid="port-forward-remote"
          >
            {declared.map((d) => (
              <option key={d.label} value={String(d.port)}>
                {d.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            className="input"
            inputMode="numeric"
            value={remote}
            placeholder="80"
            onChange={(event) => setRemote(event.target.value.trim())}
            aria-invalid={remote !== '' && !portOk(remote, 1)}
            data-testid="port-forward-remote"
          />
        )}
      </label>
      <label>
        Local port{' '}
        <input
          className="input"
          inputMode="numeric"
          value={local}
          placeholder="any free port"
          onChange={(event) => setLocal(event.target.value.trim())}
          aria-invalid={local !== '' && !portOk(local, 1024)}
          data-testid="port-forward-local"
        />
      </label>
      {error && (
        <p role="alert" data-testid="port-forward-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
