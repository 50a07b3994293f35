import { ProblemBanner } from './ProblemBanner';
import { SearchBox } from './SearchBox';
import { StatusStrip } from './StatusStrip';
import { TerminalHost } from './TerminalHost';
import type { TerminalTab } from './terminals-store';
import { useTerminals, useTerminalsStore } from './useTerminals';

/** One tab's content: what runs and how, why it stopped, the search box, and the screen itself. */
export function TerminalSessionView({ tab, labelledBy }: { tab: TerminalTab; labelledBy: string }) {
  const store = useTerminalsStore();
  const { searching, searchRequest } = useTerminals();
  const view = store.view(tab.id);
  return (
    <div
      role="tabpanel"
      id={`term-panel-${tab.id}`}
      aria-labelledby={labelledBy}
      className="term-session"
      data-testid="terminal-session"
      data-phase={tab.phase}
      data-mode={tab.choice.mode}
    >
      <StatusStrip tab={tab} />
      <ProblemBanner tab={tab} />
      <div className="term-screen-area">
        {/* Over the screen, not above it: opening the search must not resize the program's terminal. */}
        {searching && view ? (
          <SearchBox view={view} request={searchRequest} onClose={() => store.setSearching(false)} />
        ) : null}
        <TerminalHost tabId={tab.id} />
      </div>
    </div>
  );
}
