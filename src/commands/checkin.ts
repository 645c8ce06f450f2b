// okr checkin REF=VALUE ...: new values of key results, recorded as one commit holding only the goal
// files it touched (SPEC section 4). With --team and no REF in a terminal, it asks for each value.
import { CHECKIN_EXAMPLE, noteFromMessages, parseCheckinArguments, planCheckins } from '../app/checkin-arguments.js';
import { reportCheckins } from '../app/checkin-report.js';
import { recordCheckins } from '../app/checkin-transaction.js';
import { openSession } from '../app/session.js';
import type { CheckinArguments, CheckinOptions } from '../definitions/checkin.js';
import { underCi, type Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';

export default async function checkin(env: Environment, [changes]: CheckinArguments, options: CheckinOptions): Promise<number> {
  const note = noteFromMessages(options.message);
  const includeChanges = Boolean(options.includeChanges);
  if (changes.length === 0) {
    if (options.team === undefined)
      throw new UsageError('nothing to check in: give REF=VALUE arguments', `${CHECKIN_EXAMPLE} In a terminal, "okr checkin --team <team>" asks for each value.`);
    if (!env.stdin?.isTTY || !env.stdout.isTTY)
      throw new UsageError(
        `okr checkin --team ${options.team} asks for values in a terminal, and this is not one`,
        `Pass the values instead: okr checkin ${options.team}/<objective>/<key-result>=VALUE ...`,
      );
    // Under CI (CI or CONTINUOUS_INTEGRATION set), ink draws only the last frame: the prompts would
    // never show, and okr would seem to hang.
    if (underCi(env))
      throw new UsageError(
        `okr checkin --team ${options.team} asks for values interactively, which does not work with CI set`,
        `Pass the values instead (okr checkin ${options.team}/<objective>/<key-result>=VALUE ...), or unset CI.`,
      );
    const { interactiveCheckin } = await import('../app/interactive-checkin.js');
    return interactiveCheckin(openSession(env, options.dir), {
      team: options.team,
      cycle: options.cycle,
      note,
      confidence: options.confidence,
      includeChanges,
      commit: options.commit,
      json: Boolean(options.json),
    });
  }
  if (options.team !== undefined) throw new UsageError('--team is for asking in a terminal; with REF=VALUE arguments, leave it out');
  const parsed = parseCheckinArguments(changes);
  const session = openSession(env, options.dir);
  let result;
  try {
    result = await recordCheckins(session, { note, includeChanges, commit: options.commit }, ({ workspace }) => planCheckins(workspace, parsed, options.confidence));
  } catch (error) {
    // A goal of another repository (SPEC 13) is unknown here: say where to check it in instead.
    if (error instanceof DataError && /^unknown key result/.test(error.message)) {
      const { remoteOwner } = await import('../app/federated-workspace.js');
      throw remoteOwner(await session.load(), parsed.map((p) => p.refText)) ?? error;
    }
    throw error;
  }
  reportCheckins(env, result, options.commit, Boolean(options.json));
  return ExitCode.ok;
}
