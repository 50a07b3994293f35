import { useState } from 'react';
import { ConfirmActions, Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import type { DetailTabProps } from '../details/detail-tabs';
import { RunResultView } from './RunResultView';
import { useGuidance, type RunKind } from './useGuidance';
import './guidance.css';

/**
 * The Reload tab: reload or restart, in one sentence first; then who PID 1 is, where the config comes
 * from, the program found and its caveats; and the safe path (test, reload, or a restart whose cost is
 * spelled out before it runs).
 */
export function ReloadPanel({ row }: DetailTabProps) {
  const { analysis, error, run, start } = useGuidance(row);
  const [confirm, setConfirm] = useState<'reload' | 'restart'>();

  if (!analysis) {
    return (
      <div className="guidance-panel" data-testid="guidance-panel">
        {error ? (
          <EmptyState title="Could not analyse this container" kind="guidance-error">
            {error.message}
          </EmptyState>
        ) : (
          <EmptyState title="Looking at the container's processes…" kind="loading" busy />
        )}
      </div>
    );
  }
  const { verdict, delivery, programs, impact, caveats } = analysis;
  const program = programs.find((p) => p.confidence !== 'port');
  const busy = run?.phase === 'running';
  const go = (kind: RunKind): void => {
    setConfirm(undefined);
    void start(kind);
  };
  return (
    <div className="guidance-panel" data-testid="guidance-panel">
      <p className={`guidance-verdict guidance-verdict-${verdict.kind}`} data-testid="guidance-verdict">
        {verdict.sentence}
      </p>
      {verdict.plan ? (
        <ol className="guidance-plan" aria-label="How Bosun reloads it">
          {verdict.plan.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      ) : null}
      <div className="guidance-actions">
        {verdict.kind === 'reload' ? (
          <>
            <button
              type="button"
              className="button"
              disabled={busy || !analysis.running}
              onClick={() => go('test')}
            >
              Test config
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => setConfirm('reload')}
            >
              Reload
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => setConfirm('restart')}
        >
          Restart
        </button>
      </div>
      {run ? <RunResultView run={run} /> : null}
      <dl className="guidance-facts" aria-label="Facts">
        <dt>PID 1</dt>
        <dd>
          <span className="mono">{delivery.pid1.command}</span> — {delivery.pid1.note}
        </dd>
        {delivery.configSources.map((source) => (
          <div key={`${source.path}-${source.kind}`} className="guidance-fact">
            <dt>Config {source.path}</dt>
            <dd data-kind={source.kind}>{source.note}</dd>
          </div>
        ))}
        <dt>Environment</dt>
        <dd data-testid="guidance-env">
          {delivery.envConfig
            ? `${delivery.envConfig.note} ${delivery.envConfig.recreate}`
            : 'No configuration is passed in environment variables.'}
        </dd>
        <dt>Program</dt>
        <dd data-testid="guidance-program">
          {program ? `${program.name}: ${program.reload}` : 'Not recognised.'}
        </dd>
        <dt>Restart impact</dt>
        <dd data-testid="guidance-impact">{impact.summary}</dd>
      </dl>
      {caveats.length > 0 ? (
        <section aria-label="Caveats">
          <h3 className="guidance-heading">Caveats</h3>
          <ul className="guidance-caveats">
            {caveats.map((caveat) => (
              <li key={caveat}>{caveat}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {confirm === 'reload' ? (
        <Dialog
          title={`Reload ${analysis.name}?`}
          onCancel={() => setConfirm(undefined)}
          testId="guidance-reload-dialog"
          actions={
            <ConfirmActions
              onCancel={() => setConfirm(undefined)}
              onConfirm={() => go('reload')}
              tone="primary"
              testId="guidance-reload-confirm"
            >
              Reload
            </ConfirmActions>
          }
        >
          <p>{verdict.plan?.steps.join(' ')}</p>
        </Dialog>
      ) : null}
      {confirm === 'restart' ? (
        <Dialog
          title={`Restart ${analysis.name}?`}
          onCancel={() => setConfirm(undefined)}
          testId="guidance-restart-dialog"
          actions={
            <ConfirmActions
              onCancel={() => setConfirm(undefined)}
              onConfirm={() => go('restart')}
              tone="danger"
              testId="guidance-restart-confirm"
            >
              Restart
            </ConfirmActions>
          }
        >
          <p>{impact.summary}</p>
          <p className="field-hint">
            Bosun probes the published ports while it restarts and reports the downtime.
          </p>
        </Dialog>
      ) : null}
    </div>
  );
}
