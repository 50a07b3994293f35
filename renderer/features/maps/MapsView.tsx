import { useMemo, useState } from 'react';
import type { NetworkMap } from '../../../electron/shared/contract';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import '../resources/resources.css';
import { useEngines } from '../resources/useEngines';
import { FlagList } from './FlagList';
import { MapGraph } from './MapGraph';
import { EdgeTable, ReachMatrix } from './MapTables';
import './maps.css';
import { useMap, type MapKind } from './useMap';

const KINDS: readonly { id: MapKind; label: string }[] = [
  { id: 'storage', label: 'Storage' },
  { id: 'network', label: 'Network' },
];

/**
 * Where data lives and who can talk to whom, for one engine: a graph (or a table) with the flags
 * beside it; each flag and container opens that container's details.
 */
export function MapsView({ onOpenContainer }: { onOpenContainer: (key: string) => void }) {
  const { connected } = useEngines();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<MapKind>('storage');
  const [view, setView] = useState<'graph' | 'table'>('graph');
  const connectionId = chosen && connected.some((c) => c.id === chosen) ? chosen : connected[0]?.id;
  const { state, reload } = useMap(connectionId, kind);
  const open = (containerId: string): void => {
    if (connectionId) onOpenContainer(`${connectionId}/${containerId}`);
  };
  const flagged = useMemo(
    () => new Set(state.phase === 'done' ? state.map.flags.flatMap((f) => f.nodes) : []),
    [state],
  );

  if (connected.length === 0)
    return (
      <EmptyState kind="no-engine" title="No connected engine">
        Maps are drawn for a connected Docker engine; connect one in the sidebar.
      </EmptyState>
    );
  return (
    <section className="maps" data-testid="maps">
      <header className="res-toolbar maps-toolbar">
        <div role="tablist" aria-label="Map" className="maps-tabs">
          {KINDS.map((k) => (
            <button
              key={k.id}
              type="button"
              role="tab"
              aria-selected={kind === k.id}
              className="button maps-tab"
              onClick={() => setKind(k.id)}
            >
              {k.label}
            </button>
          ))}
        </div>
        <label className="maps-engine">
          Engine{' '}
          <select className="input" value={connectionId} onChange={(e) => setChosen(e.target.value)}>
            {connected.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <div className="maps-views" role="group" aria-label="Show as">
          <button
            type="button"
            className="button"
            aria-pressed={view === 'graph'}
            onClick={() => setView('graph')}
          >
            Graph
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={view === 'table'}
            onClick={() => setView('table')}
          >
            Table
          </button>
        </div>
        <button
          type="button"
          className="button button-quiet"
          onClick={reload}
          disabled={state.phase === 'loading'}
        >
          Read again
        </button>
      </header>
      {state.phase === 'loading' || state.phase === 'idle' ? (
        <EmptyState kind="loading" busy title={`Reading the ${kind} map…`}>
          {kind === 'storage'
            ? 'The engine measures volumes and writable layers: this may take a while on a big engine.'
            : 'Networks and every container’s settings are read.'}
        </EmptyState>
      ) : state.phase === 'failed' ? (
        <Banner
          tone="danger"
          title="The map could not be read"
          role="alert"
          actions={
            <button type="button" className="button" onClick={reload}>
              Retry
            </button>
          }
        >
          {state.message}
        </Banner>
      ) : (
        <div className="maps-body">
          <div className="maps-main">
            {state.map.notes.map((note) => (
              <Banner key={note} tone="info" title={note} />
            ))}
            {state.map.nodes.length === 0 ? (
              <EmptyState kind="empty" title="No containers on this engine" />
            ) : view === 'graph' ? (
              <MapGraph
                nodes={state.map.nodes}
                edges={state.map.edges}
                flagged={flagged}
                onOpenContainer={open}
              />
            ) : (
              <EdgeTable nodes={state.map.nodes} edges={state.map.edges} onOpenContainer={open} />
            )}
            {'reachability' in state.map ? (
              <ReachMatrix reach={(state.map as NetworkMap).reachability} />
            ) : null}
          </div>
          <aside className="maps-side" aria-label="Flags">
            <h3>Flags ({state.map.flags.length})</h3>
            <FlagList flags={state.map.flags} onOpenContainer={open} />
          </aside>
        </div>
      )}
    </section>
  );
}
