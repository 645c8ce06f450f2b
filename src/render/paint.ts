// Colour for human output, decided once per command (NO_COLOR, FORCE_COLOR, TTY) and passed down.
// Renderers never import chalk themselves, so every renderer can be tested with colour off.
import { Chalk } from 'chalk';

export interface Paint {
  readonly enabled: boolean;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  blue(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function makePaint(enabled: boolean): Paint {
  if (!enabled) {
    const id = (s: string) => s;
    return { enabled, red: id, yellow: id, green: id, blue: id, cyan: id, magenta: id, dim: id, bold: id };
  }
  const c = new Chalk({ level: 1 });
  return {
    enabled,
    red: (s) => c.red(s),
    yellow: (s) => c.yellow(s),
    green: (s) => c.green(s),
    blue: (s) => c.blue(s),
    cyan: (s) => c.cyan(s),
    magenta: (s) => c.magenta(s),
    dim: (s) => c.dim(s),
    bold: (s) => c.bold(s),
  };
}
