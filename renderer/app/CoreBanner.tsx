import { useCore } from '../api/CoreContext';
import { Banner } from '../components/Banner';
import { useNow } from '../components/useNow';

/** The state of the link to the core when it is not simply working: what happened and what to do. */
export function CoreBanner() {
  const { snapshot, retryNow } = useCore();
  const now = useNow(1_000);
  const { phase, error, everConnected, retryAt, attempt } = snapshot;

  if (phase === 'ready' || (phase === 'connecting' && attempt === 0)) return null;

  if (phase === 'refused') {
    return (
      <Banner
        tone="danger"
        role="alert"
        testId="core-banner"
        data={{ 'data-reason': 'refused' }}
        title="Bosun refused this page's access token"
        actions={
          <button type="button" className="button" onClick={retryNow}>
            Try again
          </button>
        }
      >
        The token changes every time <code>bosun web</code> starts. Open the address it printed last (
        <code>http://127.0.0.1:PORT/#token=…</code>).
      </Banner>
    );
  }

  const seconds = retryAt === undefined ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1_000));
  const when = phase === 'connecting' ? 'Reconnecting now…' : `Retrying in ${seconds} s.`;
  return (
    <Banner
      tone="warning"
      role="alert"
      testId="core-banner"
      data={{ 'data-reason': everConnected ? 'lost' : 'unreachable' }}
      title={everConnected ? 'Lost the connection to the Bosun core' : 'Cannot reach the Bosun core'}
      actions={
        <button type="button" className="button" onClick={retryNow} disabled={phase === 'connecting'}>
          Reconnect now
        </button>
      }
    >
      {error ? `${error.message} ` : ''}
      {everConnected ? 'What you see may be out of date. ' : ''}
      If you stopped <code>bosun web</code>, start it again; this page reconnects by itself. {when}
    </Banner>
  );
}
