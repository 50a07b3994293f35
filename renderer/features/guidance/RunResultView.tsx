import type { RunState } from './useGuidance';

const TITLES = { test: 'Config test', reload: 'Reload', restart: 'Restart' } as const;

/** What a run is doing, or how it ended: every step, its output, the probe's count. */
export function RunResultView({ run }: { run: RunState }) {
  if (run.phase === 'running') {
    return (
      <p className="guidance-progress" role="status" data-testid="guidance-progress">
        {TITLES[run.kind]}: {run.progress}
      </p>
    );
  }
  if (run.phase === 'failed') {
    return (
      <p className="guidance-result guidance-result-bad" role="alert" data-testid="guidance-result">
        {TITLES[run.kind]} failed: {run.error.message}
      </p>
    );
  }
  const { result } = run;
  const good =
    result.outcome === 'reloaded' || result.outcome === 'planned' || result.outcome === 'restarted';
  return (
    <div
      className={`guidance-result ${good ? 'guidance-result-ok' : 'guidance-result-bad'}`}
      data-testid="guidance-result"
      data-outcome={result.outcome}
      role="status"
    >
      <p className="guidance-result-message">{result.message}</p>
      <ol className="guidance-steps">
        {result.steps.map((step) => (
          <li key={step.step} data-step={step.step} data-status={step.status}>
            <strong>{step.step}</strong> ({step.status}): {step.message}
            {step.output ? <pre className="guidance-output">{step.output}</pre> : null}
          </li>
        ))}
      </ol>
      {result.probe && !result.probe.skipped ? (
        <p data-testid="guidance-probe">
          Probe: {result.probe.attempts} connects to {result.probe.targets.join(', ')}, {result.probe.refused}{' '}
          refused
          {'downtimeMs' in result && result.downtimeMs !== null ? `, down for ${result.downtimeMs} ms` : ''}.
        </p>
      ) : null}
      {'pidBefore' in result && result.pidBefore !== undefined ? (
        <p>
          Main PID: {result.pidBefore} → {result.pidAfter ?? 'gone'}
        </p>
      ) : null}
    </div>
  );
}
