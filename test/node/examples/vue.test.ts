// demo/vue: vue-tsc with strictTemplates against the package's Vue typings, a Vite build, and a
// sign-in in Chromium against the emulator.
import { bin, describeExample, viteBuild } from './support.js';

describeExample({
  name: 'vue',
  title: 'Vue',
  typecheck: { tool: 'vue-tsc (strictTemplates)', command: bin('vue-tsc'), args: ['-p', 'tsconfig.fixtures.json'] },
  expectedErrors: {
    'fixtures/WrongAttribute.vue': /not assignable to type 'boolean/,
    'fixtures/WrongEvent.vue': /'onSignedin' does not exist/,
    'fixtures/WrongDetail.vue': /Property 'user' does not exist on type 'SignedInDetail'/,
  },
  build: viteBuild('vue'),
});
