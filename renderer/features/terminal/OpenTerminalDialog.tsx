import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { TerminalMode } from '../../../electron/shared/contract';
import { TextField } from '../../components/TextField';
import { optionProblem, type OpenChoice, type TerminalTarget } from './open-request';
import { useTerminalsStore } from './useTerminals';

const MODES: ReadonlyArray<{ mode: TerminalMode; label: string; hint: string }> = [
  { mode: 'shell', label: 'Shell', hint: 'The best shell of the image, with the fixes.' },
  {
    mode: 'toolbox',
    label: 'Toolbox',
    hint: 'A busybox shell beside the container: its network, its processes, /proc/1/root.',
  },
  {
    mode: 'attach',
    label: 'Attach to PID 1',
    hint: 'The console of the main process, read-only unless you allow typing.',
  },
];

/** Opening a terminal some other way: attach to PID 1, another user, another working directory. */
export function OpenTerminalDialog({ target }: { target: TerminalTarget }) {
  const store = useTerminalsStore();
  const id = useId();
  const firstRef = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<TerminalMode>('shell');
  const [user, setUser] = useState('');
  const [workdir, setWorkdir] = useState('');
  const [writable, setWritable] = useState(false);
  const userProblem = optionProblem('user', user.trim());
  const workdirProblem = optionProblem('workdir', workdir.trim());

  useEffect(() => firstRef.current?.focus(), []);

  const cancel = (): void => store.ask(undefined);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (mode === 'shell' && (userProblem || workdirProblem)) return;
    store.open(target, choice());
  };
  // Only what the mode takes: a user or directory typed before switching to attach is not sent.
  const choice = (): OpenChoice => {
    if (mode === 'shell')
      return { mode, user: user.trim() || undefined, workdir: workdir.trim() || undefined };
    if (mode === 'attach') return { mode, writable };
    return { mode };
  };

  return (
    <div
      className="term-dialog-backdrop"
      onClick={(event) => event.target === event.currentTarget && cancel()}
    >
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        className="term-dialog"
        onSubmit={submit}
        onKeyDown={(event) => event.key === 'Escape' && cancel()}
        data-testid="terminal-open-dialog"
      >
        <h2 id={`${id}-title`} className="term-dialog-title">
          Open a terminal in {target.containerName}
        </h2>
        <fieldset className="term-dialog-modes">
          <legend className="field-label">How</legend>
          {MODES.map((option, index) => (
            <label key={option.mode} className="term-dialog-mode">
              <input
                ref={index === 0 ? firstRef : undefined}
                type="radio"
                name={`${id}-mode`}
                value={option.mode}
                checked={mode === option.mode}
                onChange={() => setMode(option.mode)}
              />
              <span>
                <span className="term-dialog-mode-name">{option.label}</span>
                <span className="field-hint"> {option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === 'shell' ? (
          <>
            <TextField
              id={`${id}-user`}
              label="User"
              value={user}
              onChange={setUser}
              error={userProblem}
              placeholder="the container's user"
              hint="A name, UID or UID:GID, as docker exec --user takes it."
              mono
            />
            <TextField
              id={`${id}-workdir`}
              label="Working directory"
              value={workdir}
              onChange={setWorkdir}
              error={workdirProblem}
              placeholder="the container's working directory"
              mono
            />
          </>
        ) : null}
        {mode === 'attach' ? (
          <label className="term-dialog-check">
            <input
              type="checkbox"
              checked={writable}
              onChange={(event) => setWritable(event.target.checked)}
            />
            Allow typing into the main process
          </label>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Open
          </button>
        </div>
      </form>
    </div>
  );
}
