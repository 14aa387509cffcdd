// The strict-policy page's only code: the element, given a key, the proxy and the page's nonce.
import '../../../../src/index.js';

const params = new URLSearchParams(location.search);
const el = document.createElement('clerk-mfa-sign-in');
el.setAttribute('publishable-key', `pk_live_${btoa('clerk.emulator.test$')}`);
el.setAttribute('proxy-url', '/__clerk');
const nonce = params.get('nonce');
if (nonce) el.setAttribute('nonce', nonce);
document.body.append(el);
