import { memo } from 'react';
import { kubeAge } from '../../../electron/shared/format/kube-age';
import type { PodItem } from './pods-store';
import { podTone } from './pod-status';
import { PodRowMenu } from './PodRowMenu';
import { PodTerminalButton } from './PodTerminalButton';

interface PodRowViewProps {
  readonly item: PodItem;
  readonly clusterName: string;
  /** 1-based position among all rows (the header is row 1), for screen readers in a virtual list. */
  readonly rowIndex: number;
  readonly top: number;
  readonly now: number;
  /** Its cluster is reconnecting: the row is as last seen. */
  readonly stale: boolean;
}

/** One pod, in kubectl's words. Memoized: a re-read replaces only the rows that changed. */
export const PodRowView = memo(function PodRowView({
  item,
  clusterName,
  rowIndex,
  top,
  now,
  stale,
}: PodRowViewProps) {
  const { row } = item;
  const tone = podTone(row);
  const restarts =
    row.lastRestartAt !== undefined
      ? `${row.restarts} (${kubeAge(now - row.lastRestartAt)} ago)`
      : String(row.restarts);
  const owner = row.owner ? `${row.owner.kind}/${row.owner.name}` : '';
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`kp-grid ct-row${stale ? ' ct-row-stale' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="pod-row"
      data-key={item.key}
      data-name={row.name}
      data-namespace={row.namespace}
      data-status={row.status}
      data-stale={stale || undefined}
      title={stale ? `As last seen: ${clusterName} is reconnecting` : undefined}
    >
      <div role="cell" className="ct-cell" title={row.namespace}>
        {row.namespace}
      </div>
      <div role="cell" className="ct-cell kp-name kp-name-cell" title={row.name}>
        <span className="kp-name-text">{row.name}</span>
        <PodTerminalButton row={row} />
      </div>
      <div role="cell" className="ct-cell mono">
        {row.ready}
      </div>
      <div role="cell" className="ct-cell" data-testid="pod-status">
        <span className={`kp-status kp-${tone}`} data-tone={tone}>
          {row.status}
        </span>
      </div>
      <div role="cell" className="ct-cell mono" title={restarts}>
        {restarts}
      </div>
      <div role="cell" className="ct-cell mono" data-testid="pod-age">
        {kubeAge(now - row.createdAt)}
      </div>
      <div role="cell" className="ct-cell ct-muted" title={row.node}>
        {row.node ?? ''}
      </div>
      <div role="cell" className="ct-cell mono ct-muted">
        {row.podIP ?? ''}
      </div>
      <div role="cell" className="ct-cell ct-muted" title={owner}>
        {owner}
      </div>
      <div role="cell" className="ct-cell ct-muted" title={clusterName}>
        {clusterName}
        <PodRowMenu row={row} />
      </div>
    </div>
  );
});
