import type { MapFlag } from '../../../electron/shared/contract';

/** The flags beside the map: what, why, the evidence, and a link to each container's details. */
export function FlagList({
  flags,
  onOpenContainer,
}: {
  flags: readonly MapFlag[];
  onOpenContainer: (containerId: string) => void;
}) {
  if (flags.length === 0)
    return (
      <p className="map-flags-empty" data-testid="map-flags-empty">
        Nothing flagged.
      </p>
    );
  return (
    <ul className="map-flags" data-testid="map-flags" aria-label="Flags">
      {flags.map((flag) => (
        <li
          key={flag.id}
          className="map-flag"
          data-testid="map-flag"
          data-kind={flag.kind}
          data-severity={flag.severity}
        >
          <div className="map-flag-head">
            <span className={`map-sev map-sev-${flag.severity}`}>{flag.severity}</span>
            <span className="map-flag-title">{flag.title}</span>
          </div>
          <p className="map-flag-why">{flag.why}</p>
          <details className="map-flag-evidence">
            <summary>Evidence</summary>
            <ul>
              {flag.evidence.map((e, i) => (
                <li key={i}>
                  {e.container ? `${e.container}: ` : ''}
                  <code>{e.field}</code> = <code>{e.value}</code>
                </li>
              ))}
            </ul>
          </details>
          <div className="map-flag-links">
            {flag.containers.map((c) => (
              <button
                key={c.id}
                type="button"
                className="button-quiet map-flag-link"
                data-testid="map-flag-container"
                data-container={c.id}
                onClick={() => onOpenContainer(c.id)}
              >
                {c.name}
              </button>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
