import { useState } from 'react';
import { useClient } from '../../api/CoreContext';
import { ConfirmActions, Dialog } from '../../components/Dialog';
import type { Target } from './bulk-store';
import { signalLabel, SignalPicker, type SignalChoice } from './SignalPicker';
import { useBulkStore } from './useLifecycle';

/** Kill from a row's menu: which signal to send to the container's main process. */
export function KillDialog({ targets, onClose }: { targets: readonly Target[]; onClose: () => void }) {
  const client = useClient();
  const bulk = useBulkStore();
  const [choice, setChoice] = useState<SignalChoice>({ signal: 'KILL' });
  const signal = 'signal' in choice ? choice.signal : undefined;
  const send = (): void => {
    if (!client || !signal) return;
    void bulk.run(client, { kind: 'act', action: 'kill', signal }, targets);
    onClose();
  };
  const who = targets.length === 1 ? targets[0]!.name : `${targets.length} containers`;
  return (
    <Dialog
      title={`Send a signal to ${who}`}
      onCancel={onClose}
      testId="kill-dialog"
      actions={
        <ConfirmActions
          onCancel={onClose}
          onConfirm={send}
          tone="primary"
          disabled={!signal || !client}
          testId="kill-send"
        >
          Send {signal ? signalLabel(signal) : 'signal'}
        </ConfirmActions>
      }
    >
      <p className="field-hint">
        The signal goes to the main process (PID 1). A shell started as <span className="mono">sh -c</span>{' '}
        passes nothing on unless it traps the signal.
      </p>
      <SignalPicker initial="KILL" onChange={setChoice} />
    </Dialog>
  );
}
