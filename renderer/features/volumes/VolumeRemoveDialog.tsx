import type { VolumeRow, VolumeUsage } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import { ConfirmRemoveDialog } from '../resources/ConfirmRemoveDialog';
import { volumeSize } from './volume-text';

/** Remove a volume: its data is lost for good; refused while any container (even stopped) mounts it. */
export function VolumeRemoveDialog({
  row,
  usage,
  onDone,
  onClose,
}: {
  row: VolumeRow;
  usage: VolumeUsage | undefined;
  onDone: () => void;
  onClose: () => void;
}) {
  const client = useClient();
  const users = row.usedBy.map((c) => `${c.name} (${c.state})`).join(', ');
  return (
    <ConfirmRemoveDialog
      title={`Remove the volume ${row.name}?`}
      confirmLabel="Remove volume"
      {...(row.usedBy.length > 0
        ? { blocked: `Containers mount it: ${users}. Remove those containers first (stopped ones too).` }
        : {})}
      onDone={onDone}
      onClose={onClose}
      run={async () => {
        if (!client) throw new Error('not connected');
        return (await client.call('volumes.remove', { connectionId: row.connectionId, names: [row.name] }))
          .results;
      }}
    >
      <ul className="res-lost" data-testid="volume-remove-lost">
        <li>
          The volume <span className="mono">{row.name}</span> ({row.driver}
          {usage ? `, ${volumeSize(usage)}` : ', size not measured'}) and every file in it — lost for good.
        </li>
        {row.mountpoint ? (
          <li>
            Its data at <span className="mono">{row.mountpoint}</span> on the engine&apos;s host is deleted.
          </li>
        ) : null}
      </ul>
    </ConfirmRemoveDialog>
  );
}
