// Peer feedback, pure (SPEC section 11): the message written, the feedback read back from a commit's
// trailers, which feedback a filter lets through, and how replies thread under their check-in.
import { describe, expect, it } from 'vitest';
import { sanitizeNote } from '../../src/model/checkin-message.js';
import { feedbackMessage, feedbackOf, FEEDBACK_KINDS, matchesFeedback, threadFeedback, type Feedback } from '../../src/model/feedback.js';
import type { CommitMeta } from '../../src/model/history.js';
import { FEEDBACK_KIND_CHOICES } from '../../src/definitions/feedback.js';

const CHECKIN = '3f2a9c1e0b7d4a5f6e8c9d0a1b2c3d4e5f6a7b8c';

function commit(trailers: [string, string][], body = 'Text.\n\nOkr-Feedback: x/y', overrides: Partial<CommitMeta> = {}): CommitMeta {
  return {
    id: 'f'.repeat(40),
    parents: ['e'.repeat(40)],
    authorName: 'Ben',
    authorEmail: 'ben@example.test',
    authorDate: '2026-11-20T10:00:00+01:00',
    committerDate: '2026-11-20T10:00:00+01:00',
    subject: 'feedback(payments): kudos on faster-checkout',
    body,
    trailers: trailers.map(([key, value]) => ({ key, value })),
    ...overrides,
  };
}

function feedback(ref: string, date: string, replyTo: string | null = null, commitId = date): Feedback {
  return { ref, commit: commitId, date, authorName: 'A', authorEmail: 'a@x', kind: null, text: 't', replyTo };
}

describe('the feedback message', () => {
  it('is the subject, the text and the trailers of SPEC 11', () => {
    expect(feedbackMessage({ ref: 'payments/faster-checkout/p95-latency', kind: 'kudos', text: 'Great work.', replyTo: undefined })).toBe(
      'feedback(payments): kudos on faster-checkout/p95-latency\n\nGreat work.\n\nOkr-Feedback: payments/faster-checkout/p95-latency\nOkr-Kind: kudos\n',
    );
    expect(feedbackMessage({ ref: 'payments/faster-checkout', kind: undefined, text: 'Why?\r\n\r\n\r\nReally.  ', replyTo: CHECKIN })).toBe(
      `feedback(payments): faster-checkout\n\nWhy?\n\nReally.\n\nOkr-Feedback: payments/faster-checkout\nOkr-Reply-To: ${CHECKIN}\n`,
    );
  });

  it('indents text lines git could take for the end of the message: a patch divider, a scissors line', () => {
    const text = 'a\n---\nOkr-Kind: concern\n# ------------------------ >8 ------------------------\n; ------------------------ >8 ------------------------\n  # indented already';
    expect(sanitizeNote(text)).toBe(
      'a\n ---\nOkr-Kind: concern\n # ------------------------ >8 ------------------------\n ; ------------------------ >8 ------------------------\n  # indented already',
    );
  });

  it('offers the kinds the command line offers', () => {
    expect([...FEEDBACK_KIND_CHOICES]).toEqual([...FEEDBACK_KINDS]);
  });
});

