// A small workspace for check-in tests: one team whose cycle file uses comments, quoting, blank
// lines and a flow mapping, so a byte-for-byte round trip has something to keep.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { commitAll, git, makeRepo, writeFiles } from '../support/temp-repo.js';

export const OKR_YAML = `version: 1
mission: Make every payment instant and safe.
cycles:
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
checkins:
  stale_after_days: 14
`;

export const PAYMENTS_TEAM = 'name: Payments\nowners: [ana@acme.example]\n';

export const PAYMENTS_Q4 = `# Payments goals for the quarter.
objectives:
  - id: faster-checkout
    title: "Make checkout feel instant"   # quoted on purpose
    aligns_to: mission
    owner: ana@acme.example
    key_results:
      - id: p95-latency
        title: Cut p95 checkout latency
        start: 900
        target: 300
        current: 640        # measured weekly
        unit: ms

      - id: edge-cache
        title: 'Ship the edge cache'
        done: false
      - {id: error-rate, title: Keep errors low, keep_below: 0.1, current: 0.08}
      - id: conversion
        title: Raise conversion
        start: 61
        target: 68
        unit: "%"
        source: {file: metrics/checkout.json, pointer: /conversion_pct}
      - id: adoption
        title: Partners adopt the new checkout
        rollup: true
`;

export const FILE = 'teams/payments/2026-Q4.yaml';
export const P95 = 'payments/faster-checkout/p95-latency';
export const EDGE = 'payments/faster-checkout/edge-cache';
export const ERRORS = 'payments/faster-checkout/error-rate';
export const CONVERSION = 'payments/faster-checkout/conversion';

/** Author and committer date for a backdated commit. */
export function at(day: string): Record<string, string> {
  return { GIT_AUTHOR_DATE: `${day}T10:00:00+00:00`, GIT_COMMITTER_DATE: `${day}T10:00:00+00:00` };
}

/** A repository holding the workspace, committed on `day`. */
export function paymentsRepo(day = '2026-10-01', extra: Record<string, string> = {}): string {
  const dir = makeRepo();
  writeFiles(dir, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4, ...extra });
  commitAll(dir, 'import the goals', at(day));
  return dir;
}

export function read(dir: string, file = FILE): string {
  return readFileSync(join(dir, file), 'utf8');
}

/** Everything git knows about uncommitted work: to compare before and after a check-in. */
export function workState(dir: string): { status: string; unstaged: string; staged: string } {
  return {
    status: git(dir, ['status', '--porcelain=v1', '--untracked-files=all']),
    unstaged: git(dir, ['diff']),
    staged: git(dir, ['diff', '--cached']),
  };
}
