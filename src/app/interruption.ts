// Ctrl-C, `kill` or a closed terminal during a transaction: instead of ending with the goal files
// edited and okr's lock left behind, the signal aborts what runs (the wait for the lock, git and
// the hook it started), the transaction puts things back, and okr ends with the signal's status.
import type { Environment, InterruptSignal } from '../env.js';
import { OkrError } from '../errors.js';

const SIGNAL_NUMBER: Readonly<Record<InterruptSignal, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The transaction stopped on a signal; exits 128 + the signal's number, as a shell reports it. */
export class Interrupted extends OkrError {
  constructor(
    readonly signal: InterruptSignal,
    message = `interrupted (${signal})`,
    hint?: string,
  ) {
    super(message, hint, 128 + SIGNAL_NUMBER[signal]);
  }
}

/** Signals captured from creation until `end()`; `signal` aborts when one arrives. */
export class Interruption {
  private readonly controller = new AbortController();
  private readonly release: () => void;
  private got: InterruptSignal | undefined;

  constructor(env: Environment) {
    this.release =
      env.interrupts?.capture((signal) => {
        if (this.got) return; // a second Ctrl-C while putting things back: finish putting them back
        this.got = signal;
        this.controller.abort(new Error(`received ${signal}`));
      }) ?? (() => undefined);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * The signal received, if any. Asked after a failure: a moment is given for a signal that arrived
   * with the failure it caused (Ctrl-C reaches git and okr together) to be seen first.
   */
  async received(): Promise<InterruptSignal | undefined> {
    if (!this.got) await new Promise((resolve) => setImmediate(resolve));
    return this.got;
  }

  end(): void {
    this.release();
  }
}
