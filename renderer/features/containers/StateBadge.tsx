import type { ContainerRow } from '../../../electron/shared/contract';

/** The state in a coloured badge, with the health check's verdict beside it when the image has one. */
export function StateBadge({ state, health }: Pick<ContainerRow, 'state' | 'health'>) {
  return (
    <span className="state">
      <span className={`badge badge-${state}`}>{state}</span>
      {health ? (
        <span
          className={`health health-${health}`}
          title={`Health check: ${health}`}
          data-testid="cell-health"
        >
          {health}
        </span>
      ) : null}
    </span>
  );
}
