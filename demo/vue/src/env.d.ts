/// <reference types="vite/client" />
// <clerk-mfa-sign-in> in templates: typed attributes and events (Vue's GlobalComponents).
import type {} from 'clerk-mfa-sign-in/vue';
