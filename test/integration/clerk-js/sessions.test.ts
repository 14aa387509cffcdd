// The real clerk-js reading its session again (session.reload()) and getting tokens made from JWT
// templates (getToken({ template })) from the emulator; an unknown template fails as with Clerk.
import { expect } from '@open-wc/testing';
import { decodeProtectedHeader } from 'jose';
import { control } from '../controls.js';
import { addUser, ageSession, apiError, loadClerk, signInWithPassword, signOutAll, verifyJwt, type Mode } from './support.js';

/** A template of this test's own (templates are shared by every browser running the suite). */
async function addTemplate(claims: Record<string, unknown>): Promise<string> {
  const name = `t-${Math.random().toString(36).slice(2, 10)}`;
  const response = await control('/token_templates', { body: { templates: { [name]: { claims, lifetimeSeconds: 120 } } } });
  if (!response.ok) throw new Error(`could not add the template: ${response.status}`);
  return name;
}

for (const mode of ['production', 'dev-browser'] as Mode[]) {
  describe(`clerk-js sessions against the emulator (${mode} key)`, () => {
    afterEach(signOutAll);

    it('session.reload() reads the session again: a verification made older at the emulator shows', async () => {
      const email = await addUser();
      const clerk = await loadClerk(mode);
      await signInWithPassword(clerk, email);
      const session = clerk.session!;
      expect(session.factorVerificationAge).to.deep.equal([0, 0]);
      await ageSession(session.id, 30);
      const reloaded = await session.reload();
      expect(reloaded.id).to.equal(session.id);
      expect(reloaded.status).to.equal('active');
      expect(reloaded.factorVerificationAge).to.deep.equal([30, 30]);
    });

    it('getToken({ template }) answers a JWT with the template\'s claims; an unknown template is a 404 ClerkAPIResponseError', async () => {
      const email = await addUser({ first_name: 'Tem' });
      const name = await addTemplate({ email: '{{user.primary_email_address}}', greeting: 'Hello {{user.first_name}}', role: 'authenticated' });
      const clerk = await loadClerk(mode);
      await signInWithPassword(clerk, email);
      const jwt = await clerk.session!.getToken({ template: name });
      const claims = await verifyJwt(jwt!);
      expect(claims).to.include({ email, greeting: 'Hello Tem', role: 'authenticated', sub: clerk.user!.id });
      expect(claims.exp! - claims.iat!).to.equal(120);
      expect(decodeProtectedHeader(jwt!).cat).to.equal('cl_B7d4PD222AAA');
      // The session token stays a session token.
      expect(decodeProtectedHeader((await clerk.session!.getToken())!).cat).to.equal('cl_B7d4PD111AAA');

      const error = await apiError(() => clerk.session!.getToken({ template: 'no-such-template', skipCache: true }));
      expect(error).to.include({ isApi: true, status: 404, code: 'resource_not_found' });
    });
  });
}
