/** The limits in force: Clerk's defaults, then the emulator's options, then the test control's, then a user's own. */
import { InputError } from './errors.js';
import { DEFAULT_LIMITS, type EmulatorLimits } from './types.js';

export class Limits {
  readonly #options: Partial<EmulatorLimits>;
  #overrides: Partial<EmulatorLimits> = {};

  constructor(options: Partial<EmulatorLimits> = {}) {
    this.#options = Limits.parse(options, 'limits');
  }

  current(): EmulatorLimits {
    return { ...DEFAULT_LIMITS, ...this.#options, ...this.#overrides };
  }

  /** The limits for one user: theirs (`EmulatorUser.limits`) over the ones in force. */
  forUser(user?: { limits: Partial<EmulatorLimits> }): EmulatorLimits {
    return { ...this.current(), ...(user?.limits ?? {}) };
  }

  /** Replaces what the test control set before (`POST /__clerk/_emulator/limits`). */
  override(limits: Partial<EmulatorLimits>): EmulatorLimits {
    this.#overrides = Limits.parse(limits);
    return this.current();
  }

  static isName(name: string): name is keyof EmulatorLimits {
    return Object.hasOwn(DEFAULT_LIMITS, name);
  }

  /**
   * Limits from input (the `limits` option, a user's `limits`, the `limits` test control): known
   * names only, each a non-negative number (undefined: not set); else an `InputError` naming the
   * field (`field.name`, or the name alone when `field` is empty).
   */
  static parse(value: unknown, field = ''): Partial<EmulatorLimits> {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError(field || 'limits', `${field || 'limits'} must be an object of limits`);
    const limits: Partial<EmulatorLimits> = {};
    for (const [name, limit] of Object.entries(value)) {
      if (limit === undefined) continue;
      const where = field ? `${field}.${name}` : name;
      if (!Limits.isName(name)) throw new InputError(where, `${where} is not a limit`);
      if (typeof limit !== 'number' || !Number.isFinite(limit) || limit < 0) throw new InputError(where, `${where} must be a non-negative number`);
      limits[name] = limit;
    }
    return limits;
  }
}
