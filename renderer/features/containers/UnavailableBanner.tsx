import { useState } from 'react';
import { isAppError } from '../../../electron/shared/errors';
import { Banner } from '../../components/Banner';
import { useNow } from '../../components/useNow';
import type { EngineProblem } from './engine-problems';

interface UnavailableBannerProps {
  readonly problem: EngineProblem;
  readonly onRetry: (connectionId: string) => Promise<boolean>;
  /** What the engine's (or cluster's) rows are, for "Its … below are as last seen". */
  readonly rowsNoun?: string;
}

/** "Next try in 2 s", counting down, or nothing when no retry is planned. */
function NextTry({ at }: { at: number | undefined }) {
  const now = useNow(1_000);
  if (at === undefined) return null;
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return <>{seconds === 0 ? 'Trying again now.' : `Next try in ${seconds} s.`}</>;
}

/**
 * One engine whose containers are missing: its reason, the core's hint, and a Retry that says how it
 * went — only where retrying can help; for an engine the core never dials the hint is what to do.
 */
export function UnavailableBanner({ problem, onRetry, rowsNoun = 'containers' }: UnavailableBannerProps) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | undefined>();

  const retry = async (): Promise<void> => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const connected = await onRetry(problem.connectionId);
      if (!connected) setOutcome('Tried again: still unavailable.');
    } catch (error) {
      setOutcome(isAppError(error) ? error.message : 'The retry failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Banner
      tone="warning"
      testId="unavailable-banner"
      data={{ 'data-connection': problem.connectionId, 'data-reconnecting': String(problem.reconnecting) }}
      title={
        <>
          {problem.reconnecting ? `Reconnecting to ${problem.name}` : `${problem.name} is unavailable`}
          {problem.endpoint ? <span className="banner-endpoint mono"> {problem.endpoint}</span> : null}
        </>
      }
      actions={
        problem.retryable ? (
          <button
            type="button"
            className="button"
            onClick={() => void retry()}
            disabled={busy}
            aria-label={`Retry ${problem.name}`}
          >
            {busy ? 'Retrying…' : problem.reconnecting ? 'Retry now' : 'Retry'}
          </button>
        ) : undefined
      }
    >
      <span data-testid="unavailable-reason">{problem.reason}</span>
      {problem.hint ? <span data-testid="unavailable-hint"> {problem.hint}</span> : null}
      {problem.reconnecting ? (
        <span className="banner-outcome" data-testid="reconnecting-note">
          {' '}
          <NextTry at={problem.retryAt} />
          {` Its ${rowsNoun} below are as last seen.`}
        </span>
      ) : null}
      {problem.retryable ? null : (
        <span className="banner-outcome" data-testid="not-retryable">
          {' '}
          Retrying cannot help here:{' '}
          {problem.hint ? 'the advice above says what to change' : 'change how it is set up'}.
        </span>
      )}
      {outcome ? (
        <span className="banner-outcome" data-testid="retry-outcome">
          {' '}
          {outcome}
        </span>
      ) : null}
    </Banner>
  );
}
