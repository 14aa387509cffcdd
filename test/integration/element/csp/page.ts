// The strict-policy page's only code: the element, given a key, the proxy and the page's nonce;
// with `?setup`, <clerk-mfa-setup> below it, as on an account page.
import '../../../../src/index.js';
import '../../../../src/setup/index.js';

const params = new URLSearchParams(location.search);
const key = `pk_live_${btoa('clerk.emulator.test$')}`;
const nonce = params.get('nonce');
for (const tag of params.has('setup') ? ['clerk-mfa-sign-in', 'clerk-mfa-setup'] : ['clerk-mfa-sign-in']) {
  const el = document.createElement(tag);
  el.setAttribute('publishable-key', key);
  el.setAttribute('proxy-url', '/__clerk');
  if (nonce) el.setAttribute('nonce', nonce);
  document.body.append(el);
}
