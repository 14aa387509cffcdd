// Typed Angular binding for <clerk-mfa-sign-in>: copy this file into your app.
//
// A component whose selector is the element's tag makes the tag known to Angular without
// CUSTOM_ELEMENTS_SCHEMA, so with strictTemplates an unknown [binding] is an error (NG8002) and each
// input is checked against the element's property type. The component renders nothing itself: the
// custom element draws its own shadow DOM and the <ng-content> keeps header/footer slot content.
// Events need no outputs: bind the element's own events, e.g. (signed-in)="handle($event)"; with
// strictTemplates (strictDomEventTypes) Angular types $event from the package's
// HTMLElementTagNameMap and GlobalEventHandlersEventMap, so $event is CustomEvent<SignedInDetail>.
import { ChangeDetectionStrategy, Component, ElementRef, Input, inject } from '@angular/core';
import 'clerk-mfa-sign-in'; // registers <clerk-mfa-sign-in>
import type { ClerkMfaSignInElement } from 'clerk-mfa-sign-in';

type Props = ClerkMfaSignInElement;

@Component({
  selector: 'clerk-mfa-sign-in',
  template: '<ng-content />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClerkMfaSignIn {
  readonly #element = inject<ElementRef<ClerkMfaSignInElement>>(ElementRef).nativeElement;

  @Input() set publishableKey(value: Props['publishableKey']) {
    this.#element.publishableKey = value;
  }
  @Input() set proxyUrl(value: Props['proxyUrl']) {
    this.#element.proxyUrl = value;
  }
  @Input() set clerkJsUrl(value: Props['clerkJsUrl']) {
    this.#element.clerkJsUrl = value;
  }
  @Input() set email(value: Props['email']) {
    this.#element.email = value;
  }
  @Input() set afterSignInUrl(value: Props['afterSignInUrl']) {
    this.#element.afterSignInUrl = value;
  }
  @Input() set allowedRedirectOrigins(value: Props['allowedRedirectOrigins']) {
    this.#element.allowedRedirectOrigins = value;
  }
  @Input() set locale(value: Props['locale']) {
    this.#element.locale = value;
  }
  @Input() set noStoreCredentials(value: Props['noStoreCredentials']) {
    this.#element.noStoreCredentials = value;
  }
  @Input() set clerk(value: Props['clerk']) {
    this.#element.clerk = value;
  }
  @Input() set localization(value: Props['localization']) {
    this.#element.localization = value;
  }
}
