import { useEffect, useState } from 'react';
import type { PodRow } from '../../../electron/shared/contract';
import { podTerminalTarget } from '../terminal/open-request';
import type { PodExecAccess } from '../terminal/terminals-store';
import { useTerminalsStore } from '../terminal/useTerminals';

/**
 * A running pod's Terminal button: a shell in its first container, in the terminal panel. Offered only
 * when RBAC allows `create pods/exec` in the pod's namespace (asked once per namespace); otherwise the
 * button is absent and its place says why on hover.
 */
export function PodTerminalButton({ row }: { row: PodRow }) {
  const store = useTerminalsStore();
  const [access, setAccess] = useState<PodExecAccess | undefined>();
  const running = row.phase === 'Running' && row.containers.length > 0;

  useEffect(() => {
    if (!running) return;
    let live = true;
    store.podExecAccess(row.clusterId, row.namespace).then(
      (answer) => live && setAccess(answer),
      (error: unknown) =>
        live &&
        setAccess({
          allowed: false,
          reason: `No terminal: ${error instanceof Error ? error.message : String(error)}`,
        }),
    );
    return () => {
      live = false;
    };
  }, [store, running, row.clusterId, row.namespace]);

  if (!running || !access) return null;
  if (!access.allowed)
    return <span className="kp-no-terminal" title={access.reason} data-testid="pod-terminal-denied" />;
  const container = row.containers[0]!.name;
  return (
    <button
      type="button"
      className="button button-quiet kp-terminal"
      aria-label={`Open a terminal in ${row.name}`}
      title={`Open a shell in ${row.name}${row.containers.length > 1 ? ` (container ${container})` : ''}`}
      onClick={() =>
        store.open(
          podTerminalTarget({
            clusterId: row.clusterId,
            namespace: row.namespace,
            pod: row.name,
            container,
          }),
        )
      }
      data-testid="pod-terminal-button"
    >
      Terminal
    </button>
  );
}
