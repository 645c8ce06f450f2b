// A small workspace for closing and planning: a quarter that has ended (2026-Q3), the next one
// (2026-Q4) and the year around both. The Q3 files use comments, quoting, a flow mapping and blank
// lines, so a byte-for-byte edit has something to keep.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, makeRepo, writeFiles } from '../support/temp-repo.js';

export const OKR_YAML = `version: 1
mission: Make every payment instant and safe.
cycles:                 # the year and its quarters
  - id: 2026
    start: 2026-01-01
    end: 2026-12-31
  - id: 2026-Q3
    start: 2026-07-01
    end: 2026-09-30     # grading day
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
rules:
  require-alignment: error
`;

export const PAYMENTS_YEAR = `objectives:
  - id: instant
    title: Payments feel instant
    aligns_to: mission
    key_results:
      - id: speed
        title: Quarterly speed goals met
        rollup: true
`;

export const PAYMENTS_Q3 = `# Payments, third quarter.
objectives:
  - id: faster-checkout
    title: "Make checkout feel instant"   # quoted on purpose
    aligns_to: payments/instant/speed
    owner: ana@acme.example
    key_results:
      - id: p95-latency
        title: Cut p95 checkout latency
        start: 900
        target: 300
        current: 450        # measured weekly
        unit: ms

      - id: edge-cache
        title: 'Ship the edge cache'
        done: true
      - {id: error-rate, title: Keep errors low, keep_below: 0.1, current: 0.08}

  - id: payouts
    title: Instant payouts
    aligns_to: faster-checkout
    key_results:
      - id: share
        title: Share of instant payouts
        start: 0
        target: 40
        current: 40
        unit: "%"
`;

export const CHECKOUT_Q3 = `objectives:
  - id: one-click
    title: One-click checkout
    aligns_to: payments/instant/speed
    key_results:
      - id: conversion
        title: Raise conversion
        start: 60
        target: 70
        current: 62
        unit: "%"
      - id: saved-cards
        title: Saved cards
        done: false
`;

export const Q3 = 'teams/payments/2026-Q3.yaml';
export const CHECKOUT = 'teams/checkout/2026-Q3.yaml';
export const P95 = 'payments/faster-checkout/p95-latency';

export const FILES: Record<string, string> = {
  'okr.yaml': OKR_YAML,
  'teams/payments/team.yaml': 'name: Payments\nowners: [ana@acme.example]\n',
  'teams/payments/2026.yaml': PAYMENTS_YEAR,
  [Q3]: PAYMENTS_Q3,
  'teams/checkout/team.yaml': 'name: Checkout\nowners: [bo@acme.example]\n',
  [CHECKOUT]: CHECKOUT_Q3,
};

/** Author and committer date for a backdated commit. */
export function at(day: string): Record<string, string> {
  return { GIT_AUTHOR_DATE: `${day}T10:00:00+00:00`, GIT_COMMITTER_DATE: `${day}T10:00:00+00:00` };
}

/** A repository holding the workspace (and `extra` files), committed on 2026-07-01. */
export function closeRepo(extra: Record<string, string> = {}): string {
  const dir = makeRepo();
  writeFiles(dir, { ...FILES, ...extra });
  commitAll(dir, 'import the goals', at('2026-07-01'));
  return dir;
}

export function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

export const commitCount = (dir: string) => Number(git(dir, ['rev-list', '--count', 'HEAD']).trim());
export const headMessage = (dir: string) => git(dir, ['log', '-1', '--format=%B']);
export const headFiles = (dir: string) => git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n');

/** Everything git knows about uncommitted work: to compare before and after. */
export function workState(dir: string): { status: string; unstaged: string; staged: string } {
  return {
    status: git(dir, ['status', '--porcelain=v1', '--untracked-files=all']),
    unstaged: git(dir, ['diff']),
    staged: git(dir, ['diff', '--cached']),
  };
}
