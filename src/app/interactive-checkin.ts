// `okr checkin --team T` in a terminal: asks (ink) for each key result of the team in the cycle in
// view, then records the answers like `okr checkin REF=VALUE ...`. Only this path loads ink and React.
import { Writable } from 'node:stream';
import { createElement } from 'react';
import { DataError, ExitCode } from '../errors.js';
import { formatValue } from '../model/checkin-message.js';
import { closedOn } from '../model/grades.js';
import { checkableKeyResults, type CheckableKeyResult } from '../model/key-results.js';
import { valueText } from '../render/text/history.js';
import { CheckinPrompt, type PromptItem, type PromptResult } from '../render/tui/checkin-prompt.js';
import { planCheckins, type CheckinArgument } from './checkin-arguments.js';
import { reportCheckins } from './checkin-report.js';
import { recordCheckins } from './checkin-transaction.js';
import { chooseView } from './cycle-view.js';
import { requireTeam } from './goal-arguments.js';
import type { Session } from './session.js';

export interface InteractiveCheckinOptions {
  readonly team: string;
  readonly cycle: string | undefined;
  readonly note: string | undefined;
  readonly confidence: number | undefined;
  readonly includeChanges: boolean;
  readonly commit: boolean;
  readonly json: boolean;
}

export async function interactiveCheckin(session: Session, options: InteractiveCheckinOptions): Promise<number> {
  const { env } = session;
  const opened = await session.loadForReading();
  const team = requireTeam(opened.workspace, options.team);
  const view = chooseView(opened.workspace, options.cycle, env.today);
  if (view.cycle.closed !== undefined)
    throw new DataError(
      `cycle ${view.cycle.id} was closed on ${view.cycle.closed}: its key results are frozen`,
      'Pick an open cycle with --cycle, or carry the objectives over with okr plan NEXT --from ' + view.cycle.id + '.',
    );
  // Objectives of a closed cycle in view (a closed year around an open quarter) are frozen too.
  const krs = checkableKeyResults(view.objectives.filter((o) => o.team === team && closedOn(opened.workspace, o.cycle) === undefined)).map((k) => k.keyResult);
  if (krs.length === 0) throw new DataError(`team ${team} has no key results to check in for cycle ${view.cycle.id}`, 'Pick another cycle with --cycle, or add key results to its goal file.');

  const result = await ask(session, team, krs.map(itemOf));
  if (!result) {
    env.stderr.write('okr: check-in cancelled; nothing was written\n');
    return ExitCode.dataError;
  }
  const args: CheckinArgument[] = [];
  result.answers.forEach((answer, i) => {
    if (answer === undefined) return;
    const ref = krs[i]!.ref;
    const value = typeof answer === 'boolean' ? formatValue(answer) : String(answer);
    args.push({ raw: `${ref}=${value}`, refText: ref, value });
  });
  if (args.length === 0 && options.confidence === undefined) {
    env.stderr.write('okr: no values changed; nothing was written\n');
    return ExitCode.ok;
  }
  const recorded = await recordCheckins(
    session,
    { note: result.note || options.note, includeChanges: options.includeChanges, commit: options.commit },
    ({ workspace }) => planCheckins(workspace, args, options.confidence),
  );
  reportCheckins(env, recorded, options.commit, options.json);
  return ExitCode.ok;
}

function itemOf(kr: CheckableKeyResult): PromptItem {
  switch (kr.kind) {
    case 'metric':
      return { ref: kr.ref, title: kr.title, kind: 'metric', now: valueText(kr.current, kr.unit), scale: `${kr.start} → ${kr.target}${kr.unit ? ` ${kr.unit}` : ''}`, ...(kr.unit ? { unit: kr.unit } : {}) };
    case 'guardrail':
      return {
        ref: kr.ref,
        title: kr.title,
        kind: 'guardrail',
        now: valueText(kr.current, kr.unit),
        scale: `keep ${kr.bound.direction} ${kr.bound.value}${kr.unit ? ` ${kr.unit}` : ''}`,
        ...(kr.unit ? { unit: kr.unit } : {}),
      };
    case 'milestone':
      return { ref: kr.ref, title: kr.title, kind: 'milestone', now: formatValue(kr.done) };
  }
}

async function ask({ env }: Session, team: string, items: PromptItem[]): Promise<PromptResult | undefined> {
  const { render } = await (await import('../render/tui/ink.js')).loadInk();
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
