import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
  // Inside this repository 'clerk-mfa-sign-in' is the package itself (its built dist/); an app
  // that installed it from npm needs no alias.
  resolve: {
    alias: [
      { find: /^clerk-mfa-sign-in$/, replacement: fileURLToPath(import.meta.resolve('clerk-mfa-sign-in')) },
      { find: /^clerk-mfa-sign-in\/setup$/, replacement: fileURLToPath(import.meta.resolve('clerk-mfa-sign-in/setup')) },
    ],
  },
});
