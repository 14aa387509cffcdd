/// <reference types="vite/client" />
// <clerk-mfa-sign-in> in JSX: typed attributes and events (React's JSX.IntrinsicElements).
import type {} from 'clerk-mfa-sign-in/react';
