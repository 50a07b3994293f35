import type { NetworkRow } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import { ConfirmRemoveDialog } from '../resources/ConfirmRemoveDialog';

/**
 * Remove a network: refused for the engine's own networks and while containers run on it; stopped
 * containers set to join it are named, because they will not start afterwards.
 */
export function NetworkRemoveDialog({
  row,
  onDone,
  onClose,
}: {
  row: NetworkRow;
  onDone: () => void;
  onClose: () => void;
}) {
  const client = useClient();
  const attached = row.containers.filter((c) => c.attached);
  const stranded = row.containers.filter((c) => !c.attached);
  let blocked: string | undefined;
  if (row.builtIn)
    blocked = `${row.name} is one of the engine's own networks (bridge, host, none): the engine needs it and never removes it.`;
  else if (attached.length > 0)
    blocked = `Running containers are attached: ${attached.map((c) => (c.ipv4 ? `${c.name} (${c.ipv4})` : c.name)).join(', ')}. Stop them or disconnect them from it first.`;
  return (
    <ConfirmRemoveDialog
      title={`Remove the network ${row.name}?`}
      confirmLabel="Remove network"
      {...(blocked ? { blocked } : {})}
      onDone={onDone}
      onClose={onClose}
      run={async () => {
        if (!client) throw new Error('not connected');
        return (await client.call('networks.remove', { connectionId: row.connectionId, ids: [row.id] }))
          .results;
      }}
      label={() => row.name}
    >
      <ul className="res-lost" data-testid="network-remove-lost">
        <li>
          The network <span className="mono">{row.name}</span> ({row.driver}
          {row.subnets.length > 0 ? `, ${row.subnets.map((s) => s.subnet).join(', ')}` : ''}) — removed.
        </li>
        {stranded.length > 0 ? (
          <li>
            Stopped containers set to join it ({stranded.map((c) => c.name).join(', ')}) will not start until
            connected to another network.
          </li>
        ) : null}
      </ul>
    </ConfirmRemoveDialog>
  );
}
