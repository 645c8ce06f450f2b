// The shell of `okr dashboard`: reads the goals, takes the terminal (the alternate screen, cursor
// hidden, no line wrap), draws the live app with ink, carries out what it asks (reload, check-in,
// feedback: the same transactions as `okr checkin` and `okr feedback`), reloads when goal files
// change on disk or HEAD moves, and gives the terminal back however it ends: q, Esc, Ctrl+C, a
// signal, or a crash. Only this path loads ink and React.
import { Writable } from 'node:stream';
import { createElement } from 'react';
import { wantsColor, type Environment } from '../env.js';
import { OkrError } from '../errors.js';
import { headCommit, watchHead, type Watching } from '../git/head-watch.js';
import type { Repository } from '../git/repository.js';
import { formatValue } from '../model/checkin-message.js';
import { findGoal } from '../model/goal-detail.js';
import { parseRef } from '../model/ids.js';
import { currentValue, isCheckable } from '../model/key-results.js';
import type { Workspace } from '../model/types.js';
import type { Dispatch } from '../render/tui/dashboard/app.js';
import type { ScreenSize } from '../render/tui/dashboard/layout.js';
import { initialState, type DashboardState, type Outcome, type Request } from '../render/tui/dashboard/state.js';
import { parseCheckinArguments, planCheckins } from './checkin-arguments.js';
import { recordCheckins } from './checkin-transaction.js';
import { DashboardSource, type DashboardLoad, type DashboardReadOptions } from './dashboard-data.js';
import { recordFeedback } from './feedback-record.js';
import { requireTeam } from './goal-arguments.js';
import { watchGoalFiles } from './goal-file-watch.js';
import { openSession, type Session } from './session.js';

export interface DashboardOptions extends DashboardReadOptions {
  readonly dir?: string | undefined;
  readonly team?: string | undefined;
  /** Told every state drawn (the benchmarks time key presses with it). */
  readonly onState?: (state: DashboardState) => void;
}

/** Alternate screen, cursor hidden, no autowrap (a line one column too wide never scrolls the frame). */
const TAKE_SCREEN = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l\x1b[?7l';
const GIVE_BACK = '\x1b[?7h\x1b[?25h\x1b[?1049l';
/** Changes coming one after another (a checkout writes many files) cause one reload. */
const SETTLE_MS = 250;

export async function runDashboard(env: Environment, options: DashboardOptions): Promise<number> {
  // What okr would say on stderr while reading ("as of ...") must not be drawn over the screen.
  const quiet: Environment = { ...env, stderr: { write: () => undefined, isTTY: false } };
  const session = openSession(quiet, options.dir);
  const source = new DashboardSource(session, options);
  // Goal files are watched from before the first read: an edit saved while the goals are read, or
  // before the screen is up, is heard and read again (told once the screen listens).
  const fileChanges = new Relay();
  const goalWatch = watchGoalFiles(session.root, (file) => fileChanges.tell(`${file} changed`));
  try {
    return await showDashboard(env, options, session, source, fileChanges);
  } finally {
    goalWatch.close();
  }
}

async function showDashboard(env: Environment, options: DashboardOptions, session: Session, source: DashboardSource, fileChanges: Relay): Promise<number> {
  const first = await source.load();
  const team = options.team === undefined ? undefined : requireTeam(first.opened.workspace, options.team);
  const repository = await session.repository();
  const { render } = await (await import('../render/tui/ink.js')).loadInk();
  const { DashboardApp } = await import('../render/tui/dashboard/app.js');

  const size = (): ScreenSize => ({ columns: env.stdout.columns || 80, rows: env.stdout.rows || 24 });
  const terminal = terminalStream(env);
  const shell = new Shell(source, first, repository, fileChanges);
  const screen = takeScreen(env);
  // ink redraws on the stream's resize event; the reducer hears of it through the shell.
  const stopResizing = env.stdout.onResize?.(() => terminal.emit('resize'));
  try {
    const instance = render(
      createElement(DashboardApp, {
        initial: initialState(first.data, size(), { team }),
        styling: wantsColor(env) ? 'colour' : 'attributes',
        perform: (request, dispatch) => void shell.perform(request, dispatch),
        subscribe: (dispatch) => shell.start(dispatch, size, env),
        ...(options.onState ? { onState: options.onState } : {}),
      }),
      { stdout: terminal, stdin: env.stdin as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false, maxFps: 60 },
    );
    const release = env.interrupts?.capture(() => instance.unmount());
    try {
      await instance.waitUntilExit();
    } finally {
      release?.();
      shell.stop();
    }
  } finally {
    stopResizing?.();
    screen.giveBack();
  }
  // A check-in or feedback still being written finishes before okr exits (its promise holds the loop).
  await shell.idle();
  return 0;
}

/** Takes the terminal; gives it back once, also when the process ends some other way. */
function takeScreen(env: Environment): { giveBack(): void } {
  let given = false;
  const giveBack = () => {
    if (given) return;
    given = true;
    env.stdout.write(GIVE_BACK);
  };
  const cancel = env.atExit?.(giveBack);
  env.stdout.write(TAKE_SCREEN);
  return {
    giveBack() {
      giveBack();
      cancel?.();
    },
  };
}

/** The stream ink draws on: the environment's output, with the terminal's size and resize events. */
function terminalStream(env: Environment): NodeJS.WriteStream {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      env.stdout.write(String(chunk));
      done();
    },
  });
  Object.defineProperties(stream, {
    isTTY: { value: true },
    columns: { get: () => env.stdout.columns || 80 },
    rows: { get: () => env.stdout.rows || 24 },
  });
  return stream as unknown as NodeJS.WriteStream;
}

