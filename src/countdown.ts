/**
 * The one countdown of both elements and the enrolment: whole seconds left until a moment (a
 * resend wait, a rate limit, a lockout), and a clock that ticks each second only while something
 * counts down. No DOM; the clock is the only timer.
 */

/** Seconds before another code may be asked for (SMS and email codes, in the sign-in and the enrolment). */
export const RESEND_SECONDS = 30;

/** Whole seconds left until `until` (epoch ms), never negative; none without a moment. */
export function secondsLeft(until: number | undefined | null, now: number): number {
  return until == null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** Seconds until a code sent at `sentAt` may be sent again. */
export function resendLeft(sentAt: number | undefined | null, now: number): number {
  return sentAt == null ? 0 : secondsLeft(sentAt + RESEND_SECONDS * 1000, now);
}

export interface Countdown {
  /** Starts the clock when something counts down, stops it when nothing does; after each change. */
  sync(): void;
  stop(): void;
}

/** A clock that calls `tick` each second while `running()` says a countdown is under way. */
export function countdown(running: (now: number) => boolean, tick: (now: number) => void): Countdown {
  let timer: ReturnType<typeof setInterval> | undefined;
  const clock: Countdown = {
    sync() {
      if (!running(Date.now())) return clock.stop();
      timer ??= setInterval(() => {
        tick(Date.now());
        clock.sync();
      }, 1000);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  return clock;
}
