import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue({
      // Tags with a dash are custom elements, not Vue components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } },
    }),
  ],
  // Inside this repository 'clerk-mfa-sign-in' is the package itself (its built dist/); an app
  // that installed it from npm needs no alias.
  resolve: {
    alias: [
      { find: /^clerk-mfa-sign-in$/, replacement: fileURLToPath(import.meta.resolve('clerk-mfa-sign-in')) },
      { find: /^clerk-mfa-sign-in\/setup$/, replacement: fileURLToPath(import.meta.resolve('clerk-mfa-sign-in/setup')) },
    ],
  },
});