/** What a watch heard before anyone listened is kept (the last of it) and told when someone does. */
class Relay {
  private listener: ((why: string) => void) | undefined;
  private missed: string | undefined;

  tell(why: string): void {
    if (this.listener) this.listener(why);
    else this.missed = why;
  }

  listen(listener: ((why: string) => void) | undefined): void {
    this.listener = listener;
    const missed = this.missed;
    this.missed = undefined;
    if (listener && missed !== undefined) listener(missed);
  }
}

/** What the dashboard asks of the world, and the watches that tell it the world changed. */
class Shell {
  private current: DashboardLoad;
  private loadedHead: string | undefined;
  private headWatch: Watching | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Goal-file events until then come from okr's own writes (a reload follows the commit anyway). */
  private ownWritesUntil = 0;
  private dispatch: Dispatch | undefined;
  private stopResize: (() => void) | undefined;
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly source: DashboardSource,
    first: DashboardLoad,
    private readonly repository: Repository | undefined,
    private readonly fileChanges: Relay,
  ) {
    this.current = first;
  }

  private get session(): Session {
    return this.source.session;
  }

  start(dispatch: Dispatch, size: () => ScreenSize, env: Environment): () => void {
    this.dispatch = dispatch;
    this.stopResize = env.stdout.onResize?.(() => dispatch({ type: 'resize', size: size() }));
    this.fileChanges.listen((why) => this.settle(() => this.changed(why)));
    this.track(this.follow(this.current));
    return () => this.stop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopResize?.();
    this.fileChanges.listen(undefined);
    this.headWatch?.close();
    this.headWatch = undefined;
  }

  /** Resolves once nothing okr started is still running. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  async perform(request: Request, dispatch: Dispatch): Promise<void> {
    const finished = (outcome: Outcome) => dispatch({ type: 'finished', id: request.id, outcome });
    const work = (async () => {
      switch (request.kind) {
        case 'reload': {
          try {
            this.current = await this.source.load();
          } catch (error) {
            finished(outcomeOf(error));
            return;
          }
          dispatch({ type: 'loaded', data: this.current.data });
          finished({ ok: true, message: '' });
          this.track(this.follow(this.current));
          return;
        }
        case 'checkin':
          finished(await this.guard(() => checkin(this.session, request)));
          return;
        case 'feedback':
          finished(await this.guard(() => feedback(this.session, request)));
          return;
      }
    })();
    this.track(work);
    await work;
  }

  private async guard(write: () => Promise<Outcome>): Promise<Outcome> {
    try {
      return await write();
    } catch (error) {
      return outcomeOf(error);
    } finally {
      this.ownWritesUntil = Date.now() + SETTLE_MS * 2;
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  private async readFacts(load: DashboardLoad): Promise<void> {
    const generation = load.data.generation;
    try {
      const read = await this.source.facts(load);
      this.dispatch?.({ type: 'facts', generation, facts: 'facts' in read ? read.facts : undefined, ...('why' in read ? { why: read.why } : {}) });
    } catch (error) {
      this.dispatch?.({ type: 'facts', generation, facts: undefined, why: `reading history failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /**
   * After a load: the history and feedback of it, and the watches. HEAD is taken before the history
   * is read, so a commit made while it is read (or while the watches are being set up, when an
   * event could be missed) is seen as a move and read again, never taken as already shown.
   */
  private async follow(load: DashboardLoad): Promise<void> {
    const head = this.repository ? await headCommit(this.repository.git) : undefined;
    await Promise.all([this.readFacts(load), this.rewatchHead(head)]);
  }

  /** Watches HEAD (again: the branch may be another now). */
  private async rewatchHead(head: string | undefined): Promise<void> {
    if (this.stopped || !this.repository) return;
    this.loadedHead = head;
    this.headWatch?.close();
    this.headWatch = undefined;
    const watching = await watchHead(this.repository, () => this.settle(() => void this.headMoved()));
    if (this.stopped) watching.close();
    else this.headWatch = watching;
    // A move while no watch was set up has no event of its own.
    await this.headMoved();
  }

  private changed(why: string): void {
    if (Date.now() < this.ownWritesUntil) return;
    this.dispatch?.({ type: 'changed', why });
  }

  private async headMoved(): Promise<void> {
    if (!this.repository || this.stopped) return;
    const head = await headCommit(this.repository.git);
    if (head !== this.loadedHead) {
      this.loadedHead = head;
      this.changed('HEAD moved');
    }
  }

  private settle(then: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.stopped) then();
    }, SETTLE_MS);
  }
}

