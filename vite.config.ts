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
    rolldownOptions: {
      output: {
        // app/zod-csp.ts must run before any module builds a zod schema, or zod's eval probe trips the CSP.
        // A chunk shared by the entry and the lazy panels (errors.ts builds a schema at load) runs before the
        // entry's own code, so zod-csp travels in zod's own chunk, right after zod itself.
        codeSplitting: {
          groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|[\\/]app[\\/]zod-csp\.ts$/ }],
        },
      },
    },
  },
});
