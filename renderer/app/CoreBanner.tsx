import { useCore } from '../api/CoreContext';
import { Banner } from '../components/Banner';
import { useNow } from '../components/useNow';
import { coreBannerModel } from './core-banner-model';

/** The state of the link to the core when it is not simply working: what happened and what to do. */
export function CoreBanner() {
  const { snapshot, retryNow } = useCore();
  const now = useNow(1_000);
  const model = coreBannerModel(snapshot, now);
  if (!model) return null;

  if (model.reason === 'refused') {
    return (
      <Banner
        tone="danger"
        role="alert"
        testId="core-banner"
        data={{ 'data-reason': model.reason }}
        title={model.title}
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

  // Retrying this address only helps while the same core is still running: a restarted `bosun web` picks a
  // new port and a new token, so the page must not promise that it will find it by itself.
  return (
    <Banner
      tone="warning"
      role="alert"
      testId="core-banner"
      data={{ 'data-reason': model.reason }}
      title={model.title}
      actions={
        <button
          type="button"
          className="button"
          onClick={retryNow}
          disabled={snapshot.phase === 'connecting'}
        >
          Reconnect now
        </button>
      }
    >
      {model.detail ? `${model.detail} ` : ''}
      {model.reason === 'lost' ? 'What you see may be out of date. ' : ''}
      This page keeps retrying this address, which is enough when the connection only dropped for a moment. If
      Bosun was restarted, it listens on a new address with a new token: open the address it printed (
      <code>http://127.0.0.1:PORT/#token=…</code>). <span data-testid="core-banner-next">{model.next}</span>
    </Banner>
  );
}
