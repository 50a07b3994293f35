import { useState } from 'react';
import { FixesMenu, FIX_NAMES } from './FixesMenu';
import type { TerminalTab } from './terminals-store';
import { useTerminalsStore } from './useTerminals';

function opening(tab: TerminalTab): string {
  const name = tab.target.containerName;
  if (tab.choice.mode === 'toolbox') return `Starting the toolbox beside ${name}…`;
  if (tab.choice.mode === 'attach') return `Attaching to PID 1 of ${name}…`;
  return `Opening a shell in ${name}…`;
}

/** "/bin/bash as root", "Attached to PID 1". */
function running(tab: TerminalTab): string | undefined {
  const { session } = tab;
  if (!session) return undefined;
  if (session.mode === 'attach') return 'Attached to PID 1';
  return `${session.shell ?? 'shell'} as ${session.user || "the image's user"}`;
}

function fixState(applied: boolean, turnedOff: boolean): string {
  if (applied) return 'applied';
  return turnedOff ? 'turned off' : 'not needed or not possible here';
}

/** Applied fixes stand out; one the user turned off is struck through, one not needed is only dimmed. */
function fixClass(applied: boolean, turnedOff: boolean): string {
  if (applied) return 'term-fix term-fix-on';
  return turnedOff ? 'term-fix term-fix-off term-fix-turned-off' : 'term-fix term-fix-off';
}

/**
 * What runs in a tab and how: the shell and user, the toolbox or read-only badge, every fix Bosun made
 * (applied ones highlighted, the others dimmed) with a way to turn them off, and progress while opening.
 */
export function StatusStrip({ tab }: { tab: TerminalTab }) {
  const store = useTerminalsStore();
  const [fixesOpen, setFixesOpen] = useState(false);
  const { session, choice } = tab;
  const writable = session?.writable ?? Boolean(choice.writable);
  return (
    <div className="term-status" data-testid="terminal-status" data-phase={tab.phase}>
      <span className="term-status-what" data-testid="terminal-what">
        {running(tab) ?? tab.target.containerName}
      </span>
      {choice.mode === 'toolbox' ? (
        <span className="term-badge" title={session?.toolbox ? `Image ${session.toolbox.image}` : undefined}>
          toolbox
        </span>
      ) : null}
      {choice.mode === 'attach' ? (
        <>
          <span
            className={writable ? 'term-badge term-badge-warn' : 'term-badge'}
            data-testid="terminal-access"
            data-writable={String(writable)}
          >
            {writable ? 'writable' : 'read-only'}
          </span>
          <button
            type="button"
            className="button button-quiet term-small"
            onClick={() => store.setWritable(tab.id, !writable)}
            title={writable ? undefined : 'Keystrokes will reach the container’s main process'}
          >
            {writable ? 'Make read-only' : 'Allow typing'}
          </button>
        </>
      ) : null}
      {tab.phase === 'opening' ? (
        <span className="term-progress" role="status" data-testid="terminal-progress">
          <span className="term-spinner" aria-hidden="true" />
          {tab.progress ?? opening(tab)}
        </span>
      ) : null}
      {choice.mode !== 'attach' ? (
        <div className="term-fixes-anchor">
          <button
            type="button"
            className="button button-quiet term-small"
            aria-expanded={fixesOpen}
            onClick={() => setFixesOpen((open) => !open)}
          >
            Fixes…
          </button>
          {fixesOpen ? (
            <FixesMenu
              fixes={session?.fixes ?? []}
              disabled={tab.disabledFixes}
              onCancel={() => setFixesOpen(false)}
              onApply={(disabled) => {
                setFixesOpen(false);
                store.setDisabledFixes(tab.id, disabled);
              }}
            />
          ) : null}
        </div>
      ) : null}
      {session && session.fixes.length > 0 ? (
        <ul className="term-fixes" aria-label="Fixes Bosun made">
          {session.fixes.map((fix) => (
            <li
              key={fix.id}
              className={fixClass(fix.applied, tab.disabledFixes.includes(fix.id))}
              title={`${FIX_NAMES[fix.id]}: ${fixState(fix.applied, tab.disabledFixes.includes(fix.id))}`}
              data-fix={fix.id}
              data-applied={String(fix.applied)}
            >
              {fix.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
