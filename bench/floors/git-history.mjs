// Floors of the history commands: the git work each of them cannot avoid, done plainly, as one Node
// process (so Node's start-up is in the floor as it is in okr).
//   file  <repo> <path>      `git log --follow -- <path>` (one file, its renames followed) +
//                            `git cat-file --batch` of every version of it (okr history REF). One
//                            pathspec: git 2.39 is 5x slower with two (teams/new/ teams/old/), and
//                            uses changed-path Bloom filters (when a commit-graph has them) for one only.
//   since <repo> <day>       `git log --since=<day> -- teams/` + `git cat-file --batch` of the
//                            versions before and after each change (okr log --since)
//   state <repo>             read + js-yaml load of every goal file, while `git log --raw --no-renames
//                            -- teams/` (which file changed when, no contents) runs beside it
//                            (okr stale, okr status: current values and when each file last changed)
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAndParse } from './read-parse.mjs';

const [mode, repo, ...rest] = process.argv.slice(2);
const GIT = ['-c', 'core.quotePath=false', '--literal-pathspecs'];

/** Runs git and resolves with its whole stdout. */
function run(args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GIT, ...args], { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`git ${args.join(' ')} exited ${code}`))));
    child.stdin.end(input ?? '');
  });
}

/** Blob ids named in `git log --raw --no-abbrev -z` output (old and/or new side). */
function blobsOf(raw, { old = false } = {}) {
  const ids = new Set();
  for (const m of raw.toString('latin1').matchAll(/:\d{6} \d{6} ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) [A-Z]/g)) {
    if (!/^0+$/.test(m[2])) ids.add(m[2]);
    if (old && !/^0+$/.test(m[1])) ids.add(m[1]);
  }
  return [...ids];
}

const readBlobs = async (ids) => (await run(['cat-file', '--batch'], ids.join('\n') + '\n')).length;

switch (mode) {
  case 'file': {
    const log = await run(['log', '--follow', '-M', '--format=%H', '--raw', '--no-abbrev', '-z', 'HEAD', '--', rest[0]]);
    await readBlobs(blobsOf(log));
    break;
  }
  case 'since': {
    const log = await run(['log', `--since=${rest[0]}`, '--no-renames', '--format=%H%x00%an%x00%aI%x00%B', '--raw', '--no-abbrev', '-z', 'HEAD', '--', 'teams/']);
    await readBlobs(blobsOf(log, { old: true }));
    break;
  }
  case 'state': {
    // git writes into a file, so it never waits on a full pipe while this process parses.
    const dir = mkdtempSync(join(tmpdir(), 'okr-floor-'));
    const out = openSync(join(dir, 'log'), 'w');
    const child = spawn('git', [...GIT, 'log', '--no-renames', '--format=%H%x00%aI', '--raw', '--no-abbrev', '-z', 'HEAD', '--', 'teams/'], { cwd: repo, stdio: ['ignore', out, 'inherit'] });
    const done = new Promise((resolve) => child.on('close', resolve));
    readAndParse(repo);
    const code = await done;
    closeSync(out);
    readFileSync(join(dir, 'log'));
    rmSync(dir, { recursive: true, force: true });
    if (code !== 0) process.exit(1);
    break;
  }
  default:
    console.error('usage: git-history.mjs file|since|state <repo> ...');
    process.exit(2);
}
