// Development key on a Clerk dev domain: clerk-js's "dev browser" flow (`__clerk_db_jwt`).
import { signInFlows } from './flows.js';

signInFlows('dev-browser');
