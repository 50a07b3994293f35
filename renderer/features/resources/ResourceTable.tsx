import { Fragment, type ReactNode } from 'react';

export interface Column {
  readonly label: string;
  /** Right-aligned (sizes). */
  readonly numeric?: boolean;
}

/** What a resource view says about its own rows; the table adds the engine column and the actions. */
export interface RowParts<R> {
  /** The data columns, before the engine column (shown with several engines) and the actions. */
  readonly headers: readonly Column[];
  /** Unique across engines (`${connectionId}/${id}`): the React key and which row is open. */
  readonly rowKey: (row: R) => string;
  /** What people call the row: its `data-name` and the Remove button's accessible name. */
  readonly rowLabel: (row: R) => string;
  /** A `data-id` for rows that have one apart from their name (images). */
  readonly rowId?: (row: R) => string;
  readonly cells: (row: R) => ReactNode;
  /** A toggle that opens a full-width row under the row (layers, details). */
  readonly detail?: { readonly label: string; readonly render: (row: R) => ReactNode };
  /** Why removing it will be refused, as a tooltip on Remove… (built-in networks). */
  readonly removeTitle?: (row: R) => string | undefined;
}

interface ResourceTableProps<R> extends RowParts<R> {
  /** "image", "volume", "network": names the test ids. */
  readonly noun: string;
  readonly rows: readonly R[];
  readonly names: ReadonlyMap<string, string>;
  /** The key of the open row; the view keeps it so a row stays open while the filter hides the table. */
  readonly open: string | undefined;
  readonly onOpen: (key: string | undefined) => void;
  readonly onRemove: (row: R) => void;
}

/** The table of every resource view: its columns, the engine (with several), details and Remove…. */
export function ResourceTable<R extends { readonly connectionId: string }>(props: ResourceTableProps<R>) {
  const { noun, rows, names, open, onOpen, onRemove } = props;
  const { headers, rowKey, rowLabel, rowId, cells, detail, removeTitle } = props;
  const manyEngines = names.size > 1;
  const columns = headers.length + (manyEngines ? 2 : 1);
  return (
    <table className="res-table" data-testid={`${noun}s-table`}>
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header.label} className={header.numeric ? 'res-num' : undefined}>
              {header.label}
            </th>
          ))}
          {manyEngines ? <th>Engine</th> : null}
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const key = rowKey(row);
          const expanded = open === key;
          return (
            <Fragment key={key}>
              <tr data-testid={`${noun}-row`} data-name={rowLabel(row)} data-id={rowId?.(row)}>
                {cells(row)}
                {manyEngines ? <td>{names.get(row.connectionId) ?? row.connectionId}</td> : null}
                <td>
                  <div className="res-row-actions">
                    {detail ? (
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-expanded={expanded}
                        onClick={() => onOpen(expanded ? undefined : key)}
                      >
                        {detail.label}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={`Remove ${rowLabel(row)}`}
                      onClick={() => onRemove(row)}
                      title={removeTitle?.(row)}
                    >
                      Remove…
                    </button>
                  </div>
                </td>
              </tr>
              {detail && expanded ? (
                <tr className="res-detail">
                  <td colSpan={columns}>{detail.render(row)}</td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
