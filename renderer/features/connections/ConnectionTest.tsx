import { useState } from 'react';
import type { Connection, Out } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { useConnectionsStore } from './useConnections';

type Outcome =
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly result: Out<'connections.test'> }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * "Test connection": every step the core tried on fresh clients (for ssh://: TCP, handshake and host
 * key, login; then the engine and its API version), each with its outcome, until the first failure.
 */
export function ConnectionTest({ connection }: { connection: Connection }) {
  const store = useConnectionsStore();
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const run = async (): Promise<void> => {
    setOutcome({ kind: 'running' });
    try {
      setOutcome({ kind: 'done', result: await store.test(connection.id) });
    } catch (error) {
      setOutcome({
        kind: 'failed',
        message: isAppError(error) ? error.message : 'The connection test could not run.',
      });
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button-quiet conn-action"
        aria-label={`Test connection ${connection.name}`}
        disabled={outcome?.kind === 'running'}
        onClick={() => void run()}
        data-testid="test-connection"
      >
        {outcome?.kind === 'running' ? 'Testing…' : 'Test connection'}
      </button>
      {outcome && outcome.kind !== 'running' ? (
        <div className="conn-test" role="status" data-testid="connection-test-result">
          {outcome.kind === 'failed' ? (
            <p className="form-error">{outcome.message}</p>
          ) : (
            <>
              <p className="conn-test-verdict" data-ok={String(outcome.result.ok)}>
                {outcome.result.ok ? 'Every step worked.' : 'The test stopped at a failed step.'}
              </p>
              <ol className="conn-test-steps">
                {outcome.result.steps.map((step) => (
                  <li
                    key={step.step}
                    className={step.ok ? 'conn-step-ok' : 'conn-step-failed'}
                    data-testid="connection-test-step"
                    data-ok={String(step.ok)}
                  >
                    <span className="conn-step-mark">{step.ok ? 'ok' : 'failed'}</span>{' '}
                    <span className="conn-step-name">{step.step}</span>
                    {step.detail ? <span className="conn-step-detail">{step.detail}</span> : null}
                  </li>
                ))}
              </ol>
            </>
          )}
          <button
            type="button"
            className="button button-quiet conn-action"
            onClick={() => setOutcome(undefined)}
          >
            Hide
          </button>
        </div>
      ) : null}
    </>
  );
}
