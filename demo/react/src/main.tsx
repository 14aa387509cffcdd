import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'clerk-mfa-sign-in'; // registers <clerk-mfa-sign-in>
import 'clerk-mfa-sign-in/setup'; // registers <clerk-mfa-setup>
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
