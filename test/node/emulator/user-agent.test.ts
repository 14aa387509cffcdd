// The browser and device "Active devices" shows for a session, read from its User-Agent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeUserAgent } from '../../../src/emulator/user-agent.js';

test('names the browsers people run, and the device, as Clerk shows them', () => {
  const cases: Array<[string, [string, string, string, boolean]]> = [
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86', ['Edge', '131.0.2903.86', 'Windows', false]],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', ['Chrome', '156.0.0.0', 'Linux', false]],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', ['Firefox', '153.0', 'Linux', false]],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 OPR/86.0.0.0', ['Opera', '86.0.0.0', 'Android', true]],
    ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', ['Safari', '17.5', 'iPad', true]],
    ['curl/8.5.0', ['', '', '', false]],
  ];
  for (const [userAgent, [browserName, browserVersion, deviceType, isMobile]] of cases) {
    assert.deepEqual(describeUserAgent(userAgent), { browserName, browserVersion, deviceType, isMobile }, userAgent);
  }
});
