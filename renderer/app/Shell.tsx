import { useState } from 'react';
import { ConnectionsSidebar } from '../features/connections/ConnectionsSidebar';
import { ContainersView } from '../features/containers/ContainersView';
import { ContainerDetails } from '../features/details/ContainerDetails';
import { useDetails } from '../features/details/useDetails';
import { TerminalPanel } from '../features/terminal/TerminalPanel';
import { CoreBanner } from './CoreBanner';

/** The window: engines on the left, the containers of all of them on the right (one of them in detail
 * beside the list), terminals below them. */
export function Shell() {
  const [adding, setAdding] = useState(false);
  const details = useDetails();
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
        <div className={`main-view${details.key ? ' main-view-split' : ''}`}>
          <ContainersView onAddConnection={() => setAdding(true)} />
          <ContainerDetails />
        </div>
        <TerminalPanel />
      </main>
    </div>
  );
}
