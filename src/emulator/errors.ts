/** Clerk-shaped API errors: `{"errors":[{code, message, long_message, meta}]}`. */

export interface ClerkErrorBody {
  code: string;
  message: string;
  long_message: string;
  meta: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly longMessage: string;
  readonly meta: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    longMessage = message,
    meta: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.longMessage = longMessage;
    this.meta = meta;
    this.headers = headers;
  }

  toJSON(): { errors: ClerkErrorBody[] } {
    return { errors: [{ code: this.code, message: this.message, long_message: this.longMessage, meta: this.meta }] };
  }
}

export const errors = {
  notFound: (what = 'resource') =>
    new ApiError(404, 'resource_not_found', 'not found', `No ${what} was found at this path.`),
  methodNotAllowed: (method: string) =>
    new ApiError(405, 'method_not_allowed', 'method not allowed', `${method} is not allowed on this path.`),
  malformed: (detail: string) => new ApiError(400, 'malformed_request', 'malformed request', detail),
  bodyTooLarge: (limit: number) =>
    new ApiError(413, 'request_body_too_large', 'request body too large', `Request bodies are limited to ${limit} bytes.`),
  paramMissing: (param: string) =>
    new ApiError(422, 'form_param_missing', `${param} is missing`, `${param} must be included.`, { param_name: param }),
  paramInvalid: (param: string, detail: string) =>
    new ApiError(422, 'form_param_format_invalid', `${param} is invalid`, detail, { param_name: param }),
  identifierNotFound: () =>
    new ApiError(422, 'form_identifier_not_found', "Couldn't find your account.", "Couldn't find your account.", {
      param_name: 'identifier',
    }),
  passwordIncorrect: () =>
    new ApiError(422, 'form_password_incorrect', 'Password is incorrect. Try again, or use another method.', 'Password is incorrect. Try again, or use another method.', {
      param_name: 'password',
    }),
  codeIncorrect: () =>
    new ApiError(422, 'form_code_incorrect', 'Incorrect code', 'Incorrect code', { param_name: 'code' }),
  verificationExpired: () =>
    new ApiError(422, 'verification_expired', 'Verification has expired', 'This verification has expired. You need to send a new code.', {
      param_name: 'code',
    }),
  verificationFailed: () =>
    new ApiError(422, 'verification_failed', 'Too many failed attempts', 'Too many failed attempts. You have to try again with the same or another method.', {
      param_name: 'code',
    }),
  strategyInvalid: (param = 'strategy') =>
    new ApiError(422, 'strategy_for_user_invalid', 'Invalid verification strategy', 'The verification strategy is not valid for this account.', {
      param_name: param,
    }),
  sessionExists: () =>
    new ApiError(400, 'session_exists', "You're already signed in", "You're already signed in."),
  signedOut: () => new ApiError(401, 'signed_out', 'Signed out', 'You are signed out.'),
  devBrowserUnauthenticated: () =>
    new ApiError(401, 'dev_browser_unauthenticated', 'Browser unauthenticated', 'Unable to authenticate this browser for your development instance. Check your proxy or sign in again.'),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ApiError(429, 'too_many_requests', 'Too many requests', 'Too many requests. Please try again in a bit.', {}, {
      'Retry-After': String(retryAfterSeconds),
    }),
  userLocked: (expiresInSeconds: number) =>
    new ApiError(403, 'user_locked', 'Account locked', `Your account is locked. You will be able to try again in ${Math.ceil(expiresInSeconds / 60)} minutes.`, {
      lockout_expires_in_seconds: expiresInSeconds,
    }),
  internal: () => new ApiError(500, 'internal_clerk_error', 'Oops, an unexpected error occurred', 'There was an internal error on our servers.'),
};
