import type { CoreConnection } from '../api/core-connection';
import { CoreProvider } from '../api/CoreContext';
import { NoTokenScreen } from './NoTokenScreen';
import { Shell } from './Shell';
import { StoresProvider, type Stores } from './StoresProvider';

interface AppProps {
  /** Undefined in web mode without a token. */
  readonly connection: CoreConnection | undefined;
  readonly stores?: Stores;
}

export function App({ connection, stores }: AppProps) {
  if (!connection) return <NoTokenScreen />;
  return (
    <CoreProvider connection={connection}>
      <StoresProvider {...(stores ? { stores } : {})}>
        <Shell />
      </StoresProvider>
    </CoreProvider>
  );
}
