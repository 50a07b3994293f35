import { Banner } from '../../components/Banner';
import type { HostKeyRefusal } from './host-key';

/**
 * A host presenting another key than the one on record: Bosun refuses, and says what each fingerprint
 * is and the only safe way forward. There is deliberately no button that accepts it.
 */
export function HostKeyChanged({ refusal }: { refusal: HostKeyRefusal }) {
  const host = refusal.host;
  return (
    <Banner
      tone="danger"
      role="alert"
      testId="host-key-changed"
      title={`The SSH host key of ${host} has changed: Bosun refuses to connect`}
    >
      <p>Someone may be intercepting the connection, or the server was reinstalled.</p>
      <dl className="host-key">
        <dt>On record</dt>
        <dd className="host-key-print" data-testid="host-key-expected">
          {refusal.expected ?? 'another key (see known_hosts)'}
        </dd>
        <dt>Presented now</dt>
        <dd className="host-key-print" data-testid="host-key-presented">
          {refusal.keyType} {refusal.fingerprint}
        </dd>
      </dl>
      <p>
        Only if the change is expected: confirm the new fingerprint with the server’s administrator, remove
        the stale line with <code>ssh-keygen -R &apos;{host}&apos;</code> (from ~/.ssh/known_hosts, or with{' '}
        <code>-f</code> from Bosun’s known-hosts file in its data directory), then add the connection again.
      </p>
    </Banner>
  );
}
