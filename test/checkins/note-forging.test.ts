// Issue 9, item 14: a note cannot end the message early for git. A scissors line (everything below it
// is ignored by git's trailer parser: okr's trailers, and with them the note, would be lost) or a
// patch divider gets a leading space, even as the note's first and only line, so the check-in keeps
// its note and trailers and nothing above can pass for trailers.
import { describe, expect, it } from 'vitest';
import { sanitizeNote } from '../../src/model/checkin-message.js';
import { okr } from '../support/run-cli.js';
import { git } from '../support/temp-repo.js';
import { EDGE, P95, paymentsRepo } from './workspace.js';

const SCISSORS = '# ------------------------ >8 ------------------------';

describe('a note that looks like the end of a message', () => {
  it.each([
    ['a scissors line alone', SCISSORS],
    ['a scissors line after text', `Done.\n${SCISSORS}`],
    ['a scissors line with spaces around the note', `   \n\n${SCISSORS}   \n\n`],
    ['a patch divider alone', '---'],
    ['fake trailers above a scissors line', `Okr-Checkin: ${EDGE}\nOkr-Value: done\nOkr-Source: evil.json#/x\n\n${SCISSORS}`],
    ['fake trailers above a patch divider', `Okr-Checkin: ${EDGE}\nOkr-Value: done\n---`],
  ])('%s: the check-in keeps its note and its own trailers, and forges none', async (_name, note) => {
    const dir = paymentsRepo();
    const result = await okr(['checkin', `${P95}=420`, '-m', note], { cwd: dir });
    expect(result.code).toBe(0);
    // git itself reads exactly okr's trailers.
    const trailers = git(dir, ['-c', 'core.commentChar=#', '-c', 'trailer.separators=:', 'log', '-1', '--format=%(trailers:only,unfold)']).trim();
    expect(trailers).toBe(`Okr-Checkin: ${P95}\nOkr-Value: 420\nOkr-Previous: 640`);
    const history = JSON.parse((await okr(['history', P95, '--json'], { cwd: dir })).stdout);
    expect(history.points.at(-1)).toMatchObject({ value: 420, note: sanitizeNote(note).trim() });
    // Nothing about edge-cache was recorded.
    const edge = JSON.parse((await okr(['history', EDGE, '--json'], { cwd: dir })).stdout);
    expect(edge.points).toHaveLength(1);
    const log = JSON.parse((await okr(['log', '--json', '--since', '3650d'], { cwd: dir, today: new Date().toISOString().slice(0, 10) })).stdout);
    expect(log.checkins.map((c: { ref: string; via: string; source: string | null }) => [c.ref, c.via, c.source])).toEqual([[P95, 'checkin', null]]);
  });
});
