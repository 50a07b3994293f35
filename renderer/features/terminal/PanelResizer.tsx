import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export const PANEL_HEIGHT = { min: 140, initial: 320, step: 24 } as const;
/** The containers above keep at least this much of the window. */
const ROOM_ABOVE = 180;

export function clampHeight(height: number, windowHeight: number): number {
  const max = Math.max(PANEL_HEIGHT.min, windowHeight - ROOM_ABOVE);
  return Math.round(Math.min(max, Math.max(PANEL_HEIGHT.min, height)));
}

interface PanelResizerProps {
  readonly height: number;
  readonly onResize: (height: number) => void;
}

/** The splitter above the terminal panel: drag it, or focus it and use the arrow keys. */
export function PanelResizer({ height, onResize }: PanelResizerProps) {
  const drag = useRef<{ startY: number; startHeight: number } | undefined>(undefined);
  const resize = (next: number): void => onResize(clampHeight(next, window.innerHeight));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startY: event.clientY, startHeight: height };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    const start = drag.current;
    if (start) resize(start.startHeight + start.startY - event.clientY);
  };
  const onPointerUp = (): void => {
    drag.current = undefined;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const delta =
      event.key === 'ArrowUp' ? PANEL_HEIGHT.step : event.key === 'ArrowDown' ? -PANEL_HEIGHT.step : 0;
    if (delta === 0) return;
    event.preventDefault();
    resize(height + delta);
  };

  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the terminal panel"
      aria-valuenow={height}
      aria-valuemin={PANEL_HEIGHT.min}
      tabIndex={0}
      className="term-resizer"
      data-testid="terminal-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
