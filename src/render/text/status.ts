// `okr status` for people: one aligned row per team, the teams that need attention first.
import type { TeamStatus } from '../../model/team-status.js';
import type { Cycle, Day } from '../../model/types.js';
import { cycleText, gradeText, progressCell, scoreColour, type TextStyle } from './progress-cells.js';
import { printable } from '../../printable.js';
import { fold } from './fit.js';
import { renderTable } from './table.js';

/** FORECAST MISS: key results whose forecast (SPEC section 10) falls short of the target. */
const HEADERS = ['TEAM', 'OBJECTIVES', 'PROGRESS', 'OFF TRACK', 'AT RISK', 'BREACHED', 'LAST CHECK-IN', 'STALE', 'FORECAST MISS'] as const;
/** Columns aligned to the right (numbers). */
const RIGHT = new Set([1, 2, 3, 4, 5, 7, 8]);
/** With grades (a closed cycle), GRADE follows PROGRESS. */
const GRADED_HEADERS = ['TEAM', 'OBJECTIVES', 'PROGRESS', 'GRADE', 'OFF TRACK', 'AT RISK', 'BREACHED', 'LAST CHECK-IN', 'STALE', 'FORECAST MISS'] as const;
const GRADED_RIGHT = new Set([1, 2, 3, 4, 5, 6, 8, 9]);

/** On a narrow terminal, the columns that leave the table first (to lines under each team). */
const GIVE_WAY = ['FORECAST MISS', 'STALE', 'LAST CHECK-IN', 'BREACHED', 'AT RISK', 'GRADE', 'OFF TRACK', 'OBJECTIVES'];

export function renderStatusText(cycle: Cycle, asOf: Day, rows: readonly TeamStatus[], style: TextStyle, width?: number): string {
  const { paint } = style;
  const count = (n: number, colour: (s: string) => string) => (n === 0 ? paint.dim('0') : colour(String(n)));
  const none = paint.dim('-');
  const graded = rows.some((r) => r.grade !== null);
  const lines = renderTable(
    graded ? GRADED_HEADERS : HEADERS,
    rows.map((r) => [
      printable(r.team),
      r.objectives === 0 ? paint.dim('0') : String(r.objectives),
      r.progress === null ? none : progressCell(r.progress, style),
      ...(graded ? [r.grade === null ? none : scoreColour(r.grade, paint)(gradeText(r.grade))] : []),
      count(r.offTrack, paint.red),
      count(r.atRisk, paint.yellow),
      count(r.breached, paint.red),
      r.lastCheckin ?? none,
      r.stale === null ? none : count(r.stale, paint.yellow),
      r.forecastBelowTarget === null ? none : count(r.forecastBelowTarget, paint.yellow),
    ]),
    paint,
    graded ? GRADED_RIGHT : RIGHT,
    { width, giveWay: GIVE_WAY.map((h) => (graded ? GRADED_HEADERS : HEADERS).indexOf(h as never)).filter((i) => i >= 0) },
  );

  const behind = rows.filter((r) => r.offTrack + r.atRisk + r.breached > 0).length;
  const header = fold(`cycle ${cycleText(cycle)} · as of ${asOf} · teams needing attention first`, width, '  ')
    .map((l) => paint.dim(l))
    .join('\n');
  const footer =
    rows.length === 0
      ? paint.dim('no teams yet: add a folder under teams/ with a team.yaml')
      : behind === 0
        ? paint.green(`${rows.length} team${rows.length === 1 ? '' : 's'}: none behind`)
        : fold(`${rows.length} team${rows.length === 1 ? '' : 's'}: ${behind} with objectives behind or guardrails breached`, width, '  ')
            .map((l) => paint.yellow(l))
            .join('\n');
  const misses = rows.reduce((n, r) => n + (r.forecastBelowTarget ?? 0), 0);
  const forecasts =
    misses === 0
      ? []
      : fold(`${misses} key result${misses === 1 ? '' : 's'} forecast below target by the end of the cycle (okr show REF says where each lands)`, width, '  ').map((l) => paint.yellow(l));
  return [header, '', ...lines, '', footer, ...forecasts].join('\n') + '\n';
}