/** A check-in from the dashboard: the transaction and commit of `okr checkin REF=VALUE`. */
async function checkin(session: Session, request: Extract<Request, { kind: 'checkin' }>): Promise<Outcome> {
  const result = await recordCheckins(session, { note: request.note, includeChanges: false, commit: true }, ({ workspace }) => {
    const value = request.value ?? keptValue(workspace, request.ref) ?? '';
    return planCheckins(workspace, parseCheckinArguments([`${request.ref}=${value}`]), request.confidence);
  });
  const entry = result.result.recorded[0];
  if (!entry) return { ok: true, message: `nothing to record: ${request.ref} already has that value` };
  const unit = entry.unit ? (entry.unit === '%' ? '%' : ` ${entry.unit}`) : '';
  const moved = entry.previous === entry.value ? `${formatValue(entry.value)}${unit}` : `${formatValue(entry.previous)} → ${formatValue(entry.value)}${unit}`;
  const confidence = entry.confidence !== undefined ? `, confidence ${entry.confidence}` : '';
  return { ok: true, message: `checked in ${entry.keyResultId}: ${moved}${confidence}${result.commit ? ` (commit ${result.commit.slice(0, 7)})` : ''}` };
}

/** The value a key result has now, as `okr checkin` takes it (a confidence-only check-in keeps it). */
function keptValue(workspace: Workspace, ref: string): string | undefined {
  const parsed = parseRef(ref);
  if (parsed?.kind !== 'key-result') return undefined;
  const found = findGoal(workspace, parsed);
  return found.kind === 'key-result' && isCheckable(found.keyResult) ? formatValue(currentValue(found.keyResult)) : undefined;
}

/** Feedback from the dashboard: the commit of `okr feedback REF -m TEXT`. */
async function feedback(session: Session, request: Extract<Request, { kind: 'feedback' }>): Promise<Outcome> {
  const recorded = await recordFeedback(session, { ref: request.ref, text: request.text, kind: request.feedbackKind, replyTo: undefined });
  return { ok: true, message: `${recorded.kind ?? 'feedback'} recorded on ${recorded.ref} (commit ${recorded.commit.slice(0, 7)})` };
}

function outcomeOf(error: unknown): Outcome {
  if (error instanceof OkrError) return { ok: false, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, message: `internal error: ${message}`, hint: 'This is a bug in okr; run okr with OKR_DEBUG=1 and report it.' };
}
