import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import type { MfaChangedDetail, SignedInDetail } from 'clerk-mfa-sign-in';
import { ClerkMfaSetup } from './clerk-mfa-setup.js';
import { ClerkMfaSignIn } from './clerk-mfa-sign-in.js';

@Component({
  selector: 'app-root',
  imports: [ClerkMfaSignIn, ClerkMfaSetup],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1>Angular</h1>
      @if (userId(); as id) {
        <p id="status" role="status">Signed in as {{ id }}</p>
        <!-- The signed-in user's second factors: add, remove, make default, new backup codes. -->
        <clerk-mfa-setup [publishableKey]="publishableKey" proxyUrl="/__clerk" (mfa-changed)="handleMfaChanged($event)" />
      } @else {
        <clerk-mfa-sign-in
          [publishableKey]="publishableKey"
          proxyUrl="/__clerk"
          [noStoreCredentials]="true"
          (signed-in)="handleSignedIn($event)"
        />
      }
    </main>
  `,
})
export class App {
  // The emulator's development key (`npm start` prints it); use your own pk_test_/pk_live_ key with Clerk.
  protected readonly publishableKey = 'pk_test_Y2xlcmsuZW11bGF0b3IudGVzdCQ=';
  protected readonly userId = signal<string | null>(null);

  protected handleSignedIn(event: CustomEvent<SignedInDetail>): void {
    event.preventDefault(); // stay on this page instead of following after-sign-in-url
    this.userId.set(event.detail.userId);
  }

  protected handleMfaChanged(event: CustomEvent<MfaChangedDetail>): void {
    console.info('MFA', event.detail.method, event.detail.action);
  }
}
