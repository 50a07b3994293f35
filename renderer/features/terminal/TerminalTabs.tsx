import type { KeyboardEvent } from 'react';
import { tabTitle } from './tab-title';
import type { TerminalTab } from './terminals-store';
import { useTerminalsStore } from './useTerminals';

export const tabDomId = (tabId: string): string => `term-tab-${tabId}`;

/** Where an arrow, Home or End key moves the selection in a list of `count` tabs (wrapping around). */
function movedTo(key: string, index: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

interface TerminalTabsProps {
  readonly tabs: readonly TerminalTab[];
  readonly activeId: string | undefined;
}

/**
 * One tab per session, each with its close button. Arrow keys, Home and End move between tabs (one
 * tab stop for the whole list, as a tab list should have).
 */
export function TerminalTabs({ tabs, activeId }: TerminalTabsProps) {
  const store = useTerminalsStore();

  const onKeyDown = (event: KeyboardEvent, index: number): void => {
    const to = movedTo(event.key, index, tabs.length);
    const tab = to === undefined ? undefined : tabs[to];
    if (!tab) return;
    event.preventDefault();
    // The keyboard stays in the tab list while moving through it.
    store.select(tab.id, false);
    document.getElementById(tabDomId(tab.id))?.focus();
  };

  return (
    <div role="tablist" aria-label="Terminals" className="term-tabs">
      {tabs.map((tab, index) => {
        const title = tabTitle(tab);
        const selected = tab.id === activeId;
        return (
          <div
            key={tab.id}
            className={selected ? 'term-tab term-tab-on' : 'term-tab'}
            data-testid="terminal-tab"
            data-container={tab.target.containerName}
            data-phase={tab.phase}
          >
            <button
              type="button"
              role="tab"
              id={tabDomId(tab.id)}
              aria-selected={selected}
              aria-controls={selected ? `term-panel-${tab.id}` : undefined}
              tabIndex={selected ? 0 : -1}
              className="term-tab-title"
              title={title}
              onClick={() => store.select(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span className={`term-dot term-dot-${tab.phase}`} aria-hidden="true" />
              {title}
            </button>
            <button
              type="button"
              className="term-tab-close"
              aria-label={`Close ${title}`}
              title="Close this terminal (ends its session)"
              onClick={() => store.close(tab.id)}
            >
              ✕
            </button>
          </div>
        );
      })}
    </div>
  );
}
