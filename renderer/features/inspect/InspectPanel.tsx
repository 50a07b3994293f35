import { useState } from 'react';
import { secretsSentence } from '../../../electron/shared/format/inspect-text';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import type { DetailTabProps } from '../details/detail-tabs';
import { InspectSummaryView } from './InspectSummaryView';
import { RawJsonView } from './RawJsonView';
import { useInspect } from './useInspect';
import './inspect.css';

type View = 'summary' | 'raw';

/**
 * The Inspect tab: the container's configuration and state as readable sections, or the engine's raw
 * document. Secrets are masked in both unless the user reveals them, for this panel only.
 */
export function InspectPanel({ row }: DetailTabProps) {
  const [view, setView] = useState<View>('summary');
  const [reveal, setReveal] = useState(false);
  const { result, error, reading } = useInspect(row, reveal);

  if (!result) {
    return (
      <div className="inspect-panel" data-testid="inspect-panel">
        {error ? (
          <EmptyState title="Could not inspect this container" kind="inspect-error">
            {error.message}
          </EmptyState>
        ) : (
          <EmptyState title="Reading the container…" kind="loading" busy />
        )}
      </div>
    );
  }

  const secrets = secretsSentence(result.secrets, result.revealed);
  return (
    <div className="inspect-panel" data-testid="inspect-panel" aria-busy={reading || undefined}>
      <div className="inspect-toolbar">
        <div className="inspect-views" role="group" aria-label="Inspect view">
          {(['summary', 'raw'] as const).map((id) => (
            <button
              key={id}
              type="button"
              className={`button inspect-view${view === id ? ' inspect-view-on' : ''}`}
              aria-pressed={view === id}
              onClick={() => setView(id)}
            >
              {id === 'summary' ? 'Summary' : 'Raw JSON'}
            </button>
          ))}
        </div>
        <span className="inspect-secrets" data-testid="inspect-secrets">
          {secrets}
        </span>
        {result.secrets > 0 || reveal ? (
          <button
            type="button"
            className="button"
            aria-pressed={reveal}
            onClick={() => setReveal((shown) => !shown)}
          >
            {reveal ? 'Hide secrets' : 'Reveal secrets'}
          </button>
        ) : null}
      </div>
      {error ? (
        <Banner tone="warning" title="This may be out of date" testId="inspect-stale">
          {error.message}
        </Banner>
      ) : null}
      <div className="inspect-body">
        {view === 'summary' ? (
          <InspectSummaryView summary={result.summary} />
        ) : result.raw ? (
          <RawJsonView raw={result.raw} revealed={result.revealed} />
        ) : (
          <EmptyState title="The raw document is too large to show" kind="raw-too-large">
            {result.summary.notes.at(-1)}
          </EmptyState>
        )}
      </div>
    </div>
  );
}
