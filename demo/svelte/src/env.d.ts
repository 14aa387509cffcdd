/// <reference types="svelte" />
/// <reference types="vite/client" />
// <clerk-mfa-sign-in> in Svelte markup: typed attributes and events (svelteHTML.IntrinsicElements).
import type {} from 'clerk-mfa-sign-in/svelte';
