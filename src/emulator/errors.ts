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

/**
 * Input refused before anything is stored (a user, a limit), naming the field at fault, e.g.
 * `users[1].tasks`. Thrown to callers of the emulator's API as a TypeError; answered over HTTP
 * as a 422 `form_param_format_invalid` with that field as `param_name`.
 */
export class InputError extends TypeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Long header values are cut in messages: they are echoed back, and may be 16 KB long. */
const shown = (value: string) => (value.length > 100 ? `${value.slice(0, 100)}…` : value);

/** A 422 about one form field, as Clerk answers a wrong or missing value. */
function fieldError(code: string, param: string, message: string, longMessage = message): ApiError {
  return new ApiError(422, code, message, longMessage, { param_name: param });
}

const PWNED = 'Password has been found in an online data breach. For account safety, please use a different password.';

/** Every error the emulator answers with. */
export const errors = {
  notFound: (what = 'resource') => new ApiError(404, 'resource_not_found', 'not found', `No ${what} was found at this path.`),
  methodNotAllowed: (method: string) => new ApiError(405, 'method_not_allowed', 'method not allowed', `${method} is not allowed on this path.`),
  malformed: (detail: string) => new ApiError(400, 'malformed_request', 'malformed request', detail),
  bodyTooLarge: (limit: number) => new ApiError(413, 'request_body_too_large', 'request body too large', `Request bodies are limited to ${limit} bytes.`),
  paramMissing: (param: string) => fieldError('form_param_missing', param, `${param} is missing`, `${param} must be included.`),
  paramInvalid: (param: string, detail: string) => fieldError('form_param_format_invalid', param, `${param} is invalid`, detail),
  /** A list or an object (a repeated form key, a JSON array or object) where text is expected. */
  paramNotText: (param: string) => fieldError('form_param_format_invalid', param, `${param} is invalid`, `${param} must be a single text value, not a list or an object.`),
  hostInvalid: (host: string) =>
    new ApiError(
      421,
      'host_invalid',
      'Host not allowed',
      `The emulator answers requests for localhost, 127.0.0.1, [::1] and the address it listens on, not for the host "${shown(host)}". To reach it by that name, allow it with --allowed-host (option allowedHosts).`,
      { host: shown(host) },
    ),
  originInvalid: (origin: string) =>
    new ApiError(
      403,
      'origin_invalid',
      'Origin not allowed',
      `Requests from the origin "${shown(origin)}" are not allowed. A page on another origin than the emulator's may use it once its origin is allowed with --allowed-origin (option allowedOrigins), as in Clerk's allowed origins.`,
      { origin: shown(origin) },
    ),
  redirectUrlInvalid: (url: string) =>
    new ApiError(
      400,
      'redirect_url_invalid',
      'Redirect URL not allowed',
      `The emulator sends browsers back only to its own origin and the allowed origins, not to "${shown(url)}". Allow that page's origin with --allowed-origin (option allowedOrigins).`,
      { param_name: 'redirect_url' },
    ),
  controlHeaderMissing: (header: string) =>
    new ApiError(
      403,
      'emulator_control_header_missing',
      'Test control header missing',
      `The emulator's test controls answer only requests that carry the header ${header}: 1, which a page on another origin cannot send.`,
    ),
  notJson: () => new ApiError(415, 'unsupported_media_type', 'JSON expected', 'The test controls accept only bodies sent as Content-Type: application/json.'),
  identifierNotFound: () => fieldError('form_identifier_not_found', 'identifier', "Couldn't find your account."),
  passwordIncorrect: () => fieldError('form_password_incorrect', 'password', 'Password is incorrect. Try again, or use another method.'),
  codeIncorrect: () => fieldError('form_code_incorrect', 'code', 'Incorrect code'),
  verificationExpired: () => fieldError('verification_expired', 'code', 'Verification has expired', 'This verification has expired. You need to send a new code.'),
  verificationFailed: () =>
    fieldError('verification_failed', 'code', 'Too many failed attempts', 'Too many failed attempts. You have to try again with the same or another method.'),
  verificationMissing: () => fieldError('verification_missing', 'strategy', 'Code not sent', 'No code has been sent for this strategy yet; prepare it first.'),
  strategyInvalid: (param = 'strategy') =>
    fieldError('strategy_for_user_invalid', param, 'Invalid verification strategy', 'The verification strategy is not valid for this account.'),
  signInNotReady: () => new ApiError(400, 'sign_in_not_ready', 'Not allowed now', 'This sign-in does not need this step now.'),
  passwordTooShort: (param: string, minLength: number) =>
    fieldError('form_password_length_too_short', param, `Passwords must be ${minLength} characters or more.`, `Your password is too short. It must be at least ${minLength} characters long.`),
  passwordTooLong: (param: string, maxBytes: number) =>
    fieldError('form_password_size_in_bytes_exceeded', param, 'Password is too long', `Your password has exceeded the maximum of ${maxBytes} bytes allowed. Please shorten it.`),
  passwordPwned: (param: string) => fieldError('form_password_pwned', param, PWNED),
  passwordMatchesCurrent: (param: string) => fieldError('form_new_password_matches_current', param, 'New password cannot be the same as the current password.'),
  totpAlreadyEnabled: () => new ApiError(400, 'totp_already_enabled', 'TOTP already enabled', 'An authenticator app is already set up for this account.'),
  backupCodesNotAvailable: () =>
    new ApiError(400, 'backup_codes_not_available_code', 'Backup codes not available', 'Backup codes stand in for another multi-factor method: add an authenticator app or an SMS number first.'),
  alreadyVerified: (what: string) => new ApiError(400, 'verification_already_verified', 'Already verified', `This ${what} is already verified.`),
  identifierExists: (param: string, what: string) => fieldError('form_identifier_exists', param, `That ${what} is taken. Please try another.`),
  reverificationRequired: () =>
    new ApiError(403, 'session_reverification_required', 'Additional verification required', 'You need to provide additional verification to perform this operation.'),
  sessionExists: () => new ApiError(400, 'session_exists', "You're already signed in", "You're already signed in."),
  alreadySignedIn: () => fieldError('identifier_already_signed_in', 'identifier', "You're already signed in", 'This account is already signed in on this device.'),
  templateNotFound: (name: string) => new ApiError(404, 'resource_not_found', 'not found', `No JWT template exists with name: ${shown(name)}`),
  signedOut: () => new ApiError(401, 'signed_out', 'Signed out', 'You are signed out.'),
  devBrowserUnauthenticated: () =>
    new ApiError(401, 'dev_browser_unauthenticated', 'Browser unauthenticated', 'Unable to authenticate this browser for your development instance. Check your proxy or sign in again.'),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ApiError(429, 'too_many_requests', 'Too many requests', 'Too many requests. Please try again in a bit.', {}, { 'Retry-After': String(retryAfterSeconds) }),
  userLocked: (expiresInSeconds: number) =>
    new ApiError(403, 'user_locked', 'Account locked', `Your account is locked. You will be able to try again in ${Math.ceil(expiresInSeconds / 60)} minutes.`, {
      lockout_expires_in_seconds: expiresInSeconds,
    }),
  internal: () => new ApiError(500, 'internal_clerk_error', 'Oops, an unexpected error occurred', 'There was an internal error on our servers.'),
};

export interface ErrorResponse {
  status: number;
  body: { errors: ClerkErrorBody[] };
  headers: Record<string, string>;
}

/**
 * The one place an error becomes an answer: an `ApiError` in Clerk's shape, anything else as a
 * 500 `internal_clerk_error` whose cause is reported (never sent: it may name files or secrets).
 */
export function errorResponse(error: unknown, report: (message: string) => void = () => {}): ErrorResponse {
  if (error instanceof InputError) error = errors.paramInvalid(error.field, error.message);
  if (error instanceof ApiError) return { status: error.status, body: error.toJSON(), headers: error.headers };
  report(error instanceof Error ? error.message : String(error));
  const internal = errors.internal();
  return { status: internal.status, body: internal.toJSON(), headers: {} };
}
