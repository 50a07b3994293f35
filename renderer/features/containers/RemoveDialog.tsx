import { useId, useState, type ReactNode } from 'react';
import type { AnonymousVolume, RemovalImpact } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import { ConfirmActions, Dialog } from '../../components/Dialog';
import { formatBytes } from '../stats/format';
import type { Target } from './bulk-store';
import { StateBadge } from './StateBadge';
import { useBulkStore } from './useLifecycle';
import { useRemovalPreview } from './useRemovalPreview';

const short = (name: string): string => name.slice(0, 12);

function volumeFate(volume: AnonymousVolume, removeVolumes: boolean): string {
  if (!removeVolumes) return 'kept, unused (not asked to remove volumes)';
  if (volume.sharedWith.length > 0) return `kept: also used by ${volume.sharedWith.join(', ')}`;
  return 'removed';
}

function ImpactItem({ impact, removeVolumes }: { impact: RemovalImpact; removeVolumes: boolean }) {
  return (
    <li className="rm-item" data-testid="remove-item" data-name={impact.name}>
      <div className="rm-item-head">
        <span className="rm-name">{impact.name}</span>
        <StateBadge state={impact.state} />
      </div>
      <ul className="rm-facts">
        <li data-testid="remove-writable" className="rm-lost">
          Writable layer:{' '}
          <strong>
            {impact.writableBytes === undefined ? 'size unknown' : formatBytes(impact.writableBytes)}
          </strong>{' '}
          of files written inside the container — lost
        </li>
        {impact.anonymousVolumes.map((volume) => {
          const fate = volumeFate(volume, removeVolumes);
          return (
            <li
              key={volume.name}
              className={fate === 'removed' ? 'rm-lost' : 'rm-kept'}
              data-testid="remove-volume"
              data-volume={volume.name}
              data-fate={fate === 'removed' ? 'removed' : 'kept'}
            >
              Anonymous volume{' '}
              <span className="mono" title={volume.name}>
                {short(volume.name)}
              </span>{' '}
              at <span className="mono">{volume.destination}</span> (
              {volume.sizeBytes === undefined ? 'size unknown' : formatBytes(volume.sizeBytes)}) — {fate}
            </li>
          );
        })}
        {impact.kept.map((mount) => (
          <li key={`${mount.type}:${mount.destination}`} className="rm-kept" data-testid="remove-kept">
            {mount.type === 'bind' ? 'Bind mount of ' : 'Named volume '}
            <span className="mono">{mount.source}</span> at <span className="mono">{mount.destination}</span>{' '}
            — kept
          </li>
        ))}
      </ul>
    </li>
  );
}

/** One of the dialog's options; `force` stands out, as it stops running containers. */
function Check(props: {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly testId: string;
  readonly force?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <label className={`rm-check${props.force ? ' rm-force' : ''}`}>
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
        data-testid={props.testId}
      />
      {props.children}
    </label>
  );
}

/** What the removal loses in one sentence, for the top of the dialog and screen readers. */
function lossSummary(impacts: readonly RemovalImpact[], removeVolumes: boolean): string {
  const known = impacts.filter((i) => i.writableBytes !== undefined);
  const bytes = known.reduce((sum, i) => sum + (i.writableBytes ?? 0), 0);
  const layers = `${formatBytes(bytes)} of writable layers${known.length < impacts.length ? ' (some sizes unknown)' : ''}`;
  if (!removeVolumes) return `Lost: ${layers}.`;
  const gone = impacts.flatMap((i) => i.anonymousVolumes).filter((v) => v.sharedWith.length === 0);
  if (gone.length === 0) return `Lost: ${layers}.`;
  const sized = gone.every((v) => v.sizeBytes !== undefined);
  const volumeBytes = gone.reduce((sum, v) => sum + (v.sizeBytes ?? 0), 0);
  const volumes = `${gone.length} anonymous volume${gone.length === 1 ? '' : 's'} (${sized ? formatBytes(volumeBytes) : 'size unknown'})`;
  return `Lost: ${layers} and ${volumes}.`;
}

/**
 * Asks before removing: per container, what is lost (the writable layer with its size, the anonymous
 * volumes by name when they go too) and what is kept (named volumes, bind mounts). Running containers
 * need "force" ticked; nothing happens without a click on the Remove button.
 */
export function RemoveDialog({ targets, onClose }: { targets: readonly Target[]; onClose: () => void }) {
  const id = useId();
  const client = useClient();
  const bulk = useBulkStore();
  const preview = useRemovalPreview(targets);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [force, setForce] = useState(false);
  const impacts = targets.flatMap((t) => preview.impacts.get(t.key) ?? []);
  const removable = targets.filter((t) => preview.impacts.has(t.key));
  const running = impacts.filter((i) => i.running).length;
  const volumeCount = impacts.reduce((sum, i) => sum + i.anonymousVolumes.length, 0);
  const blocked = preview.loading || removable.length === 0 || (running > 0 && !force) || !client;
  const one = targets.length === 1 ? targets[0] : undefined;

  const confirm = (): void => {
    if (blocked || !client) return;
    void bulk.run(
      client,
      { kind: 'remove', force, removeVolumes },
      removable,
      targets.length - removable.length,
    );
    onClose();
  };

  return (
    <Dialog
      title={one ? `Remove ${one.name}?` : `Remove ${targets.length} containers?`}
      onCancel={onClose}
      testId="remove-dialog"
      wide
      describedBy={`${id}-summary`}
      actions={
        <ConfirmActions
          onCancel={onClose}
          onConfirm={confirm}
          tone="danger"
          disabled={blocked}
          testId="remove-confirm"
        >
          {removable.length === 1 ? 'Remove 1 container' : `Remove ${removable.length} containers`}
        </ConfirmActions>
      }
    >
      {preview.loading ? (
        <p className="rm-loading" aria-busy="true">
          Asking the engine what would be lost…
        </p>
      ) : (
        <>
          <p id={`${id}-summary`} className="rm-summary" data-testid="remove-summary" aria-live="polite">
            This cannot be undone. {lossSummary(impacts, removeVolumes)}
          </p>
          <ul className="rm-list">
            {impacts.map((impact) => (
              <ImpactItem key={impact.id} impact={impact} removeVolumes={removeVolumes} />
            ))}
          </ul>
          {preview.failures.map((failure) => (
            <p key={failure.key} className="form-error" role="alert" data-testid="remove-failure">
              {failure.name} could not be read and will not be removed: {failure.message}
            </p>
          ))}
          {volumeCount > 0 && preview.notes.length > 0 ? (
            <p className="field-hint">{preview.notes.join(' ')}</p>
          ) : null}
          {volumeCount > 0 ? (
            <Check checked={removeVolumes} onChange={setRemoveVolumes} testId="remove-volumes">
              Also remove anonymous volumes ({volumeCount}); named volumes and bind mounts are always kept
            </Check>
          ) : null}
          {running > 0 ? (
            <Check checked={force} onChange={setForce} testId="remove-force" force>
              Force: {running === 1 ? 'one of these is running;' : `${running} of these are running;`} stops
              them first (SIGKILL)
            </Check>
          ) : null}
        </>
      )}
    </Dialog>
  );
}
