import type { ITheme } from '@xterm/xterm';

// The usual ANSI palettes are tuned for dark backgrounds: their yellow and white vanish on white. These
// follow the app's own tokens (styles/theme.css) and keep every colour readable on its background.

export const LIGHT_THEME: ITheme = {
  background: '#ffffff',
  foreground: '#1c2128',
  cursor: '#1f6feb',
  cursorAccent: '#ffffff',
  selectionBackground: 'rgba(31, 111, 235, 0.25)',
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#7d4e00',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#633c01',
  brightBlue: '#0550ae',
  brightMagenta: '#6639ba',
  brightCyan: '#136061',
  brightWhite: '#8c959f',
};

export const DARK_THEME: ITheme = {
  background: '#101316',
  foreground: '#e6edf3',
  cursor: '#58a6ff',
  cursorAccent: '#101316',
  selectionBackground: 'rgba(56, 139, 253, 0.35)',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#ffffff',
};
