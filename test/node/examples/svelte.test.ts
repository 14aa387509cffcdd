// demo/svelte: svelte-check against the package's Svelte typings, a Vite build, and a sign-in in
// Chromium against the emulator.
import { bin, describeExample, viteBuild } from './support.js';

describeExample({
  name: 'svelte',
  title: 'Svelte',
  typecheck: { tool: 'svelte-check', command: bin('svelte-check'), args: ['--tsconfig', './tsconfig.fixtures.json', '--output', 'machine'] },
  expectedErrors: {
    'fixtures/WrongAttribute.svelte': /Type 'string' is not assignable to type 'boolean \| undefined'/,
    'fixtures/WrongEvent.svelte': /'\\?"onsignedin\\?"' does not exist/,
    'fixtures/WrongDetail.svelte': /Property 'user' does not exist on type 'SignedInDetail'/,
  },
  build: viteBuild('svelte'),
});
