import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The kiosk screens: built to dist/renderer, served by Electron's app:// protocol or the
// browser host. Relative base so both hosts can serve the same files.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
  },
});
