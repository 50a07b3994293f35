import { STATUS_FILTERS, type StatusFilter } from './status-filter';

/** All · Running · Stopped · Unhealthy · Healthy · Starting, with how many each would show. */
export function StatusChips({
  value,
  counts,
  onChange,
}: {
  readonly value: StatusFilter;
  readonly counts: Readonly<Record<StatusFilter, number>>;
  readonly onChange: (value: StatusFilter) => void;
}) {
  return (
    <div className="lc-chips" role="group" aria-label="Show containers by state and health">
      {STATUS_FILTERS.map((filter) => (
        <button
          key={filter.id}
          type="button"
          aria-pressed={value === filter.id}
          className={`lc-chip lc-chip-${filter.id}${value === filter.id ? ' lc-chip-on' : ''}`}
          onClick={() => onChange(filter.id)}
          data-testid={`status-${filter.id}`}
        >
          {filter.label}
          <span className="lc-chip-count">{counts[filter.id]}</span>
        </button>
      ))}
    </div>
  );
}
