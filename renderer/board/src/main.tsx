import '../../src/zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BoardApp } from './BoardApp.tsx';
import './board.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BoardApp />
  </StrictMode>,
);
