import { KillDialog } from './KillDialog';
import { RemoveDialog } from './RemoveDialog';
import { RowMenuPopup } from './RowMenu';
import { useBulk, useBulkStore } from './useLifecycle';

/** The row menu and the questions asked before acting (Kill's signal, what Remove loses). */
export function LifecycleDialogs() {
  const { dialog } = useBulk();
  const bulk = useBulkStore();
  const close = (): void => bulk.closeDialog();
  return (
    <>
      <RowMenuPopup />
      {dialog?.kind === 'remove' ? <RemoveDialog targets={dialog.targets} onClose={close} /> : null}
      {dialog?.kind === 'kill' ? <KillDialog targets={dialog.targets} onClose={close} /> : null}
    </>
  );
}
