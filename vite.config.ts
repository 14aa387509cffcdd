// `npm start`: the demo page on Vite's dev server, with the Clerk Frontend API emulator mounted at
// /__clerk (same origin, so the page uses proxy-url="/__clerk" and the production cookie flow works).
// Its state (an authenticator added on the demo, sessions, codes) is kept in .cache/emulator-data.json
// across restarts, or in CLERK_DATA_FILE; delete the file to start again from demo/users.json.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { createEmulator } from './src/emulator/index.js';
import { describeMessage, describeSecurity, describeServerSdks, describeUsers, readUsersFile, startLines } from './src/emulator/printing.js';

const usersFile = fileURLToPath(new URL('./demo/users.json', import.meta.url));
const dataFile = process.env.CLERK_DATA_FILE || fileURLToPath(new URL('./.cache/emulator-data.json', import.meta.url));

function clerkEmulator(): Plugin {
  return {
    name: 'clerk-fapi-emulator',
    async configureServer(server) {
      const users = await readUsersFile(usersFile);
      const settings = {
        clientTrust: process.env.CLERK_CLIENT_TRUST === '1',
        requireMfa: process.env.CLERK_REQUIRE_MFA === '1',
        multiSession: process.env.CLERK_MULTI_SESSION === '1',
      };
      mkdirSync(dirname(dataFile), { recursive: true });
      const emulator = createEmulator({
        users,
        ...settings,
        dataFile,
        onMessage: (message) => server.config.logger.info(describeMessage(message)),
        log: (line) => server.config.logger.warn(line),
      });
      server.middlewares.use(emulator.middleware);
      server.httpServer?.once('close', () => void emulator.flush());
      server.httpServer?.once('listening', async () => {
        const local = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://localhost:5173';
        for (const line of startLines(local, emulator.publishableKey('development'))) server.config.logger.info(line);
        server.config.logger.info(describeSecurity(settings, emulator.limits()));
        server.config.logger.info(`state kept in ${dataFile} (delete it to start again from demo/users.json)`);
        server.config.logger.info(await describeUsers(users));
        server.config.logger.info(describeServerSdks(emulator.serverOptions(local, 'development')));
      });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./demo/', import.meta.url)),
  plugins: [clerkEmulator()],
  server: { port: 5173 },
});
