import type { TerminalTab } from './terminals-store';

/** "web · bash", "web · sh · toolbox", "web · PID 1": the container, then what runs in it. */
export function tabTitle(tab: TerminalTab): string {
  const name = tab.target.containerName;
  const { mode } = tab.choice;
  if (mode === 'attach') return `${name} · PID 1`;
  const shell = tab.session?.shell?.split('/').pop();
  const parts = [name, ...(shell ? [shell] : []), ...(mode === 'toolbox' ? ['toolbox'] : [])];
  return parts.join(' · ');
}