describe('feedback read from a commit', () => {
  it('takes ref, kind and reply-to from the trailers, the text from the body above them', () => {
    const f = feedbackOf(
      commit(
        [
          ['Okr-Feedback', 'payments/faster-checkout/p95-latency'],
          ['Okr-Kind', 'question'],
          ['Okr-Reply-To', CHECKIN],
        ],
        `Is it the EU number?\n\nOr all regions?\n\nOkr-Feedback: payments/faster-checkout/p95-latency\nOkr-Kind: question\nOkr-Reply-To: ${CHECKIN}\n`,
      ),
    );
    expect(f).toEqual({
      ref: 'payments/faster-checkout/p95-latency',
      commit: 'f'.repeat(40),
      date: '2026-11-20T10:00:00+01:00',
      authorName: 'Ben',
      authorEmail: 'ben@example.test',
      kind: 'question',
      text: 'Is it the EU number?\n\nOr all regions?',
      replyTo: CHECKIN,
    });
  });

  it('keys compare in any case, as git’s do; the first Okr-Feedback counts', () => {
    const f = feedbackOf(commit([['okr-feedback', 'a/b'], ['OKR-KIND', 'Kudos'], ['Okr-Feedback', 'c/d']]))!;
    expect(f.ref).toBe('a/b');
    expect(f.kind).toBe('kudos');
  });

  it('is not feedback under another subject (a squash merge of several feedback commits)', () => {
    const squashed = commit([['Okr-Feedback', 'a/b'], ['Okr-Kind', 'kudos']], '* feedback(a): question on b\n\nWhy?\n\nOkr-Feedback: a/b\n\n* feedback(a): kudos on b\n\nNice\n\nOkr-Feedback: a/b\nOkr-Kind: kudos', {
      subject: 'Goals review (#12)',
    });
    expect(feedbackOf(squashed)).toBeUndefined();
    expect(feedbackOf({ ...squashed, subject: 'feedback(a): kudos on b (#12)' })).toBeDefined();
  });

  it('is not feedback without an Okr-Feedback naming an objective or key result', () => {
    expect(feedbackOf(commit([['Okr-Checkin', 'a/b/c']]))).toBeUndefined();
    for (const ref of ['mission', 'payments', '../x/y', '-x/y', 'a/b/c/d', ''])
      expect(feedbackOf(commit([['Okr-Feedback', ref]])), ref).toBeUndefined();
  });

  it('an unknown kind and a reply-to that is no commit id are null, not guessed', () => {
    const f = feedbackOf(commit([['Okr-Feedback', 'a/b'], ['Okr-Kind', 'rant'], ['Okr-Reply-To', 'HEAD~1']]))!;
    expect(f.kind).toBeNull();
    expect(f.replyTo).toBeNull();
    expect(feedbackOf(commit([['Okr-Feedback', 'a/b'], ['Okr-Reply-To', 'ABCDEF1']]))!.replyTo).toBe('abcdef1');
  });
});

describe('which feedback a filter lets through', () => {
  const f = feedback('payments/faster-checkout/p95-latency', '2026-11-20T23:30:00-05:00');

  it('an objective includes its key results; a name that only starts the same does not', () => {
    expect(matchesFeedback(f, { ref: 'payments/faster-checkout' })).toBe(true);
    expect(matchesFeedback(f, { ref: 'payments/faster-checkout/p95-latency' })).toBe(true);
    expect(matchesFeedback(f, { ref: 'payments/faster' })).toBe(false);
    expect(matchesFeedback(f, { ref: 'payments/faster-checkout/p95' })).toBe(false);
    expect(matchesFeedback(f, { team: 'payments' })).toBe(true);
    expect(matchesFeedback(f, { team: 'pay' })).toBe(false);
  });

  it('days are the author’s own (2026-11-20 at 23:30 in New York)', () => {
    expect(matchesFeedback(f, { since: '2026-11-20' })).toBe(true);
    expect(matchesFeedback(f, { since: '2026-11-21' })).toBe(false);
    expect(matchesFeedback(f, { until: '2026-11-20' })).toBe(true);
    expect(matchesFeedback(f, { until: '2026-11-19' })).toBe(false);
  });
});

describe('threads', () => {
  it('newest first; replies to one check-in together, where the newest of them is', () => {
    const list = [
      feedback('a/b', '2026-11-01T10:00:00Z', null, 'old'),
      feedback('a/b/c', '2026-11-05T10:00:00Z', CHECKIN, 'reply1'),
      feedback('a/b', '2026-11-06T10:00:00Z', null, 'middle'),
      feedback('a/b/c', '2026-11-08T10:00:00+09:00', CHECKIN, 'reply2'),
      feedback('a/b/c', '2026-11-07T10:00:00Z', 'abc1234', 'other'),
    ];
    const threads = threadFeedback(list);
    expect(threads.map((t) => (t.kind === 'single' ? t.feedback.commit : `${t.replyTo}: ${t.replies.map((r) => r.commit).join(', ')}`))).toEqual([
      `${CHECKIN}: reply2, reply1`,
      'abc1234: other',
      'middle',
      'old',
    ]);
  });
});
