import { FONT_SIZE } from './terminals-store';
import { useTerminals, useTerminalsStore } from './useTerminals';

/** The panel's own buttons: find, text size, GPU drawing, hide. */
export function PanelTools() {
  const store = useTerminalsStore();
  const { fontSize, gpu, searching, activeId } = useTerminals();
  return (
    <div className="term-tools">
      <button
        type="button"
        className="button button-quiet term-small"
        aria-pressed={searching}
        disabled={!activeId}
        title="Find in the scrollback (Ctrl+Shift+F)"
        onClick={() => store.setSearching(!searching)}
      >
        Find
      </button>
      <button
        type="button"
        className="button button-quiet term-small"
        aria-label="Smaller text"
        title="Smaller text (Ctrl+-)"
        disabled={fontSize <= FONT_SIZE.min}
        onClick={() => store.zoom(-1)}
      >
        A−
      </button>
      <span className="term-font-size" aria-live="polite" data-testid="terminal-font-size">
        {fontSize}px
      </span>
      <button
        type="button"
        className="button button-quiet term-small"
        aria-label="Larger text"
        title="Larger text (Ctrl+=)"
        disabled={fontSize >= FONT_SIZE.max}
        onClick={() => store.zoom(1)}
      >
        A+
      </button>
      <label
        className="term-gpu"
        title="Draw with WebGL when the browser can; turn off if the terminal shows glitches"
      >
        <input type="checkbox" checked={gpu} onChange={(event) => store.setGpu(event.target.checked)} />
        GPU
      </label>
      <button
        type="button"
        className="button button-quiet term-small"
        title="Hide the terminals; their sessions keep running"
        onClick={() => store.setVisible(false)}
      >
        Hide
      </button>
    </div>
  );
}
