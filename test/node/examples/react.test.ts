// demo/react: tsc against the package's React 19 JSX typings, a Vite build, and a sign-in in
// Chromium against the emulator.
import { bin, describeExample, viteBuild } from './support.js';

describeExample({
  name: 'react',
  title: 'React',
  typecheck: { tool: 'tsc', command: bin('tsc'), args: ['-p', 'tsconfig.fixtures.json'] },
  expectedErrors: {
    'fixtures/wrong-attribute.tsx': /Type 'string' is not assignable to type 'boolean \| undefined'/,
    'fixtures/wrong-event.tsx': /Property 'onSignedIn' does not exist/,
    'fixtures/wrong-detail.tsx': /Property 'user' does not exist on type 'SignedInDetail'/,
  },
  build: viteBuild('react'),
});
