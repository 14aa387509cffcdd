import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConformanceRecorder } from '../../support/fapi-conformance.js';

test('the conformance recorder catches a body that breaks the spec', () => {
  const recorder = createConformanceRecorder();
  recorder.observe({ method: 'GET', path: '/v1/client/sign_ins/sia_1', status: 200, body: { response: { id: 'sia_1' }, client: null } });
  assert.equal(recorder.failures.length, 1);
  assert.match(recorder.failures[0]!.errors, /status|object/);
  assert.throws(() => recorder.assertAllConform(), /do not conform/);
});

test('nullable $ref/allOf objects admit null, unknown newer fields are allowed, errors fall back to ClerkErrors', () => {
  const recorder = createConformanceRecorder();
  recorder.observe({ method: 'GET', path: '/v1/client', status: 200, body: { response: null, client: null } });
  recorder.observe({ method: 'GET', path: '/v1/nothing/here', status: 404, body: { errors: [{ code: 'resource_not_found', message: 'x', long_message: 'x', meta: {} }] } });
  recorder.observe({ method: 'GET', path: '/v1/nothing/here', status: 404, body: { errors: [{ code: 'resource_not_found' }] } });
  recorder.observe({ method: 'POST', path: '/v1/client/sessions/sess_1/tokens', status: 200, body: { object: 'token', jwt: 'a.b.c', newer_field: 1 } });
  assert.equal(recorder.validated, 4);
  assert.equal(recorder.failures.length, 1, JSON.stringify(recorder.failures));
  assert.equal(recorder.failures[0]!.operation, 'ClerkErrors');
});
