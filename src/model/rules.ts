// The configurable policy rules of okr.yaml (eslint-style) and their defaults: without a `rules`
// block every rule warns, so a workspace never fails on policy alone.
import type { RuleSetting } from './types.js';

export const DEFAULT_RULES: Readonly<Record<string, RuleSetting>> = {
  'max-objectives-per-team': { severity: 'warn', option: 5 },
  'max-key-results-per-objective': { severity: 'warn', option: 5 },
  'require-alignment': { severity: 'warn' },
  'stale-checkin': { severity: 'warn' },
  'rollup-without-children': { severity: 'warn' },
  'closed-cycle-changed': { severity: 'error' },
};

export const KNOWN_RULES: ReadonlyMap<string, string> = new Map([
  ['max-objectives-per-team', 'a team has at most N objectives in a cycle (default 5)'],
  ['max-key-results-per-objective', 'an objective has at most N key results (default 5)'],
  ['require-alignment', 'every objective says what it aligns to (aligns_to)'],
  ['stale-checkin', 'a key result was checked in within checkins.stale_after_days'],
  ['rollup-without-children', 'a rollup key result has objectives aligned to it'],
  ['closed-cycle-changed', "a closed cycle's values, targets and grades are those of its close commit"],
]);

/**
 * What a rule is about, for people reading a finding away from the terminal (SARIF viewers such as
 * GitHub code scanning show all three): a one-line summary, a fuller description, and how to fix it.
 */
export interface RuleDoc {
  /** One line: what the rule holds. */
  readonly summary: string;
  /** What the rule checks and why it matters, in a few sentences. */
  readonly description: string;
  /** How to fix a finding of this rule. */
  readonly help: string;
}

const CONFIGURE = 'Configure it in okr.yaml under rules: (off, warn or error).';

