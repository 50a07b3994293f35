import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { AccessCheck, PodRow } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import { ConfirmActions, Dialog } from '../../components/Dialog';
import { PortForwardDialog } from './PortForwardDialog';
import { usePortForwards } from './port-forwards-store';

type Action = 'delete' | 'restart' | 'scale' | 'forward';

const CHECKS: Record<Action, AccessCheck> = {
  delete: { verb: 'delete', resource: 'pods' },
  restart: { verb: 'patch', resource: 'deployments', group: 'apps' },
  scale: { verb: 'update', resource: 'deployments', subresource: 'scale', group: 'apps' },
  forward: { verb: 'create', resource: 'pods', subresource: 'portforward' },
};

const LABELS: Record<Action, string> = {
  delete: 'Delete pod',
  restart: 'Restart deployment',
  scale: 'Scale…',
  forward: 'Forward a port…',
};

/**
 * The Deployment behind a pod, read from its ReplicaSet's name: a Deployment names its ReplicaSets
 * `<deployment>-<pod-template-hash>` and stamps that hash on their pods.
 */
export function deploymentOf(row: PodRow): string | undefined {
  const hash = row.labels['pod-template-hash'];
  if (row.owner?.kind !== 'ReplicaSet' || !hash || !row.owner.name.endsWith(`-${hash}`)) return undefined;
  return row.owner.name.slice(0, -(hash.length + 1));
}

/** What deleting this pod does, said before it is done. */
function deleteConsequence(row: PodRow): string {
  if (!row.owner)
    return `${row.name} has no controller: once deleted it is gone for good, and nothing starts it again.`;
  return `Its ${row.owner.kind} ${row.owner.name} makes a new pod in its place; what was written inside this pod's containers is lost.`;
}

type Menu =
  | { readonly state: 'checking' }
  | { readonly state: 'ready'; readonly allowed: readonly Action[] }
  | { readonly state: 'failed'; readonly message: string };

/**
 * A pod row's ⋮ menu: only the actions RBAC allows (asked with kube.access when it opens), each
 * confirmed in a dialog that says what will happen.
 */
