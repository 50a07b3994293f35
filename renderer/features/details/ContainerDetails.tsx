import { Suspense, useMemo } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useConnections } from '../connections/useConnections';
import { StateBadge } from '../containers/StateBadge';
import { useContainers } from '../containers/useContainers';
import { DETAIL_TABS } from './detail-tabs';
import { DetailTabBar } from './DetailTabBar';
import { TabErrorBoundary } from './TabErrorBoundary';
import { useDetails, useDetailsStore } from './useDetails';
import './details.css';

/** The pane beside the table: one container, its tabs (logs, stats, inspect, files …), live. */
export function ContainerDetails() {
  const { key, tab } = useDetails();
  const store = useDetailsStore();
  const containers = useContainers();
  const { connections } = useConnections();
  const item = useMemo(() => containers.items.find((i) => i.key === key), [containers.items, key]);
  if (!key) return null;

  const close = (
    <button
      type="button"
      className="button button-quiet details-close"
      aria-label="Close details"
      onClick={() => store.close()}
    >
      ✕
    </button>
  );

  if (!item) {
    return (
      <aside className="details" aria-label="Container details" data-testid="details">
        <header className="details-head">
          <h2 className="details-title">{key.split('/')[1]?.slice(0, 12)}</h2>
          {close}
        </header>
        <EmptyState title={containers.loaded ? 'This container is gone' : 'Reading containers…'} kind="gone">
          {containers.loaded
            ? 'It was removed, or its engine is no longer connected. Pick another container in the list.'
            : null}
        </EmptyState>
      </aside>
    );
  }

  const { row } = item;
  const active = DETAIL_TABS.find((t) => t.id === tab) ?? DETAIL_TABS[0];
  const engine = connections.find((c) => c.id === row.connectionId)?.name ?? row.connectionId;
  const Tab = active?.component;
  return (
    <aside
      className="details"
      aria-label={`Details of ${row.name}`}
      data-testid="details"
      data-name={row.name}
    >
      <header className="details-head">
        <div className="details-heading">
          <h2 className="details-title" title={row.name}>
            {row.name}
          </h2>
          <StateBadge state={row.state} health={row.health} />
        </div>
        <div className="details-sub mono" title={`${row.image} · ${row.id}`}>
          {row.id.slice(0, 12)} · {row.image} · {engine}
        </div>
        {close}
      </header>
      <DetailTabBar tabs={DETAIL_TABS} active={active?.id} onSelect={(id) => store.showTab(id)} />
      <div className="details-body" role="tabpanel" id="details-panel" aria-labelledby={`tab-${active?.id}`}>
        {Tab ? (
          <TabErrorBoundary key={`${active.id}/${item.key}`}>
            <Suspense fallback={<div className="details-loading">Loading…</div>}>
              <Tab row={row} />
            </Suspense>
          </TabErrorBoundary>
        ) : null}
      </div>
    </aside>
  );
}
