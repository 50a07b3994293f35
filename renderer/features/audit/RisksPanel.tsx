import type { Finding, FindingSeverity } from '../../../electron/shared/contract';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import type { DetailTabProps } from '../details/detail-tabs';
import { useAudit } from './useAudit';
import './audit.css';

const SEVERITIES: readonly { id: FindingSeverity; label: string }[] = [
  { id: 'critical', label: 'Critical' },
  { id: 'high', label: 'High' },
  { id: 'medium', label: 'Medium' },
  { id: 'low', label: 'Low' },
  { id: 'info', label: 'Info' },
];

function FindingView({ finding }: { finding: Finding }) {
  return (
    <article
      className="risk"
      data-testid="risk"
      data-rule={finding.rule}
      aria-label={`${finding.rule} ${finding.title}`}
    >
      <header className="risk-head">
        <span className={`risk-badge risk-${finding.severity}`}>{finding.severity}</span>
        <span className="risk-rule">{finding.rule}</span>
        <h4 className="risk-title">{finding.title}</h4>
      </header>
      <ul className="risk-evidence" aria-label="Evidence">
        {finding.evidence.map((item, index) => (
          <li key={index}>
            <code className="risk-field">{item.field}</code> ={' '}
            <code className="risk-value">{item.value}</code>
          </li>
        ))}
      </ul>
      <p className="risk-why">
        <strong>Why: </strong>
        {finding.why}
      </p>
      <p className="risk-fix">
        <strong>Fix: </strong>
        {finding.fix}
      </p>
      <p className="risk-refs">{finding.refs.join(' · ')}</p>
    </article>
  );
}

/**
 * The Risks tab: the container's findings (rules R01–R35), worst first, each with the field and value
 * that made it fire, why it matters and how to fix it.
 */
export function RisksPanel({ row }: DetailTabProps) {
  const { result, error, reading, refresh } = useAudit(row);

  if (!result) {
    return (
      <div className="risks-panel" data-testid="risks-panel">
        {error ? (
          <EmptyState
            title="Could not audit this container"
            kind="audit-error"
            actions={
              <button type="button" className="button" onClick={refresh}>
                Try again
              </button>
            }
          >
            {error.message}
          </EmptyState>
        ) : (
          <EmptyState title="Checking the container against the risk rules…" kind="loading" busy />
        )}
      </div>
    );
  }

  const counts = SEVERITIES.filter((s) => result.counts[s.id] > 0)
    .map((s) => `${result.counts[s.id]} ${s.id}`)
    .join(', ');
  return (
    <div className="risks-panel" data-testid="risks-panel" aria-busy={reading || undefined}>
      <div className="risks-toolbar">
        <span data-testid="risks-counts">
          {result.findings.length === 0 ? 'No findings.' : `${result.findings.length} findings: ${counts}.`}
        </span>
        <button type="button" className="button" onClick={refresh} disabled={reading}>
          Check again
        </button>
      </div>
      {error ? (
        <Banner tone="warning" title="This may be out of date" testId="risks-stale">
          {error.message}
        </Banner>
      ) : null}
      <div className="risks-body">
        {SEVERITIES.map(({ id, label }) => {
          const findings = result.findings.filter((f) => f.severity === id);
          if (findings.length === 0) return null;
          return (
            <section key={id} className="risks-group" aria-label={label}>
              <h3 className="risks-group-title">
                {label} ({findings.length})
              </h3>
              {findings.map((finding) => (
                <FindingView key={finding.rule} finding={finding} />
              ))}
            </section>
          );
        })}
        {result.unchecked.length > 0 ? (
          <section className="risks-unchecked" aria-label="Not checked">
            <h3 className="risks-group-title">Not checked</h3>
            <ul>
              {result.unchecked.map((u) => (
                <li key={u.rule}>
                  {u.rule}: {u.reason}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
