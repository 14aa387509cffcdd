import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // Inside this repository 'clerk-mfa-sign-in' is the package itself (its built dist/); an app
  // that installed it from npm needs no alias.
  resolve: {
    alias: [
      { find: /^clerk-mfa-sign-in$/, replacement: fileURLToPath(import.meta.resolve('clerk-mfa-sign-in')) },
      { find: /^clerk-mfa-sign-in\/setup$/, replacement: fileURLToPath(import.meta.resolve('clerk-mfa-sign-in/setup')) },
    ],
  },
});
