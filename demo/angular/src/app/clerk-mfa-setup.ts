// Typed Angular binding for <clerk-mfa-setup>: copy this file into your app, beside
// clerk-mfa-sign-in.ts (the same pattern: the tag becomes known to Angular, each input is checked
// against the element's property type, and its events, (mfa-changed) and (mfa-error), are typed
// from the package's GlobalEventHandlersEventMap).
import { ChangeDetectionStrategy, Component, ElementRef, Input, inject } from '@angular/core';
import 'clerk-mfa-sign-in/setup'; // registers <clerk-mfa-setup>
import type { ClerkMfaSetupElement } from 'clerk-mfa-sign-in';

type Props = ClerkMfaSetupElement;

@Component({
  selector: 'clerk-mfa-setup',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClerkMfaSetup {
  readonly #element = inject<ElementRef<ClerkMfaSetupElement>>(ElementRef).nativeElement;

  @Input() set publishableKey(value: Props['publishableKey']) {
    this.#element.publishableKey = value;
  }
  @Input() set proxyUrl(value: Props['proxyUrl']) {
    this.#element.proxyUrl = value;
  }
  @Input() set clerkJsUrl(value: Props['clerkJsUrl']) {
    this.#element.clerkJsUrl = value;
  }
  @Input() set locale(value: Props['locale']) {
    this.#element.locale = value;
  }
  @Input() set clerk(value: Props['clerk']) {
    this.#element.clerk = value;
  }
  @Input() set localization(value: Props['localization']) {
    this.#element.localization = value;
  }
}
