/** The limits in force: Clerk's defaults, then the emulator's options, then the test control's, then a user's own. */
import type { StoredUser } from './records.js';
import { DEFAULT_LIMITS, type EmulatorLimits } from './types.js';

export class Limits {
  #overrides: Partial<EmulatorLimits> = {};

  constructor(private readonly options: Partial<EmulatorLimits> = {}) {}

  current(): EmulatorLimits {
    return { ...DEFAULT_LIMITS, ...this.options, ...this.#overrides };
  }

  /** The limits for one user: theirs (`EmulatorUser.limits`) over the ones in force. */
  forUser(user?: StoredUser): EmulatorLimits {
    return { ...this.current(), ...(user?.limits ?? {}) };
  }

  /** Replaces what the test control set before (`POST /__clerk/_emulator/limits`). */
  override(limits: Partial<EmulatorLimits>): EmulatorLimits {
    this.#overrides = { ...limits };
    return this.current();
  }

  static isName(name: string): name is keyof EmulatorLimits {
    return Object.hasOwn(DEFAULT_LIMITS, name);
  }
}
