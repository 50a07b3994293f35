import type { InspectSummary } from '../../../electron/shared/contract';
import {
  inspectSections,
  type InspectRow,
  type InspectSection,
} from '../../../electron/shared/format/inspect-sections';

function SecretBadge({ secret }: { secret: InspectRow['secret'] }) {
  if (!secret) return null;
  return (
    <span className={`inspect-badge inspect-badge-${secret}`}>
      {secret === 'masked' ? 'masked' : 'secret'}
    </span>
  );
}

/** Variables in a table: names and values line up, and each secret says whether it is masked. */
function EnvTable({ rows }: { rows: readonly InspectRow[] }) {
  return (
    <table className="inspect-env" data-testid="inspect-env">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.key}/${index}`} data-name={row.key} data-secret={row.secret}>
            <td className="mono">{row.key}</td>
            <td className="mono">
              <span className="inspect-value">{row.value}</span>
              <SecretBadge secret={row.secret} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Rows({ rows }: { rows: readonly InspectRow[] }) {
  return (
    <dl className="inspect-list">
      {rows.map((row, index) => (
        <div key={`${row.key}/${index}`} className="inspect-row">
          <dt>{row.key}</dt>
          <dd className="inspect-value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ section }: { section: InspectSection }) {
  const titleId = `inspect-${section.id}`;
  return (
    <section className="inspect-section" aria-labelledby={titleId} data-section={section.id}>
      <h3 id={titleId} className="inspect-title">
        {section.title}
      </h3>
      {section.rows.length === 0 ? (
        <p className="inspect-empty">{section.empty}</p>
      ) : section.id === 'env' ? (
        <EnvTable rows={section.rows} />
      ) : (
        <Rows rows={section.rows} />
      )}
    </section>
  );
}

/** The summary in readable sections, the same ones `bosun inspect` prints. */
export function InspectSummaryView({ summary }: { summary: InspectSummary }) {
  return (
    <div className="inspect-summary" data-testid="inspect-summary">
      {inspectSections(summary).map((section) => (
        <Section key={section.id} section={section} />
      ))}
    </div>
  );
}
