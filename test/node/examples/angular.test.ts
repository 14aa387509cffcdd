// demo/angular: ngc with strictTemplates (the app and its typed <clerk-mfa-sign-in> component),
// `ng build`, and a sign-in in Chromium against the emulator.
import { join } from 'node:path';
import { ROOT, bin, describeExample, run } from './support.js';

describeExample({
  name: 'angular',
  title: 'Angular',
  typecheck: { tool: 'ngc (strictTemplates)', command: bin('ngc'), args: ['-p', 'tsconfig.fixtures.json'] },
  expectedErrors: {
    'fixtures/wrong-attribute.ts': /Type 'string' is not assignable to type 'boolean'/,
    'fixtures/wrong-attribute-name.ts': /NG8002: Can't bind to 'publishableKeyy'/,
    'fixtures/wrong-event.ts': /Argument of type 'Event' is not assignable to parameter of type 'CustomEvent<SignedInDetail>'/,
    'fixtures/wrong-detail.ts': /Property 'user' does not exist on type 'SignedInDetail'/,
  },
  build: (outDir) =>
    run(process.execPath, [join(ROOT, 'node_modules/@angular/cli/bin/ng.js'), 'build', '--output-path', outDir, '--progress=false'], { cwd: join(ROOT, 'demo/angular') }),
  served: 'browser',
});