/** Every rule id `okr check` can report, described (SARIF rule metadata, docs). */
export const RULE_CATALOG: ReadonlyMap<string, RuleDoc> = new Map<string, RuleDoc>([
  ['yaml-syntax', {
    summary: 'the file is valid YAML',
    description: 'A goal file must parse as one YAML document: no tabs as indentation, no unclosed bracket or quote, at most 100 aliases and 100 levels of nesting. A file that does not parse is reported once and its goals are not read; the other files are still checked.',
    help: 'Fix the YAML at the position shown. A value that contains ": " or starts with a special character needs quotes; indent with spaces, consistently.',
  }],
  ['duplicate-key', {
    summary: 'a YAML mapping has no repeated key',
    description: 'A key that appears twice in one mapping makes the file mean different things to different YAML readers (some keep the first, some the last). okr refuses to guess.',
    help: 'Keep one of the two keys and delete the other.',
  }],
  ['schema', {
    summary: 'the file matches its JSON Schema (keys, types, key-result kinds)',
    description: 'okr.yaml, team.yaml and the cycle files each have a JSON Schema (okr schema prints them): required keys, no unknown keys, the right types, valid ids and dates, and a key result that is exactly one kind (metric, milestone, rollup or guardrail).',
    help: 'Change the value or key shown to what the message asks for. okr schema --out .okr/schemas writes the schemas so an editor can complete and check keys as you type.',
  }],
  ['invalid-encoding', {
    summary: 'the file is UTF-8',
    description: 'Goal files are read as UTF-8 text. A file with bytes that are not UTF-8 is not read, so its goals are missing from every view.',
    help: 'Save the file as UTF-8 (the finding points at the first bad byte).',
  }],
  ['file-too-large', {
    summary: 'the file is under the size limit',
    description: 'A goal file larger than the limit (1 MiB by default) is not read, so a stray or hostile file cannot exhaust memory. Its goals are missing from every view.',
    help: 'Split the file, or raise the limit with OKR_MAX_FILE_BYTES if the file is meant to be that large.',
  }],
  ['unsafe-path', {
    summary: 'no link or path leads outside the workspace or repository',
    description: 'okr never follows a symbolic link that leads out of the workspace, and a key result\'s source.file must stay inside the repository, so a goal file cannot make okr read files it should not.',
    help: 'Replace the link with the file itself, or point source.file at a file inside the repository (no "..", no absolute path).',
  }],
  ['unreadable-file', {
    summary: 'the file can be read',
    description: 'A goal file that cannot be read (a dangling link, no permission) is reported, and its goals are missing from every view.',
    help: 'Fix the file\'s permissions or the link, or delete the file.',
  }],
  ['ignored-file', {
    summary: 'goal files are named *.yaml',
    description: 'okr reads okr.yaml, teams/<team>/team.yaml and teams/<team>/<cycle>.yaml: the .yaml extension, in lower case, is part of the layout. A file there with another spelling of it (2026-Q4.yml, team.YAML, okr.yml beside okr.yaml) is not read, so its goals are missing from every view; okr warns rather than guess which of two spellings is meant. Hidden files and folders are not looked at.',
    help: 'Rename the file to the .yaml name the message gives. If that file exists already, move what the ignored file holds into it and delete the ignored one.',
  }],
  ['invalid-id', {
    summary: 'ids and folder names match the id pattern',
    description: 'Team folder names and cycle file names are ids, and ids start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 64). A file under a folder or name that is not an id is not read.',
    help: 'Rename the folder or file to a valid id.',
  }],
  ['missing-team-file', {
    summary: 'every team folder has a team.yaml',
    description: 'A team is a folder teams/<team>/ with a team.yaml that names the team, its parent and its owners. Without it the team has no name, no owners and no place in the team hierarchy.',
    help: 'Add teams/<team>/team.yaml with at least a name.',
  }],
  ['duplicate-id', {
    summary: 'ids are unique where references need them to be',
    description: 'References name no cycle, so an objective id is unique within its team across all of its cycle files, and a key-result id within its objective; cycle and value ids are unique in okr.yaml. With a duplicate, a reference would name two goals.',
    help: 'Rename one of the two, and update the references to it.',
  }],
  ['unsafe-url', {
    summary: 'upstream and member URLs, refs and paths are safe to hand to git',
    description: 'okr.yaml names other repositories (upstream, members) that okr fetch fetches with git. Their URLs are data: only https, ssh, git and file URLs and local paths; never a remote helper such as ext:: (it runs a program), never a value git would read as an option, never a password or token in the URL (it would be stored and printed). Refs and paths are checked the same way. An entry that fails is neither fetched nor read.',
    help: 'Write an https, ssh (user@host:path), git or file URL without credentials (use a credential helper or an SSH key), a plain ref such as main, and a folder inside the repository.',
  }],
  ['team-clash', {
    summary: 'team ids are unique across the repositories of an organisation',
    description: 'An organisation joins the teams of its member repositories (and a member the teams of its upstream) into one tree, where a reference names a team by its id alone. A team id in two repositories would make references ambiguous: the first is shown, the other left out.',
    help: 'Rename one of the two team folders (and the references to it).',
  }],
  ['upstream-not-fetched', {
    summary: "the upstream okr.yaml names has been fetched",
    description: "A member repository inherits its mission, values, cycles and rules from its upstream, and its objectives may align to the upstream's goals. Until okr fetch has fetched the upstream into refs/okr/upstream, none of that is known, and alignments to it cannot be checked.",
    help: 'Run okr fetch (in CI: okr check --fetch), and make sure the upstream URL and ref are right.',
  }],
  ['unknown-reference', {
    summary: 'aligns_to names an existing objective or key result',
    description: 'Every objective says which goal above it it serves: an objective (team/objective), a key result (team/objective/kr), a bare objective id of the same team, or mission. A reference that names nothing breaks the line of sight to the mission.',
    help: 'Correct the reference (the message suggests the nearest existing one), or align to mission.',
  }],
  ['alignment-cycle', {
    summary: 'alignment does not form a cycle',
    description: 'Following aligns_to from any objective must reach the mission. When objectives align to each other in a circle, none of them reaches it and their progress cannot roll up.',
    help: 'Align one of the objectives in the circle to a goal outside it, or to mission.',
  }],
  ['team-cycle', {
    summary: 'team parent links do not form a cycle',
    description: 'Team parent links form a hierarchy (used for CODEOWNERS and owners). Teams that are each other\'s parents have no top.',
    help: 'Give one of the teams in the circle another parent, or none.',
  }],
  ['unknown-parent', {
    summary: "a team's parent exists",
    description: 'A team\'s parent is another team\'s id (its folder name under teams/). A parent that does not exist leaves the team outside the hierarchy.',
    help: 'Correct the parent id, or remove parent for a top-level team.',
  }],
  ['undeclared-cycle', {
    summary: 'a cycle file names a cycle declared in okr.yaml',
    description: 'A cycle file is named after its cycle (2026-Q4.yaml); the cycle\'s dates come from okr.yaml. A file for a cycle okr.yaml does not declare has no dates to pace against.',
    help: 'Declare the cycle under cycles: in okr.yaml (id, start, end), or rename the file.',
  }],
  ['cycle-not-covered', {
    summary: 'an objective aligns only to goals whose cycle covers its own',
    description: 'A quarter may serve its year, not the reverse: an objective may align only to a goal whose cycle covers its own cycle\'s dates, so it rolls up into goals that are still running.',
    help: 'Align the objective to a goal of the same or a longer cycle, or move it to a shorter cycle.',
  }],
  ['invalid-date', {
    summary: 'cycle dates are real days, start before end',
    description: 'Each cycle in okr.yaml has a start and an end, both real calendar days written YYYY-MM-DD, the end not before the start. Expected progress and staleness are computed from them.',
    help: 'Write the dates as quoted YYYY-MM-DD days (start: "2026-10-01"), with the end on or after the start.',
  }],
  ['start-equals-target', {
    summary: 'a metric key result has start different from target',
    description: 'A metric\'s progress is (current - start) / (target - start). With start equal to target there is nowhere to go, so its progress cannot be measured.',
    help: 'Set the target you aim for, or make the key result a guardrail (keep_below or keep_above) if the point is to hold a value.',
  }],
  ['objective-without-key-results', {
    summary: 'every objective has key results',
    description: 'An objective\'s progress is the weighted mean of its key results. Without key results it cannot be measured.',
    help: 'Add at least one key result to the objective.',
  }],
  ['unknown-value', {
    summary: 'cited values are declared in okr.yaml',
    description: 'An objective may cite the organisation\'s guiding values (values: [customer-trust]); each must be declared under values: in okr.yaml.',
    help: 'Correct the value id (the message suggests the nearest), or declare it in okr.yaml.',
  }],
  ['unknown-rule', {
    summary: 'okr.yaml configures only known rules',
    description: 'The rules: block of okr.yaml configures the policy rules by name, eslint-style. A misspelt rule name would otherwise be silently ignored.',
    help: 'Correct the rule name (the message suggests the nearest), or remove it.',
  }],
  ['max-objectives-per-team', {
    summary: 'a team has at most N objectives in a cycle (default 5)',
    description: 'Focus is the point of OKRs: a team with many objectives in one cycle has no priorities. The limit is an option of the rule (default 5).',
    help: `Merge or drop objectives, or raise the limit: max-objectives-per-team: [warn, 7]. ${CONFIGURE}`,
  }],
  ['max-key-results-per-objective', {
    summary: 'an objective has at most N key results (default 5)',
    description: 'A few key results say what success means; many dilute it. The limit is an option of the rule (default 5).',
    help: `Keep the key results that matter most, or raise the limit: max-key-results-per-objective: [warn, 7]. ${CONFIGURE}`,
  }],
  ['require-alignment', {
    summary: 'every objective says what it aligns to (aligns_to)',
    description: 'Alignment is what makes goals roll up to the mission. An objective without aligns_to stands alone: it shows as unaligned in okr tree and counts toward no goal above it.',
    help: `Add aligns_to: a goal above it (team/objective or team/objective/kr), or mission. ${CONFIGURE}`,
  }],
  ['stale-checkin', {
    summary: 'a key result was checked in within checkins.stale_after_days',
    description: 'A key result of a running cycle whose value or confidence has not changed in git for longer than checkins.stale_after_days (default 14) is stale: nobody knows where it stands. Read from git history; skipped outside a git work tree.',
    help: `Check in a value (okr checkin REF=VALUE -m "what changed"), even the same one with a new confidence. ${CONFIGURE}`,
  }],
  ['rollup-without-children', {
    summary: 'a rollup key result has objectives aligned to it',
    description: 'A rollup key result takes its progress from the objectives aligned to it. With none aligned, its progress stays 0.',
    help: `Align objectives to it (aligns_to: team/objective/kr), or make it a metric or milestone. ${CONFIGURE}`,
  }],
  ['closed-cycle-changed', {
    summary: "a closed cycle's values, targets and grades are those of its close commit",
    description: 'okr close grades a cycle and freezes it: its values, targets and grades are those of the close commit (tagged okr/<cycle>). A later change to them rewrites a result that was already reported. Read from git history; skipped outside a git work tree.',
    help: `Restore the value as it was at the close commit (git show okr/<cycle>:<file>). A new value belongs in the next cycle's goals. ${CONFIGURE}`,
  }],
]);

/** The description of a rule the catalog does not know (a newer okr's rule): its id, said plainly. */
export function ruleDoc(id: string): RuleDoc {
  return (
    RULE_CATALOG.get(id) ?? {
      summary: id,
      description: `okr check reports findings of the rule ${id}.`,
      help: 'Read the message of the finding; run okr check in the workspace for the source line.',
    }
  );
}
