/** The header's checkbox: ticks every row shown (the filter's result), or clears them. */
export function SelectAllCell({
  keys,
  selected,
  onSelect,
}: {
  readonly keys: readonly string[];
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (keys: readonly string[], on: boolean) => void;
}) {
  const count = keys.filter((key) => selected.has(key)).length;
  const all = keys.length > 0 && count === keys.length;
  return (
    <div role="columnheader" className="ct-cell ct-th ct-select">
      <input
        type="checkbox"
        className="lc-check"
        checked={all}
        ref={(input) => {
          if (input) input.indeterminate = count > 0 && !all;
        }}
        onChange={() => onSelect(keys, !all)}
        aria-label={all ? 'Unselect all shown containers' : `Select all ${keys.length} shown containers`}
        data-testid="select-all"
      />
    </div>
  );
}
