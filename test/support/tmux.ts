// A real terminal for end-to-end tests of what okr draws: a tmux server of the test's own (its own
// socket and no user configuration), one window of a given size running one command. Keys are sent
// as a person types them; the screen is read back with capture-pane. Waiting is polling the screen
// for what is expected, with a deadline: never a sleep for timing.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './temp-repo.js';

/** Whether tmux can be run here. */
export function tmuxAvailable(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Quotes one word for the POSIX shell tmux runs the command with. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface TerminalOptions {
  readonly cwd: string;
  readonly columns?: number;
  readonly rows?: number;
  /** Variables to set (a value) or unset (undefined) for the command, on top of this process's. */
  readonly vars?: Record<string, string | undefined>;
}

export class Terminal {
  private readonly socket: string;

  private constructor(dir: string) {
    this.socket = join(dir, 'tmux.sock');
  }

  /** Runs `command` (a shell command line) in a new terminal; the pane stays after it exits. */
  static start(command: string, options: TerminalOptions): Terminal {
    const dir = tempDir('okr-tmux-');
    const config = join(dir, 'tmux.conf');
    // No status line: the pane is the whole window. The pane stays when the command ends, so its exit
    // status and last screen can be read.
    writeFileSync(config, 'set -g status off\nset -g remain-on-exit on\nset -g default-terminal screen\n');
    const terminal = new Terminal(dir);
    const unset = Object.entries(options.vars ?? {})
      .filter(([, v]) => v === undefined)
      .map(([k]) => `-u ${shellWord(k)}`);
    const set = Object.entries(options.vars ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => shellWord(`${k}=${v}`));
    // The command waits until every byte it writes is being recorded (tmux wait-for: no timing).
    const line = `tmux -S ${shellWord(terminal.socket)} wait-for go && env ${[...unset, ...set].join(' ')} ${command}`;
    execFileSync('tmux', ['-S', terminal.socket, '-f', config, 'new-session', '-d', '-x', String(options.columns ?? 100), '-y', String(options.rows ?? 30), '-c', options.cwd, line], {
      stdio: 'ignore',
      env: { ...process.env, TMUX: '' },
    });
    terminal.tmux(['pipe-pane', '-t', '0', `cat >> ${shellWord(terminal.rawLog)}`]);
    terminal.tmux(['wait-for', '-S', 'go']);
    return terminal;
  }

  private get rawLog(): string {
    return join(dirname(this.socket), 'raw.log');
  }

  /** Every byte the command wrote to the terminal, escape sequences included. */
  raw(): string {
    try {
      return readFileSync(this.rawLog, 'utf8');
    } catch {
      return '';
    }
  }

  private tmux(args: readonly string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** The screen as text, one line a row, trailing spaces removed. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', '0']).replace(/\n+$/, '');
  }

  /** Everything the terminal showed outside the alternate screen: the lines scrolled away and the screen. */
  transcript(): string {
    return this.tmux(['capture-pane', '-p', '-S', '-', '-E', '-', '-t', '0']).replace(/\n+$/, '');
  }

  /** A tmux format about the pane: #{alternate_on}, #{cursor_flag}, #{pane_dead}, #{pane_dead_status}... */
  info(format: string): string {
    return this.tmux(['display-message', '-p', '-t', '0', format]).trim();
  }

  /** Sends keys: tmux key names (Enter, Escape, Down, C-c) or literal text with `{ literal: true }`. */
  send(...keys: string[]): void {
    this.tmux(['send-keys', '-t', '0', ...keys]);
  }

  /** Types text as it is, character by character as far as the program can tell. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', '0', '-l', text]);
  }

  resize(columns: number, rows: number): void {
    this.tmux(['resize-window', '-t', '0', '-x', String(columns), '-y', String(rows)]);
  }

  /** Polls the screen until `expected` is on it (or `until` holds); fails at the deadline with the screen. */
  async waitFor(expected: string | RegExp | ((screen: string) => boolean), timeoutMs = 30_000): Promise<string> {
    const test = typeof expected === 'function' ? expected : typeof expected === 'string' ? (s: string) => s.includes(expected) : (s: string) => expected.test(s);
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the terminal did not show ${String(expected)} within ${timeoutMs} ms; it shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Waits for the command to end; its exit status. */
  async exitStatus(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.info('#{pane_dead}') !== '1') {
      if (Date.now() > deadline) throw new Error(`the command did not end within ${timeoutMs} ms; the terminal shows:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return Number(this.info('#{pane_dead_status}'));
  }

  /** Ends the terminal and whatever still runs in it. */
  close(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      // Already gone.
    }
  }
}
