// `okr checkin --team T` in a terminal: asks (ink) for each key result of the team in the cycle in
// view, then records the answers like `okr checkin REF=VALUE ...`. Only this path loads ink and React.
import { Writable } from 'node:stream';
import { createElement } from 'react';
import type { Environment } from '../env.js';
import { DataError, ExitCode } from '../errors.js';
import { formatValue } from '../model/checkin-message.js';
import { parseRef } from '../model/ids.js';
import type { KeyResult } from '../model/types.js';
import { valueText } from '../render/text/history.js';
import { CheckinPrompt, type PromptItem, type PromptResult } from '../render/tui/checkin-prompt.js';
import { noteOf, planCheckins, report, type CheckinArgument, type CheckinOptions } from './checkin.js';
import { checkableKeyResults } from './open-history.js';
import { chooseView, openForReading, requireTeam } from './open-view.js';
import { recordCheckins } from './record-checkins.js';

export async function interactiveCheckin(env: Environment, options: CheckinOptions): Promise<number> {
  const opened = await openForReading(env, { dir: options.dir });
  const team = requireTeam(opened.workspace, options.team!);
  const view = chooseView(opened.workspace, options.cycle, env.today);
  const krs = checkableKeyResults(view.objectives.filter((o) => o.team === team)).map((k) => k.keyResult);
  if (krs.length === 0) throw new DataError(`team ${team} has no key results to check in for cycle ${view.cycle.id}`, 'Pick another cycle with --cycle, or add key results to its goal file.');

  const result = await ask(env, team, krs.map(itemOf));
  if (!result) {
    env.stderr.write('okr: check-in cancelled; nothing was written\n');
    return ExitCode.dataError;
  }
  const args: CheckinArgument[] = [];
  result.answers.forEach((answer, i) => {
    if (answer === undefined) return;
    const ref = krs[i]!.ref;
    const value = typeof answer === 'boolean' ? formatValue(answer) : String(answer);
    args.push({ raw: `${ref}=${value}`, ref: parseRef(ref) as CheckinArgument['ref'], value });
  });
  if (args.length === 0 && options.confidence === undefined) {
    env.stderr.write('okr: no values changed; nothing was written\n');
    return ExitCode.ok;
  }
  const note = result.note || noteOf(options.message);
  const commit = options.commit !== false;
  const recorded = await recordCheckins(
    env,
    { dir: options.dir, note, includeChanges: Boolean(options.includeChanges), commit },
    ({ workspace }) => planCheckins(workspace, args, options.confidence),
  );
  report(env, recorded, commit, Boolean(options.json));
  return ExitCode.ok;
}

function itemOf(kr: KeyResult): PromptItem {
  switch (kr.kind) {
    case 'metric':
      return { ref: kr.ref, title: kr.title, kind: 'metric', now: valueText(kr.current, kr.unit), scale: `${kr.start} → ${kr.target}${kr.unit ? ` ${kr.unit}` : ''}` };
    case 'guardrail':
      return { ref: kr.ref, title: kr.title, kind: 'guardrail', now: valueText(kr.current, kr.unit), scale: `keep ${kr.bound.direction} ${kr.bound.value}${kr.unit ? ` ${kr.unit}` : ''}` };
    case 'milestone':
      return { ref: kr.ref, title: kr.title, kind: 'milestone', now: formatValue(kr.done) };
    case 'rollup':
      throw new Error('rollups are not asked for');
  }
}

async function ask(env: Environment, team: string, items: PromptItem[]): Promise<PromptResult | undefined> {
  const { render } = await import('ink');
  let result: PromptResult | undefined;
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        env.stdout.write(String(chunk));
        done();
      },
    }),
    { isTTY: true, columns: env.stdout.columns ?? 80, rows: 24 },
  ) as unknown as NodeJS.WriteStream;
  const instance = render(createElement(CheckinPrompt, { team, items, onDone: (r) => (result = r) }), {
    stdout,
    stdin: env.stdin as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await instance.waitUntilExit();
  return result;
}
