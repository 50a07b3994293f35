import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CoreConnection } from '../api/core-connection';
import { App } from '../app/App';
import type { FakeCore } from './fake-core';

/** The whole renderer, as main.tsx builds it, over a fake core instead of a socket. */
export function renderApp(core: FakeCore, connection = new CoreConnection(async () => core.client())) {
  const user = userEvent.setup();
  const view = render(<App connection={connection} />);
  return { ...view, user, connection };
}
