import { EmptyState } from '../components/EmptyState';

/** Web mode without a token: nothing can work, so say where the right address comes from. */
export function NoTokenScreen() {
  return (
    <main className="no-token" data-testid="no-token">
      <div className="brand no-token-brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Bosun</span>
      </div>
      <EmptyState kind="no-token" title="This page needs its access token">
        <p>
          Open the address printed by <code>bosun web</code> (or <code>npm start</code>) — it carries the
          access token.
        </p>
        <p>
          It looks like <code>http://127.0.0.1:PORT/#token=…</code>. The token changes each time Bosun starts,
          so an old bookmark or a copied address without the part after <code>#</code> will not work.
        </p>
      </EmptyState>
    </main>
  );
}
