// custom-elements.json is generated from the element's class JSDoc (`npm run manifest`) and
// committed; `npm test` fails when the committed file no longer matches the source.
//
// The same run writes the props of <clerk-mfa-sign-in> and <clerk-mfa-setup> (attributes, properties, events with their
// detail types) into types/jsx.generated.d.ts with custom-element-jsx-integration; the hand-written
// types/{react,vue,svelte}.d.ts put them where each framework's checker looks. They import the
// element and event detail types from dist/index.d.ts, so they ship next to dist/.
// The tool's Vue and Svelte siblings are not used: custom-element-vuejs-integration keeps kebab-case
// prop names and `onsigned-in`, which vue-tsc rejects in valid templates (Vue names them
// `publishableKey`, `onSignedIn`; types/vue.d.ts renames them), and
// custom-element-svelte-integration writes Svelte 4's `on:signed-in` into a module-scoped
// `svelteHTML` that svelte-check never sees (Svelte 5 uses `onsigned-in`, like React 19).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';

// `cem analyze --outdir <dir>` (the drift tests) writes the typings under <dir>/types, not into types/.
const outdirArg = process.argv.indexOf('--outdir');
const TYPES_DIR = outdirArg > 0 && process.argv[outdirArg + 1] !== '.' ? join(process.argv[outdirArg + 1], 'types') : 'types';
const componentTypePath = () => '../dist/index.js';
const shared = { outdir: TYPES_DIR, componentTypePath, hideLogs: true };

/**
 * Each event's type in the manifest is the event object (`CustomEvent<SignedInDetail>`), as the
 * schema defines it. Events whose `@fires` tag names no type get theirs from the
 * `ClerkMfaSignInEventMap` and `ClerkMfaSetupEventMap` interfaces in src/events.ts, the lists the
 * elements dispatch from.
 */
function eventTypesFromEventMap() {
  return {
    name: 'event-types-from-event-map',
    packageLinkPhase({ customElementsManifest }) {
      const source = readFileSync('src/events.ts', 'utf8');
      const map = [...source.matchAll(/interface ClerkMfa(?:SignIn|Setup)EventMap\s*{([^}]*)}/g)].map((m) => m[1]).join('\n');
      const types = new Map([...map.matchAll(/['"]([\w-]+)['"]\s*:\s*([^;]+);/g)].map(([, name, type]) => [name, type.trim()]));
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        for (const event of declaration.events ?? []) {
          if (!event.type && types.has(event.name)) event.type = { text: types.get(event.name) };
        }
      }
    },
  };
}

/**
 * The typings tools write `CustomEvent<${event.type}>` and import `event.type` by name, so they
 * expect the detail type there. They get a copy of the manifest with `CustomEvent<X>` unwrapped to
 * `X` and read-only fields left out (a template cannot set them); the committed manifest is unchanged.
 */
function withDetailTypes(plugin) {
  return {
    ...plugin,
    packageLinkPhase(context) {
      const manifest = structuredClone(context.customElementsManifest);
      for (const declaration of manifest.modules.flatMap((module) => module.declarations ?? [])) {
        for (const event of declaration.events ?? []) {
          const detail = event.type?.text.match(/^CustomEvent<(\w+)>$/)?.[1];
          if (detail) event.type = { text: detail };
        }
        if (declaration.members) declaration.members = declaration.members.filter((member) => !member.readonly);
      }
      return plugin.packageLinkPhase({ ...context, customElementsManifest: manifest });
    },
  };
}

export default {
  globs: ['src/clerk-mfa-sign-in.ts', 'src/setup/clerk-mfa-setup.ts', 'src/events.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    eventTypesFromEventMap(),
    withDetailTypes(customElementJsxPlugin({ ...shared, fileName: 'jsx.generated.d.ts' })),
  ],
};
