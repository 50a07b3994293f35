import { useRef, type KeyboardEvent } from 'react';
import type { DetailTab } from './detail-tabs';

interface DetailTabBarProps {
  readonly tabs: readonly DetailTab[];
  readonly active: string | undefined;
  readonly onSelect: (id: string) => void;
}

/** An ARIA tab list: arrows move between tabs, as screen readers and keyboard users expect. */
export function DetailTabBar({ tabs, active, onSelect }: DetailTabBarProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 || tabs.length === 0) return;
    event.preventDefault();
    const index = Math.max(
      0,
      tabs.findIndex((t) => t.id === active),
    );
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    listRef.current?.querySelector<HTMLButtonElement>(`#tab-${next.id}`)?.focus();
  };
  return (
    <div
      ref={listRef}
      role="tablist"
      aria-label="Container details"
      className="details-tabs"
      onKeyDown={onKeyDown}
    >
      {tabs.map((tab) => {
        const selected = tab.id === active;
        return (
          <button
            key={tab.id}
            id={`tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls="details-panel"
            tabIndex={selected ? 0 : -1}
            className={`details-tab${selected ? ' details-tab-on' : ''}`}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
