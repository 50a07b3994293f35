import type { ConnectionState } from '../../../electron/shared/contract';

const LABEL: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  unavailable: 'Unavailable',
};

/** Colour is never the only signal: the dot carries its state as text for screen readers. */
export function StatusDot({ state }: { state: ConnectionState }) {
  return (
    <span className={`dot dot-${state}`} role="img" aria-label={LABEL[state]}>
      <span aria-hidden="true" />
    </span>
  );
}
