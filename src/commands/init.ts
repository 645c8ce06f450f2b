// okr init: scaffolds a workspace that `okr check` passes, with schema hints for editors.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeJson } from '../app/output.js';
import type { InitArguments, InitOptions } from '../definitions/init.js';
import type { Environment } from '../env.js';
import { DataError, UsageError } from '../errors.js';
import { isValidDay } from '../model/calendar.js';
import { explainInvalidId, ID_RULE_TEXT, isValidId } from '../model/ids.js';
import { schemaFileText, SCHEMA_NAMES } from '../workspace/schema-validation.js';
import { CONFIG_FILE, TEAM_FILE, TEAMS_DIR } from '../workspace/source.js';

interface CycleSpan {
  id: string;
  start: string;
  end: string;
}

const SCHEMA_DIR = '.okr/schemas';

/** A cycle id okr can date by itself: `2026` (a year), `2026-H2` (a half) or `2026-Q4` (a quarter). */
export function datedCycle(id: string): CycleSpan | undefined {
  const year = /^(\d{4})$/.exec(id);
  if (year) return { id, start: `${year[1]}-01-01`, end: `${year[1]}-12-31` };
  const half = /^(\d{4})-H([12])$/.exec(id);
  if (half) return half[2] === '1' ? { id, start: `${half[1]}-01-01`, end: `${half[1]}-06-30` } : { id, start: `${half[1]}-07-01`, end: `${half[1]}-12-31` };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
  if (!quarter) return undefined;
  const q = Number(quarter[2]);
  const pad = (n: number) => String(n).padStart(2, '0');
  const endDay = [31, 30, 30, 31][q - 1]!;
  return { id, start: `${quarter[1]}-${pad(3 * q - 2)}-01`, end: `${quarter[1]}-${pad(3 * q)}-${endDay}` };
}

function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

const quote = (text: string) => JSON.stringify(text);

export default async function init(env: Environment, _args: InitArguments, given: InitOptions): Promise<number> {
  const options = { organization: 'My organisation', mission: 'Describe the one thing we are here to do.', team: 'core', ...given };
  const root = resolve(env.cwd, options.dir ?? '.');
  for (const [flag, id] of [['--team', options.team], ...(options.cycle ? [['--cycle', options.cycle]] : [])] as const)
    if (!isValidId(id)) throw new UsageError(`${flag}: ${explainInvalidId(id)}`, `${ID_RULE_TEXT[0]!.toUpperCase()}${ID_RULE_TEXT.slice(1)}.`);
  const cycleId = options.cycle ?? quarterOf(env.today);
  const cycle = datedCycle(cycleId);
  if (!cycle || !isValidDay(cycle.start))
    throw new UsageError(`--cycle: okr init can date only a year (2026), a half (2026-H2) or a quarter (2026-Q4), not "${cycleId}"`, 'Pick one of those; you can add other cycles to okr.yaml by hand.');
  if (existsSync(join(root, CONFIG_FILE)))
    throw new DataError(`${join(root, CONFIG_FILE)} already exists: this is a workspace already`, 'Run "okr check" to validate it; init never overwrites files.');

  const hint = (schema: string, from: string) =>
    `# yaml-language-server: $schema=${relative(join(root, from), join(root, SCHEMA_DIR, `${schema}.schema.json`)).split('\\').join('/')}\n`;
  const teamDir = `${TEAMS_DIR}/${options.team}`;
  const files: Record<string, string> = {
    [CONFIG_FILE]:
      hint('okr', '.') +
      `version: 1\norganization: ${quote(options.organization)}\nmission: ${quote(options.mission)}\n` +
      `values:\n  - id: customer-first\n    title: Start from what customers need\n` +
      `cycles:\n  - id: ${cycle.id}\n    start: ${quote(cycle.start)}\n    end: ${quote(cycle.end)}\n` +
      `checkins:\n  stale_after_days: 14\n` +
      `rules:                     # off | warn | error, or [severity, option]\n` +
      `  max-objectives-per-team: [warn, 5]\n  max-key-results-per-objective: [warn, 5]\n  require-alignment: error\n  stale-checkin: warn\n`,
    [`${teamDir}/${TEAM_FILE}`]:
      hint('team', teamDir) +
      `name: ${quote(options.team)}\n# parent: another-team     # the team above this one, if any\n` +
      `owners: ["@${options.team}-leads"]   # git author emails or @handles (used for CODEOWNERS)\npurpose: What this team is for.\n`,
    [`${teamDir}/${cycle.id}.yaml`]:
      hint('cycle', teamDir) +
      `objectives:\n  - id: first-objective\n    title: Say what you want to achieve this cycle\n    aligns_to: mission\n    values: [customer-first]\n` +
      `    key_results:\n` +
      `      - id: first-metric\n        title: A number that shows you got there\n        start: 0\n        target: 100\n        current: 0\n        unit: "%"\n` +
      `      - id: first-milestone\n        title: Something you will ship\n        done: false\n`,
  };
  for (const name of SCHEMA_NAMES) files[`${SCHEMA_DIR}/${name}.schema.json`] = schemaFileText(name);

  for (const [file, content] of Object.entries(files)) {
    const abs = join(root, file);
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, content, { flag: 'wx' }); // wx: never overwrite, even in a race
  }
  if (options.json) writeJson(env, { root, files: Object.keys(files) });
  else
    env.stdout.write(
      `Created a workspace in ${root}:\n${Object.keys(files).map((f) => `  ${f}`).join('\n')}\n\n` +
        `Next:\n  edit ${CONFIG_FILE} (mission, cycles) and ${teamDir}/${cycle.id}.yaml (objectives)\n` +
        `  okr check      validate the files\n  okr tree       see how the goals roll up to the mission\n` +
        `Editors with the YAML language server (VS Code's YAML extension) pick up the schemas from the first line of each file.\n`,
    );
  return 0;
}
