/** The errors the fake Clerk throws, shaped as clerk-js's, for tests that script a failure (`failNext`). */

/** An error shaped like clerk-js's `ClerkAPIResponseError`. */
export class FakeClerkAPIResponseError extends Error {
  readonly clerkError = true;
  override name = 'ClerkAPIResponseError';
  status: number;
  retryAfter?: number;
  errors: { code: string; message: string; longMessage?: string; meta: Record<string, unknown> }[];

  constructor(
    code: string,
    options: { status?: number; message?: string; longMessage?: string; paramName?: string; retryAfter?: number; meta?: Record<string, unknown> } = {},
  ) {
    const message = options.message ?? code.replace(/_/g, ' ');
    super(options.longMessage ?? message);
    this.status = options.status ?? 422;
    if (options.retryAfter != null) this.retryAfter = options.retryAfter;
    const error: FakeClerkAPIResponseError['errors'][number] = {
      code,
      message,
      meta: { ...(options.paramName ? { paramName: options.paramName } : {}), ...options.meta },
    };
    if (options.longMessage) error.longMessage = options.longMessage;
    this.errors = [error];
  }
}

/** Shorthand for `new FakeClerkAPIResponseError(...)`. */
export function fakeClerkError(code: string, options?: ConstructorParameters<typeof FakeClerkAPIResponseError>[1]): FakeClerkAPIResponseError {
  return new FakeClerkAPIResponseError(code, options);
}

/** What clerk-js throws when the network is down (`fetch` fails). */
export function fakeNetworkError(): TypeError {
  return new TypeError('Failed to fetch');
}

/** Clerk's rate limit (429 `too_many_requests`), with the seconds to wait that clerk-js reads from `Retry-After`. */
export function fakeRateLimitError(retryAfterSeconds = 30): FakeClerkAPIResponseError {
  return new FakeClerkAPIResponseError('too_many_requests', { status: 429, message: 'Too many requests', retryAfter: retryAfterSeconds });
}
