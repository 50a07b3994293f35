import type { CSSProperties } from 'react';
import type { AnsiColor, AnsiStyle } from './ansi';

const CUBE = [0, 95, 135, 175, 215, 255];

/** The xterm 256-colour palette beyond the 16 themed ones: a 6×6×6 cube, then 24 greys. */
export function paletteHex(index: number): string {
  const hex = (v: number): string => v.toString(16).padStart(2, '0');
  if (index >= 232) {
    const v = 8 + (index - 232) * 10;
    return `#${hex(v)}${hex(v)}${hex(v)}`;
  }
  const n = index - 16;
  const r = CUBE[Math.floor(n / 36) % 6] ?? 0;
  const g = CUBE[Math.floor(n / 6) % 6] ?? 0;
  const b = CUBE[n % 6] ?? 0;
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

export interface SpanProps {
  readonly className: string | undefined;
  readonly style: CSSProperties | undefined;
}

const NONE: SpanProps = { className: undefined, style: undefined };

/**
 * Classes and inline colours for a span. The 16 basic colours are classes, so the light and dark
 * themes pick readable shades (logs.css); 256-colour and truecolor values are inline styles.
 * Inverse swaps the two, with the log's own background and text colour standing in for "default".
 */
export function spanProps(style: AnsiStyle | undefined): SpanProps {
  if (!style) return NONE;
  const classes: string[] = [];
  const css: CSSProperties = {};
  let fg: AnsiColor | 'default' | undefined = style.fg;
  let bg: AnsiColor | 'default' | undefined = style.bg;
  if (style.inverse) {
    [fg, bg] = [bg ?? 'default', fg ?? 'default'];
  }
  const paint = (color: AnsiColor | 'default' | undefined, layer: 'fg' | 'bg'): void => {
    if (color === undefined) return;
    if (color === 'default') classes.push(`ansi-${layer}-inverse`);
    else if (typeof color === 'number' && color < 16) classes.push(`ansi-${layer}-${color}`);
    else {
      const value = typeof color === 'number' ? paletteHex(color) : color;
      if (layer === 'fg') css.color = value;
      else css.backgroundColor = value;
    }
  };
  paint(fg, 'fg');
  paint(bg, 'bg');
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  return {
    className: classes.length > 0 ? classes.join(' ') : undefined,
    style: Object.keys(css).length > 0 ? css : undefined,
  };
}
