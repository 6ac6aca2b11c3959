import './zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createTransport } from './api/index.ts';
import { KioskStoreContext } from './store/kiosk-context.ts';
import { createKioskStore } from './store/kiosk-store.ts';
import './styles/kiosk.css';

const store = createKioskStore(createTransport());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <KioskStoreContext value={store}>
      <App />
    </KioskStoreContext>
  </StrictMode>,
);
