import { useState } from 'react';
import { ConnectionsSidebar } from '../features/connections/ConnectionsSidebar';
import { ContainersView } from '../features/containers/ContainersView';
import { TerminalPanel } from '../features/terminal/TerminalPanel';
import { CoreBanner } from './CoreBanner';

/** The window: engines on the left, the containers of all of them on the right, terminals below them. */
export function Shell() {
  const [adding, setAdding] = useState(false);
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Bosun</span>
        </div>
        <ConnectionsSidebar adding={adding} onAddingChange={setAdding} />
      </aside>
      <main className="main">
        <div className="core-banner-slot">
          <CoreBanner />
        </div>
        <div className="main-view">
          <ContainersView onAddConnection={() => setAdding(true)} />
        </div>
        <TerminalPanel />
      </main>
    </div>
  );
}
