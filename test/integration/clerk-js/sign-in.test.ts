import { expect } from '@open-wc/testing';
import { addUser, apiError, lastMessage, loadClerk, PASSWORD, signOutAll, totpCode, verifyJwt, type Mode } from './support.js';

for (const mode of ['production', 'dev-browser'] as Mode[]) {
  describe(`the real clerk-js against the emulator (${mode} key)`, () => {
    afterEach(signOutAll);

    it('loads, signs in with password and TOTP, activates the session, and gets a JWT that verifies against the JWKS', async () => {
      const email = await addUser();
      const clerk = await loadClerk(mode);
      expect(clerk.loaded).to.equal(true);
      const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      expect(signIn.status).to.equal('needs_second_factor');
      expect(signIn.supportedSecondFactors!.map((f) => f.strategy)).to.deep.equal(['totp', 'backup_code']);
      const done = await signIn.attemptSecondFactor({ strategy: 'totp', code: totpCode() });
      expect(done.status).to.equal('complete');
      await clerk.setActive({ session: done.createdSessionId });
      expect(clerk.isSignedIn).to.equal(true);
      expect(clerk.user!.primaryEmailAddress!.emailAddress).to.equal(email);
      const jwt = await clerk.session!.getToken();
      const claims = await verifyJwt(jwt!);
      expect(claims.sid).to.equal(done.createdSessionId);
      expect(claims.sub).to.equal(clerk.user!.id);
    });

    it('signs in with a backup code, and refuses the same code the second time', async () => {
      const email = await addUser();
      const clerk = await loadClerk(mode);
      const first = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      const done = await first.attemptSecondFactor({ strategy: 'backup_code', code: 'aaaa-1111' });
      await clerk.setActive({ session: done.createdSessionId });
      expect(await verifyJwt((await clerk.session!.getToken())!)).to.have.property('sid', done.createdSessionId);
      await clerk.signOut(() => {});
      const second = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      const error = await apiError(() => second.attemptSecondFactor({ strategy: 'backup_code', code: 'aaaa-1111' }));
      expect(error.isApi).to.equal(true);
      expect(error.code).to.equal('form_code_incorrect');
    });

    it('signs in with an SMS code read from the inbox', async () => {
      const phone = `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
      const email = await addUser({ totp_secret: undefined, backup_codes: [], phone_number: phone });
      const clerk = await loadClerk(mode);
      const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      const factor = signIn.supportedSecondFactors!.find((f) => f.strategy === 'phone_code') as { phoneNumberId: string };
      await signIn.prepareSecondFactor({ strategy: 'phone_code', phoneNumberId: factor.phoneNumberId });
      const message = await lastMessage(phone);
      expect(message.channel).to.equal('sms');
      const done = await signIn.attemptSecondFactor({ strategy: 'phone_code', code: message.code });
      await clerk.setActive({ session: done.createdSessionId });
      expect(await verifyJwt((await clerk.session!.getToken())!)).to.have.property('sid', done.createdSessionId);
    });

    it('verifies the Client Trust email code on a new client', async () => {
      const email = await addUser({ totp_secret: undefined, backup_codes: [], client_trust: true });
      const clerk = await loadClerk(mode);
      const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      expect(signIn.status).to.equal('needs_client_trust');
      const factor = signIn.supportedSecondFactors!.find((f) => f.strategy === 'email_code') as { emailAddressId: string };
      await signIn.prepareSecondFactor({ strategy: 'email_code', emailAddressId: factor.emailAddressId });
      const message = await lastMessage(email);
      expect(message.channel).to.equal('email');
      const done = await signIn.attemptSecondFactor({ strategy: 'email_code', code: message.code });
      expect(done.status).to.equal('complete');
      await clerk.setActive({ session: done.createdSessionId });
      expect(await verifyJwt((await clerk.session!.getToken())!)).to.have.property('sid', done.createdSessionId);
    });

    it('ends in a pending choose-organization task, resolved by choosing the organization', async () => {
      const email = await addUser({ tasks: ['choose-organization'] });
      const clerk = await loadClerk(mode);
      const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      const done = await signIn.attemptSecondFactor({ strategy: 'totp', code: totpCode() });
      await clerk.setActive({ session: done.createdSessionId, navigate: async () => {} } as never);
      expect(clerk.session!.status).to.equal('pending');
      expect(clerk.session!.currentTask!.key).to.equal('choose-organization');
      expect(clerk.isSignedIn).to.equal(false);
      expect(clerk.user).to.not.equal(null);
      const orgId = clerk.user!.organizationMemberships[0]!.organization.id;
      await clerk.setActive({ session: done.createdSessionId, organization: orgId, navigate: async () => {} } as never);
      expect(clerk.session!.status).to.equal('active');
      const claims = await verifyJwt((await clerk.session!.getToken())!);
      expect((claims.o as { id: string }).id).to.equal(orgId);
    });

    it('reports a wrong password, a wrong code and a replayed TOTP as ClerkAPIResponseErrors', async () => {
      const email = await addUser();
      const clerk = await loadClerk(mode);
      const wrongPassword = await apiError(() => clerk.client!.signIn.create({ identifier: email, password: 'not the password' }));
      expect(wrongPassword).to.include({ isApi: true, status: 422, code: 'form_password_incorrect' });
      expect(wrongPassword.meta.paramName).to.equal('password');
      const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      const code = totpCode();
      const wrongCode = await apiError(() => signIn.attemptSecondFactor({ strategy: 'totp', code: code === '000000' ? '111111' : '000000' }));
      expect(wrongCode).to.include({ isApi: true, code: 'form_code_incorrect' });
      const done = await signIn.attemptSecondFactor({ strategy: 'totp', code });
      await clerk.setActive({ session: done.createdSessionId });
      await clerk.signOut(() => {});
      const again = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      const replay = await apiError(() => again.attemptSecondFactor({ strategy: 'totp', code }));
      expect(replay).to.include({ isApi: true, code: 'form_code_incorrect' });
    });

    it('locks the user after 10 failures (user_locked) and rate limits attempts (too_many_requests)', async () => {
      const email = await addUser({ limits: { signInCreateLimit: 100, signInAttemptLimit: 100 } });
      const clerk = await loadClerk(mode);
      for (let i = 1; i < 10; i++) {
        expect((await apiError(() => clerk.client!.signIn.create({ identifier: email, password: 'wrong' }))).code).to.equal('form_password_incorrect');
      }
      const locked = await apiError(() => clerk.client!.signIn.create({ identifier: email, password: 'wrong' }));
      expect(locked).to.include({ isApi: true, status: 403, code: 'user_locked' });
      // clerk-js keeps only the meta fields it knows; the lockout time reaches it in the message.
      expect(locked.longMessage).to.match(/60 minutes/);
      const stillLocked = await apiError(() => clerk.client!.signIn.create({ identifier: email, password: PASSWORD }));
      expect(stillLocked).to.include({ isApi: true, code: 'user_locked' });

      const limitedUser = await addUser();
      const signIn = await clerk.client!.signIn.create({ identifier: limitedUser, password: PASSWORD });
      for (let i = 0; i < 3; i++) await apiError(() => signIn.attemptSecondFactor({ strategy: 'backup_code', code: `nope-${i}` }));
      const limited = await apiError(() => signIn.attemptSecondFactor({ strategy: 'backup_code', code: 'aaaa-1111' }));
      expect(limited).to.include({ isApi: true, status: 429, code: 'too_many_requests' });
      expect(limited.retryAfter).to.be.greaterThan(0);
    });
  });
}
