import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CoreConnection } from '../api/core-connection';
import { App } from '../app/App';
import { createStores } from '../app/StoresProvider';
import type { FakeCore } from './fake-core';
import { fakeViews } from './fake-terminal-view';

/**
 * The whole renderer, as main.tsx builds it, over a fake core instead of a socket, with fake terminal
 * screens (xterm.js does not render in jsdom): `views` holds every screen a terminal tab made.
 */
export function renderApp(core: FakeCore, connection = new CoreConnection(async () => core.client())) {
  const user = userEvent.setup();
  const { create, views } = fakeViews();
  const stores = createStores({ createTerminalView: create });
  const view = render(<App connection={connection} stores={stores} />);
  return { ...view, user, connection, stores, views };
}
