import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: built to static files that Electron loads and the web mode serves under a strict CSP
// (no inline scripts or styles), so nothing here may inject either.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  server: {
    // The renderer imports the shared contract from electron/shared, outside the root.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2023',
    // Chromium preloads modules natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
  },
});
