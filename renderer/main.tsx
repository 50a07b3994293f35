// First, before any module builds a zod schema.
import './app/zod-csp';
// The theme next: feature styles that come with the components may refine it.
import './styles/theme.css';
import './app/shell.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CoreConnection } from './api/core-connection';
import { App } from './app/App';
import { reloadOnNewToken } from './app/token';
import { pickTransport } from './app/transport';

const transport = pickTransport(window);
reloadOnNewToken(window);
const connection = transport.kind === 'no-token' ? undefined : new CoreConnection(transport.connect);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App connection={connection} />
  </StrictMode>,
);
