/**
 * The same facts read through the code `<clerk-mfa-setup>` calls Clerk with
 * (`src/mfa/manage-adapter.ts`), on every model: what it reads of the user, and the
 * reverification it runs before a refused change is tried again.
 */
import { expect } from '@open-wc/testing';
import { ClerkAdapter } from '../../src/clerk-adapter.js';
import type { MfaOutcome } from '../../src/mfa/enrol-types.js';
import { ManageAdapter } from '../../src/mfa/manage-adapter.js';
import { randomPhone, type ClerkModel } from './clerk-facts.js';
import { signedIn } from './manage-facts.js';

const BACKUP_CODES = ['r2d2-c3p0', 'k9x4-m7q1'];

const value = <T>(outcome: MfaOutcome<T>): T => {
  if (!outcome.ok) throw new Error(`Clerk refused: ${outcome.failure.code}`);
  return outcome.value;
};
const failure = (outcome: MfaOutcome<unknown>) => (outcome.ok ? null : outcome.failure.code);

export function setupAdapterFacts(model: ClerkModel): void {
  describe("the setup element's adapter (manage-adapter.ts)", () => {
    it('factors(): the authenticator app, the backup codes, each number with its reservation, default flag and verification', async () => {
      const [phone, spare] = [randomPhone(), randomPhone()];
      const { clerk } = await signedIn(model, { totp: true, phone, sparePhones: [spare], backupCodes: BACKUP_CODES });
      const manage = new ManageAdapter(new ClerkAdapter({ clerk }));
      const factors = value(await manage.factors())!;
      expect([factors.totp, factors.backupCodes]).to.deep.equal([true, true]);
      expect(factors.phones.map((p) => [p.phoneNumber, p.reserved, p.defaultSecondFactor, p.verified])).to.deep.equal([
        [phone, true, true, true],
        [spare, false, false, true],
      ]);
      value(await manage.disableTotp());
      expect(value(await manage.factors())?.totp).to.equal(false);
    });

    it('a refused change, the second-factor verification it asks for (the default number first), then the change once more', async () => {
      const phone = randomPhone();
      const { clerk } = await signedIn(model, { totp: true, phone, backupCodes: BACKUP_CODES }, 'backup_code');
      const manage = new ManageAdapter(new ClerkAdapter({ clerk }));
      await model.ageSession(clerk);
      expect(failure(await manage.regenerateBackupCodes())).to.equal('session_reverification_required');
      const step = value(await manage.startVerification());
      expect(step.status).to.equal('needs_second_factor');
      expect(step.factors.map((f) => f.strategy)).to.deep.equal(['totp', 'phone_code', 'backup_code']);
      expect(failure(await manage.attemptVerification('totp', model.wrongTotpCode()))).to.equal('form_code_incorrect');
      expect(value(await manage.attemptVerification('totp', model.totpCode())).status).to.equal('complete');
      expect(value(await manage.regenerateBackupCodes()).codes).to.have.length(10);
    });
  });
}
