import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
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
    // The kiosk, plus the supervisor console and the waiting-room board the central server serves.
    rolldownOptions: {
      input: {
        kiosk: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        console: fileURLToPath(new URL('./renderer/console/index.html', import.meta.url)),
        board: fileURLToPath(new URL('./renderer/board/index.html', import.meta.url)),
        phone: fileURLToPath(new URL('./renderer/phone/index.html', import.meta.url)),
      },
    },
  },
});
