import { useEffect, useState } from 'react';
import { OpenTerminalDialog } from './OpenTerminalDialog';
import { clampHeight, PANEL_HEIGHT, PanelResizer } from './PanelResizer';
import { PanelTools } from './PanelTools';
import { TerminalSessionView } from './TerminalSessionView';
import { tabDomId, TerminalTabs } from './TerminalTabs';
import { usePrefersDark } from './usePrefersDark';
import { useTerminals, useTerminalsStore } from './useTerminals';
import './terminal.css';

/**
 * The terminals, below the main view: a tab per session, the active one shown. Nothing is here until
 * the first terminal opens; hidden, it keeps a bar to bring it back, and every session runs on.
 */
export function TerminalPanel() {
  const store = useTerminalsStore();
  const { tabs, activeId, visible, asking } = useTerminals();
  const dark = usePrefersDark();
  const [height, setHeight] = useState(() => clampHeight(PANEL_HEIGHT.initial, window.innerHeight));

  useEffect(() => store.setDark(dark), [store, dark]);
  // A smaller window must not push the containers out of sight.
  useEffect(() => {
    const onResize = (): void => setHeight((h) => clampHeight(h, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const active = tabs.find((tab) => tab.id === activeId);
  const dialog = asking ? <OpenTerminalDialog key={asking.containerId} target={asking} /> : null;
  if (tabs.length === 0) return dialog;

  if (!visible) {
    return (
      <>
        <div className="term-collapsed" data-testid="terminal-panel-collapsed">
          <button
            type="button"
            className="button button-quiet term-small"
            onClick={() => store.setVisible(true)}
          >
            Terminals ({tabs.length})
          </button>
        </div>
        {dialog}
      </>
    );
  }

  return (
    <>
      <section className="term-panel" aria-label="Terminals" data-testid="terminal-panel" style={{ height }}>
        <PanelResizer height={height} onResize={setHeight} />
        <header className="term-bar">
          <TerminalTabs tabs={tabs} activeId={activeId} />
          <PanelTools />
        </header>
        {active ? (
          <TerminalSessionView key={active.id} tab={active} labelledBy={tabDomId(active.id)} />
        ) : null}
      </section>
      {dialog}
    </>
  );
}