export function PodRowMenu({ row }: { row: PodRow }) {
  const client = useClient();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [menu, setMenu] = useState<Menu | undefined>();
  const [asking, setAsking] = useState<Action | undefined>();
  // Read where the button is when the menu opens (the portal is placed by the viewport).
  const [position, setPosition] = useState({ top: 0, left: 0 });
  const deployment = deploymentOf(row);
  const forwards = usePortForwards();

  useEffect(() => {
    if (!menu) return;
    const onDown = (event: MouseEvent): void => {
      const target = event.target as HTMLElement;
      if (!target.closest('[data-testid=pod-menu]') && !buttonRef.current?.contains(target))
        setMenu(undefined);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [menu]);

  const open = async (): Promise<void> => {
    if (menu) return setMenu(undefined);
    if (!client) return;
    const offered: Action[] = deployment ? ['delete', 'restart', 'scale'] : ['delete'];
    // Only inside the Pods view, whose strip lists and stops the forwards.
    if (forwards && row.status === 'Running') offered.push('forward');
    const rect = buttonRef.current?.getBoundingClientRect();
    if (rect) setPosition({ top: rect.bottom + 2, left: rect.left });
    setMenu({ state: 'checking' });
    try {
      const answers = await client.call('kube.access', {
        clusterId: row.clusterId,
        namespace: row.namespace,
        checks: offered.map((action) => CHECKS[action]),
      });
      setMenu({ state: 'ready', allowed: offered.filter((_, i) => answers[i]?.allowed === true) });
    } catch (error) {
      setMenu({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button-quiet lc-kebab"
        aria-label={`Actions for ${row.name}`}
        aria-haspopup="menu"
        aria-expanded={menu !== undefined}
        onClick={() => void open()}
        data-testid="pod-menu-button"
      >
        ⋮
      </button>
      {menu &&
        createPortal(
          <div
            role="menu"
            aria-label={`Actions for ${row.name}`}
            className="lc-menu"
            style={position}
            onKeyDown={(event) => event.key === 'Escape' && setMenu(undefined)}
            data-testid="pod-menu"
          >
            {menu.state === 'checking' && <div className="lc-menu-item">Checking permissions…</div>}
            {menu.state === 'failed' && (
              <div className="lc-menu-item" role="alert">
                Cannot tell what you may do: {menu.message}
              </div>
            )}
            {menu.state === 'ready' && menu.allowed.length === 0 && (
              <div className="lc-menu-item" data-testid="pod-menu-none">
                Your RBAC permissions allow no action on this pod.
              </div>
            )}
            {menu.state === 'ready' &&
              menu.allowed.map((action) => (
                <button
                  key={action}
                  type="button"
                  role="menuitem"
                  className={`lc-menu-item${action === 'delete' ? ' lc-menu-danger' : ''}`}
                  onClick={() => {
                    setMenu(undefined);
                    setAsking(action);
                  }}
                  data-testid={`pod-action-${action}`}
                >
                  {LABELS[action]}
                </button>
              ))}
          </div>,
          document.body,
        )}
      {asking === 'forward' && forwards && (
        <PortForwardDialog row={row} store={forwards} onDone={() => setAsking(undefined)} />
      )}
      {asking && asking !== 'forward' && (
        <PodActionDialog
          row={row}
          action={asking}
          deployment={deployment}
          onDone={() => setAsking(undefined)}
        />
      )}
    </>
  );
}

interface DialogProps {
  readonly row: PodRow;
  readonly action: Action;
  readonly deployment: string | undefined;
  readonly onDone: () => void;
}

function PodActionDialog({ row, action, deployment, onDone }: DialogProps) {
  const client = useClient();
  const [replicas, setReplicas] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const count = Number(replicas);
  const validReplicas = /^\d+$/.test(replicas) && count <= 10_000;
  const where = { clusterId: row.clusterId, namespace: row.namespace };

  const confirm = async (): Promise<void> => {
    if (!client) return;
    setBusy(true);
    setError(undefined);
    try {
      if (action === 'delete') await client.call('kube.pods.delete', { ...where, name: row.name });
      else if (action === 'restart')
        await client.call('kube.workloads.restart', { ...where, kind: 'Deployment', name: deployment! });
      else
        await client.call('kube.workloads.scale', {
          ...where,
          kind: 'Deployment',
          name: deployment!,
          replicas: count,
        });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const title =
    action === 'delete'
      ? `Delete pod ${row.name}?`
      : action === 'restart'
        ? `Restart deployment ${deployment}?`
        : `Scale deployment ${deployment}`;
  const confirmLabel =
    action === 'delete' ? 'Delete pod' : action === 'restart' ? 'Restart deployment' : `Scale to ${replicas}`;
  return (
    <Dialog
      title={title}
      onCancel={onDone}
      testId="pod-action-dialog"
      actions={
        <ConfirmActions
          onCancel={onDone}
          onConfirm={() => void confirm()}
          tone={action === 'delete' ? 'danger' : 'primary'}
          disabled={busy || (action === 'scale' && !validReplicas)}
          testId="pod-action-confirm"
        >
          {confirmLabel}
        </ConfirmActions>
      }
    >
      {action === 'delete' && <p data-testid="pod-action-consequence">{deleteConsequence(row)}</p>}
      {action === 'restart' && (
        <p data-testid="pod-action-consequence">
          Every pod of {deployment} in {row.namespace} is replaced by a new one, as its rollout strategy says
          (what kubectl rollout restart does).
        </p>
      )}
      {action === 'scale' && (
        <label>
          Replicas of {deployment} in {row.namespace}{' '}
          <input
            className="input"
            inputMode="numeric"
            value={replicas}
            onChange={(event) => setReplicas(event.target.value.trim())}
            aria-invalid={!validReplicas}
            data-testid="pod-scale-replicas"
          />
        </label>
      )}
      {error && (
        <p role="alert" data-testid="pod-action-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
