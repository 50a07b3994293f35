import { useState } from 'react';
import type { Cluster } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';

interface NamespacePickerProps {
  readonly cluster: Cluster;
  readonly load: (clusterId: string) => Promise<{ namespaces: string[]; selected: string[] | null }>;
  readonly onSet: (clusterId: string, namespaces: string[] | null) => Promise<unknown>;
}

type Panel =
  | { readonly phase: 'closed' }
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly message: string }
  | { readonly phase: 'open'; readonly namespaces: readonly string[] };

const MAX_CHOSEN = 100; // what kube.namespaces.set accepts

function scopeText(namespaces: readonly string[] | null): string {
  if (namespaces === null) return 'All namespaces';
  if (namespaces.length <= 3) return namespaces.join(', ');
  return `${namespaces.slice(0, 2).join(', ')} and ${namespaces.length - 2} more`;
}

function message(error: unknown, what: string): string {
  return isAppError(error) ? error.message : what;
}

/** The namespaces whose pods Bosun watches on one cluster: all of them, or the ones ticked. */
export function NamespacePicker({ cluster, load, onSet }: NamespacePickerProps) {
  const [panel, setPanel] = useState<Panel>({ phase: 'closed' });
  const [all, setAll] = useState(cluster.namespaces === null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(cluster.namespaces ?? []));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const open = async (): Promise<void> => {
    setPanel({ phase: 'loading' });
    setError(undefined);
    try {
      const answer = await load(cluster.id);
      setAll(answer.selected === null);
      setChosen(new Set(answer.selected ?? []));
      setPanel({ phase: 'open', namespaces: answer.namespaces });
    } catch (caught) {
      setPanel({ phase: 'failed', message: message(caught, 'Reading the namespaces failed.') });
    }
  };

  const toggle = (name: string, on: boolean): void =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });

  const apply = async (): Promise<void> => {
    setSaving(true);
    setError(undefined);
    try {
      await onSet(cluster.id, all ? null : [...chosen].sort());
      setPanel({ phase: 'closed' });
    } catch (caught) {
      setError(message(caught, 'Changing the namespaces failed.'));
    } finally {
      setSaving(false);
    }
  };

  const invalid = !all && (chosen.size === 0 || chosen.size > MAX_CHOSEN);
  return (
    <div className="kube-control kube-ns">
      <span className="kube-control-label">Namespaces</span>
      <button
        type="button"
        className="button button-quiet kube-ns-button"
        aria-expanded={panel.phase !== 'closed'}
        aria-label={`Namespaces of ${cluster.name}: ${scopeText(cluster.namespaces)}`}
        disabled={cluster.context === undefined}
        onClick={() => (panel.phase === 'closed' ? void open() : setPanel({ phase: 'closed' }))}
        data-testid="namespace-scope"
      >
        {scopeText(cluster.namespaces)} ▾
      </button>
      {panel.phase === 'closed' ? null : (
        <div
          className="kube-ns-panel"
          role="group"
          aria-label={`Namespaces of ${cluster.name}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setPanel({ phase: 'closed' });
          }}
        >
          {panel.phase === 'loading' ? <p className="kube-note">Reading namespaces…</p> : null}
          {panel.phase === 'failed' ? (
            <p className="kube-error" role="alert">
              {panel.message}{' '}
              <button type="button" className="button" onClick={() => void open()}>
                Try again
              </button>
            </p>
          ) : null}
          {panel.phase === 'open' ? (
            <>
              <label className="kube-ns-choice">
                <input type="radio" checked={all} onChange={() => setAll(true)} />
                All namespaces
              </label>
              <label className="kube-ns-choice">
                <input type="radio" checked={!all} onChange={() => setAll(false)} />
                Only these:
              </label>
              <div className="kube-ns-list">
                {panel.namespaces.map((name) => (
                  <label key={name} className="kube-ns-item">
                    <input
                      type="checkbox"
                      checked={chosen.has(name)}
                      disabled={all}
                      onChange={(event) => toggle(name, event.target.checked)}
                    />
                    <span className="mono">{name}</span>
                  </label>
                ))}
              </div>
              {invalid ? (
                <p className="kube-note">
                  {chosen.size === 0 ? 'Tick at least one namespace.' : `At most ${MAX_CHOSEN} namespaces.`}
                </p>
              ) : null}
              {error ? (
                <p className="kube-error" role="alert" data-testid="namespace-error">
                  {error}
                </p>
              ) : null}
              <div className="kube-ns-actions">
                <button
                  type="button"
                  className="button button-primary"
                  disabled={saving || invalid}
                  onClick={() => void apply()}
                >
                  {saving ? 'Applying…' : 'Apply'}
                </button>
                <button type="button" className="button" onClick={() => setPanel({ phase: 'closed' })}>
                  Cancel
                </button>
              </div>
            </>
          ) : null}
        </div>
      )}
    </div>
  );
}
