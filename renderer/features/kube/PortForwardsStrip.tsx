import { useState, useSyncExternalStore } from 'react';
import type { PortForwardsStore } from './port-forwards-store';

/** The window's live port-forwards: address → pod:port, the live connection count, and Stop. */
export function PortForwardsStrip({ store }: { readonly store: PortForwardsStore }) {
  const { forwards } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [error, setError] = useState<string | undefined>();
  if (forwards.length === 0) return null;
  return (
    <div className="kube-forwards" role="list" aria-label="Port-forwards" data-testid="port-forwards">
      {forwards.map((f) => (
        <div key={f.forwardId} role="listitem" className="kube-forward" data-testid="port-forward">
          <span className="mono">
            {f.address}:{f.localPort} → {f.pod}:{f.podPort}
          </span>
          {f.target.kind === 'service' && (
            <span className="ct-muted">
              {' '}
              (service {f.target.name}:{f.remotePort})
            </span>
          )}
          <span className="ct-muted" data-testid="port-forward-connections">
            {' '}
            {f.connections} open · {f.accepted} in all
          </span>
          {f.clusterLost && <span role="status"> {f.clusterLost}</span>}
          {f.lastError && (
            <span className="ct-muted" title={f.lastError.message}>
              {' '}
              last error: {f.lastError.message}
            </span>
          )}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => store.stop(f.forwardId).catch((e: unknown) => setError(String(e)))}
            data-testid="port-forward-stop"
          >
            Stop
          </button>
        </div>
      ))}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
