import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { ContainerRow } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import type { Target } from './bulk-store';
import { ACTIONS, ACTION_ORDER, type BulkAction } from './lifecycle-actions';
import { useBulk, useBulkStore } from './useLifecycle';

const ITEM_HEIGHT = 28;

/**
 * A row's ⋮ button. It only tells the store which row asked: the menu itself is drawn once for the
 * table, so the memoized rows subscribe to nothing.
 */
export function RowMenuButton({ row, target }: { row: ContainerRow; target: Target }) {
  const bulk = useBulkStore();
  return (
    <button
      type="button"
      className="button button-quiet lc-kebab"
      aria-label={`Actions for ${row.name}`}
      aria-haspopup="menu"
      onClick={(event) => {
        if (bulk.getSnapshot().menu?.opener === event.currentTarget) bulk.closeMenu();
        else bulk.openMenu({ target, state: row.state, opener: event.currentTarget });
      }}
      data-testid="row-menu-button"
    >
      ⋮
    </button>
  );
}

/** The open row menu: the actions that apply to that container; Kill and Remove ask first. */
export function RowMenuPopup() {
  const { menu } = useBulk();
  const bulk = useBulkStore();
  const client = useClient();
  const listRef = useRef<HTMLDivElement>(null);
  const actions = menu ? ACTION_ORDER.filter((action) => ACTIONS[action].applies(menu.state)) : [];
  // Read where the button is once per opening; below it, or above it when the window ends first.
  const position = useMemo(() => {
    if (!menu) return undefined;
    const rect = menu.opener.getBoundingClientRect();
    const height = actions.length * ITEM_HEIGHT + 8;
    const below = rect.bottom + 2 + height <= window.innerHeight;
    return { top: below ? rect.bottom + 2 : Math.max(4, rect.top - height - 2), left: rect.left };
    // actions follow from menu
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [menu]);

  useEffect(() => {
    if (!menu) return;
    menu.opener.setAttribute('aria-expanded', 'true');
    listRef.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    const onDown = (event: MouseEvent): void => {
      const target = event.target as Node;
      if (!listRef.current?.contains(target) && !menu.opener.contains(target)) bulk.closeMenu();
    };
    // A fixed menu would float away from its row when the table scrolls.
    const onScroll = (event: Event): void => {
      if (!listRef.current?.contains(event.target as Node)) bulk.closeMenu();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('scroll', onScroll, true);
      menu.opener.setAttribute('aria-expanded', 'false');
    };
  }, [menu, bulk]);

  if (!menu || !position) return null;

  const close = (refocus: boolean): void => {
    bulk.closeMenu();
    if (refocus && menu.opener.isConnected) menu.opener.focus();
  };
  const choose = (action: BulkAction, target: Target): void => {
    // Focus goes back to the ⋮ first, so a dialog opened from here gives it back there when it closes.
    close(true);
    if (action === 'kill' || action === 'remove') bulk.ask(action, [target]);
    else if (client) void bulk.run(client, { kind: 'act', action }, [target]);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      items[event.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  };

  return createPortal(
    <div
      ref={listRef}
      role="menu"
      aria-label={`Actions for ${menu.target.name}`}
      className="lc-menu"
      style={{ top: position.top, left: position.left }}
      onKeyDown={onKeyDown}
      data-testid="row-menu"
    >
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`lc-menu-item${action === 'remove' ? ' lc-menu-danger' : ''}`}
          disabled={!client}
          onClick={() => choose(action, menu.target)}
        >
          {ACTIONS[action].label}
          {action === 'kill' || action === 'remove' ? '…' : ''}
        </button>
      ))}
    </div>,
    document.body,
  );
}
