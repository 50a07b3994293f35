import { lazy, Suspense, useState } from 'react';
import { ConnectionsSidebar } from '../features/connections/ConnectionsSidebar';
import { ContainersView } from '../features/containers/ContainersView';
import { ContainerDetails } from '../features/details/ContainerDetails';
import { useDetails, useDetailsStore } from '../features/details/useDetails';
import { ResourceStoresProvider } from '../features/resources/ResourceStores';
import { TerminalPanel } from '../features/terminal/TerminalPanel';
import { CoreBanner } from './CoreBanner';
import { SectionNav, type Section } from './SectionNav';

// Each section's code loads when it is first opened, not in the app's first task. (vite.config.ts keeps
// zod and its CSP switch in one chunk, so a lazy chunk can never build a schema before the switch.)
const ImagesView = lazy(async () => ({
  default: (await import('../features/images/ImagesView')).ImagesView,
}));
const VolumesView = lazy(async () => ({
  default: (await import('../features/volumes/VolumesView')).VolumesView,
}));
const NetworksView = lazy(async () => ({
  default: (await import('../features/networks/NetworksView')).NetworksView,
}));
const DiskView = lazy(async () => ({ default: (await import('../features/disk/DiskView')).DiskView }));
const MapsView = lazy(async () => ({ default: (await import('../features/maps/MapsView')).MapsView }));
const PodsView = lazy(async () => ({ default: (await import('../features/kube/PodsView')).PodsView }));

function ResourceSection({
  section,
  onOpenContainer,
}: {
  section: Exclude<Section, 'containers'>;
  onOpenContainer: (key: string) => void;
}) {
  const view =
    section === 'maps' ? (
      <MapsView onOpenContainer={onOpenContainer} />
    ) : section === 'pods' ? (
      <PodsView />
    ) : section === 'images' ? (
      <ImagesView />
    ) : section === 'volumes' ? (
      <VolumesView />
    ) : section === 'networks' ? (
      <NetworksView />
    ) : (
      <DiskView />
    );
  return <Suspense fallback={<div className="details-loading">Loading…</div>}>{view}</Suspense>;
}

/** The window: engines and sections on the left; the chosen workspace on the right (the containers of
 * every engine, one of them in detail beside the list; or images, volumes, networks, disk use),
 * terminals below. */
export function Shell() {
  const [adding, setAdding] = useState(false);
  const [section, setSection] = useState<Section>('containers');
  const details = useDetails();
  const detailsStore = useDetailsStore();
  // A map's flag or container opens that container's details, beside the containers list.
  const openContainer = (key: string): void => {
    setSection('containers');
    detailsStore.open(key);
  };
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
              <ResourceSection section={section} onOpenContainer={openContainer} />
            </div>
          )}
          <TerminalPanel />
        </main>
      </div>
    </ResourceStoresProvider>
  );
}
