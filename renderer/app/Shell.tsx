import { useState } from 'react';
import { ConnectionsSidebar } from '../features/connections/ConnectionsSidebar';
import { ContainersView } from '../features/containers/ContainersView';
import { ContainerDetails } from '../features/details/ContainerDetails';
import { useDetails } from '../features/details/useDetails';
import { DiskView } from '../features/disk/DiskView';
import { ImagesView } from '../features/images/ImagesView';
import { NetworksView } from '../features/networks/NetworksView';
import { ResourceStoresProvider } from '../features/resources/ResourceStores';
import { TerminalPanel } from '../features/terminal/TerminalPanel';
import { VolumesView } from '../features/volumes/VolumesView';
import { CoreBanner } from './CoreBanner';
import { SectionNav, type Section } from './SectionNav';

// Loaded with the app, not lazily: a lazy chunk sharing the contract's modules with the main one makes
// the bundler hoist zod into a shared chunk that runs before app/zod-csp.ts (a CSP violation per load).
function ResourceSection({ section }: { section: Exclude<Section, 'containers'> }) {
  if (section === 'images') return <ImagesView />;
  if (section === 'volumes') return <VolumesView />;
  if (section === 'networks') return <NetworksView />;
  return <DiskView />;
}

/** The window: engines and sections on the left; the chosen workspace on the right (the containers of
 * every engine, one of them in detail beside the list; or images, volumes, networks, disk use),
 * terminals below. */
export function Shell() {
  const [adding, setAdding] = useState(false);
  const [section, setSection] = useState<Section>('containers');
  const details = useDetails();
  return (
    <ResourceStoresProvider>
      <div className="shell">
        <aside className="sidebar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Bosun</span>
          </div>
          <SectionNav current={section} onChange={setSection} />
          <ConnectionsSidebar adding={adding} onAddingChange={setAdding} />
        </aside>
        <main className="main">
          <div className="core-banner-slot">
            <CoreBanner />
          </div>
          {section === 'containers' ? (
            <div className={`main-view${details.key ? ' main-view-split' : ''}`}>
              <ContainersView onAddConnection={() => setAdding(true)} />
              <ContainerDetails />
            </div>
          ) : (
            <div className="main-view">
              <ResourceSection section={section} />
            </div>
          )}
          <TerminalPanel />
        </main>
      </div>
    </ResourceStoresProvider>
  );
}
