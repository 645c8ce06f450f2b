// A yes/no question on a terminal, answered with a line (Enter alone takes the default): how okr
// offers something more, never how it asks for what a command needs (that is an option).
import { underCi, type Environment } from '../env.js';

/** Whether okr can ask: an interactive terminal on both ends, and not under CI. */
export function canAsk(env: Environment): boolean {
  return Boolean(env.stdin?.isTTY) && env.stdout.isTTY && !underCi(env);
}

/** Asks `question` ("... [Y/n] "); true for Enter, y or yes, false for n, no or the end of input. */
export async function askYesNo(env: Environment, question: string): Promise<boolean> {
  const stdin = env.stdin;
  if (!stdin) return false;
  env.stdout.write(question);
  const line = await new Promise<string | undefined>((resolve) => {
    let buffer = '';
    const finish = (answer: string | undefined) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      buffer += String(chunk);
      const end = buffer.indexOf('\n');
      if (end >= 0) finish(buffer.slice(0, end));
    };
    const onEnd = () => finish(undefined);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
  if (line === undefined) {
    env.stdout.write('\n');
    return false;
  }
  const answer = line.trim().toLowerCase();
  return answer === '' || answer === 'y' || answer === 'yes';
}
