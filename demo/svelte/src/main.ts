import { mount } from 'svelte';
import 'clerk-mfa-sign-in'; // registers <clerk-mfa-sign-in>
import 'clerk-mfa-sign-in/setup'; // registers <clerk-mfa-setup>
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
