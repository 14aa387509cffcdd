import { createApp } from 'vue';
import 'clerk-mfa-sign-in'; // registers <clerk-mfa-sign-in>
import 'clerk-mfa-sign-in/setup'; // registers <clerk-mfa-setup>
import App from './App.vue';

createApp(App).mount('#app');
