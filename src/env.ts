// Everything okr reads from the process: working folder, streams, colour, environment, "today".
// Commands receive an Environment instead of touching process globals, so tests can inject them.

export interface Output {
  write(chunk: string): void;
  /** True when the stream is an interactive terminal (bars, colour and TUI only then). */
  readonly isTTY: boolean;
  /** Columns of the terminal, when known. */
  readonly columns?: number;
  /** Rows of the terminal, when known. */
  readonly rows?: number;
  /** Calls `listener` whenever the terminal is resized; returns what stops it (terminals only). */
  onResize?(listener: () => void): () => void;
}

/** The signals that ask okr to stop: Ctrl-C, `kill`, a closed terminal. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export interface Interrupts {
  /**
   * Until the returned function is called, these signals call `listener` instead of ending the
   * process: okr finishes what it must (restoring files, releasing its lock) and then ends.
   */
  capture(listener: (signal: InterruptSignal) => void): () => void;
}

export interface Environment {
  readonly cwd: string;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly vars: Readonly<Record<string, string | undefined>>;
  /** Today's date as YYYY-MM-DD in local time, unless OKR_TODAY overrides it (tests, demos). */
  readonly today: string;
  /** Where signals reach okr (the process's own; absent in tests that run okr in-process). */
  readonly interrupts?: Interrupts;
  /**
   * Calls `cleanup` (synchronous) when the process exits, however it exits, a crash included;
   * returns what cancels it. What a full-screen view uses to give the terminal back.
   */
  readonly atExit?: (cleanup: () => void) => () => void;
}

const INTERRUPT_SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A signal okr put off to finish what it was doing; it ends the process once run() is done. */
let deferred: InterruptSignal | undefined;

const processInterrupts: Interrupts = {
  capture(listener) {
    const handlers = INTERRUPT_SIGNALS.map(
      (signal) =>
        [
          signal,
          () => {
            deferred ??= signal;
            listener(signal);
          },
        ] as const,
    );
    for (const [signal, handler] of handlers) process.on(signal, handler);
    return () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
  },
};

export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function processEnvironment(): Environment {
  // A reader that goes away (okr tree | head) ends okr quietly, as SIGPIPE ends git.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  const wrap = (stream: NodeJS.WriteStream): Output => ({
    write: (chunk) => void stream.write(chunk),
    get isTTY() {
      return Boolean(stream.isTTY);
    },
    get columns() {
      return stream.columns;
    },
    get rows() {
      return stream.rows;
    },
    onResize(listener) {
      stream.on('resize', listener);
      return () => void stream.off('resize', listener);
    },
  });
  return {
    cwd: process.cwd(),
    stdout: wrap(process.stdout),
    stderr: wrap(process.stderr),
    stdin: process.stdin,
    vars: process.env,
    today: process.env.OKR_TODAY || localDay(new Date()), // set but empty is unset, as for OKR_MAX_FILE_BYTES
    interrupts: processInterrupts,
    atExit(cleanup) {
      process.on('exit', cleanup);
      return () => void process.off('exit', cleanup);
    },
  };
}

/**
 * Ends the process by the signal okr put off, if any, as that signal would have ended it: the
 * parent (a shell, a CI runner) sees "killed by SIGINT" and stops too. A hook that git left running
 * cannot keep okr alive.
 */
export function endAsSignalled(): void {
  if (deferred === undefined) return;
  // Whatever still listens for the signal (signal-exit, which ink's cursor handling leaves behind) would
  // take it instead of the default action, on a later turn of the event loop, which may never come: the
  // process would end with status 0 first. Its cleanup has been done; the default action ends okr now.
  process.removeAllListeners(deferred);
  process.kill(process.pid, deferred);
}

/**
 * Colour follows the conventions of https://no-color.org and FORCE_COLOR:
 * FORCE_COLOR (non-"0") wins, then NO_COLOR (any non-empty value) turns it off,
 * otherwise colour only on a terminal.
 */
export function wantsColor(env: Environment, stream: Output = env.stdout): boolean {
  const force = env.vars.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.vars.NO_COLOR) return false;
  if (env.vars.TERM === 'dumb') return false;
  return stream.isTTY;
}

/**
 * Whether okr runs under CI (CI or CONTINUOUS_INTEGRATION set, and not to 0 or false), by the rule
 * ink uses: there it draws only the last frame, so nothing interactive can work.
 */
export function underCi(env: Environment): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION'].some((name) => {
    const value = env.vars[name];
    return value !== undefined && value !== '0' && value !== 'false';
  });
}
