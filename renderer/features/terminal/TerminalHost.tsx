import { useEffect, useRef } from 'react';
import { useTerminalsStore } from './useTerminals';

/**
 * Where a tab's screen is shown. The screen is lent, not owned: it is moved in on mount and taken out
 * on unmount, never disposed, so the session and its scrollback outlive this component. It takes the
 * keyboard when the user just opened or picked this tab. Every change of the box's size refits the
 * screen and tells the program its new size.
 */
export function TerminalHost({ tabId }: { tabId: string }) {
  const store = useTerminalsStore();
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const box = boxRef.current;
    const view = store.view(tabId);
    if (!box || !view) return;
    view.attach(box);
    store.fit(tabId);
    if (store.claimFocus(tabId)) view.focus();
    if (typeof ResizeObserver === 'undefined') return () => view.detach();
    // One fit per frame however many resize notifications a drag of the splitter brings.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => store.fit(tabId));
    });
    observer.observe(box);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      view.detach();
    };
  }, [store, tabId]);

  return <div ref={boxRef} className="term-host" data-testid="terminal-host" />;
}
