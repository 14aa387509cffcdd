// Production key (`pk_live_`): clerk-js keeps its client in the emulator's HttpOnly cookie.
import { signInFlows } from './flows.js';

signInFlows('production');
