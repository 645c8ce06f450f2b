// The GitHub Action's `comment` input: posts the goal changes of a pull request (okr diff --format
// markdown, written by the action's diff step) as ONE comment on it, and edits that comment on every
// later push instead of adding another. The comment is found again by a hidden marker at the start of
// its body, which names the workspace, so two workspaces in one repository keep a comment each.
// A pull request without goal changes gets no comment; one that had some gets its comment updated to
// say there are none now.
//
// Input comes from the environment (action.yml): GITHUB_TOKEN, API_URL, REPOSITORY (owner/name),
// PR_NUMBER, WORKING_DIRECTORY, DIFF_FILE, CHANGED and COMPARED (outputs of the diff step).
// Failing to comment (no permission, as on pull requests from forks) is a warning, not a failed job:
// the goals were checked either way.
import { appendFileSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

/** GitHub rejects comment bodies longer than 65,536 characters. */
const MAX_BODY = 65_536;
const MAX_PAGES = 50; // 5,000 comments
const TIMEOUT_MS = 30_000;

const env = process.env;

/** Text for a workflow command, which would otherwise end at a newline (or take %XX as an escape). */
const escapeData = (s) => String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

function warn(message) {
  console.log(`::warning title=okr comment::${escapeData(message)}`);
}

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

class ApiError extends Error {
  constructor(method, url, status, detail) {
    super(`${method} ${url.pathname} answered HTTP ${status}${detail ? `: ${detail}` : ''}`);
    this.status = status;
  }
}

function client(apiUrl, token) {
  const base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  return async function request(method, pathOrUrl, body) {
    const url = pathOrUrl instanceof URL ? pathOrUrl : new URL(pathOrUrl.replace(/^\//, ''), base);
    // The token goes to the API and nowhere else, whatever a Link header says.
    if (url.origin !== base.origin) throw new Error(`refusing to send the token to ${url.origin} (the API is ${base.origin})`);
    const response = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'user-agent': 'okr-action',
        'x-github-api-version': '2022-11-28',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: reported below if the status says it failed
    }
    if (!response.ok) throw new ApiError(method, url, response.status, data?.message ?? text.slice(0, 200));
    return { data, next: nextLink(response.headers.get('link')) };
  };
}

/** The rel="next" URL of a Link header, if any. */
function nextLink(header) {
  for (const part of (header ?? '').split(',')) {
    const m = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (m) return new URL(m[1]);
  }
  return null;
}

/** The workspace as the marker names it: '.', 'org/goals' (however it was written). */
function workspaceKey(dir) {
  const normal = posix.normalize(String(dir || '.').replace(/\\/g, '/')).replace(/\/+$/, '');
  return normal === '' ? '.' : normal;
}

function bodyFor(marker, markdown) {
  const body = `${marker}\n${markdown.trim()}\n`;
  if (body.length <= MAX_BODY) return body;
  const run = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : '';
  const note = `\n\n… cut here: the whole list is in the job summary${run ? ` of [the workflow run](${run})` : ''}.\n`;
  return `${body.slice(0, MAX_BODY - note.length).replace(/\n[^\n]*$/, '')}${note}`;
}

async function main() {
  const number = env.PR_NUMBER ?? '';
  if (!/^[1-9]\d*$/.test(number)) {
    console.log('okr: not a pull request, so no comment (comment: true acts on pull_request events).');
    return;
  }
  if (!env.GITHUB_TOKEN) {
    warn('no token to comment with: pass github-token, or leave it at its default (the workflow token).');
    return;
  }
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(env.REPOSITORY ?? '')) {
    warn(`cannot comment: "${env.REPOSITORY}" is not a repository name (owner/name).`);
    return;
  }
  if (env.COMPARED !== 'true') {
    warn('no comment: the goals could not be compared (see the step that summarises the goal changes).');
    return;
  }
  const request = client(env.API_URL || 'https://api.github.com', env.GITHUB_TOKEN);
  const marker = `<!-- okr diff comment for ${workspaceKey(env.WORKING_DIRECTORY)} -->`;
  const body = bodyFor(marker, readFileSync(env.DIFF_FILE, 'utf8'));
  const issue = `repos/${env.REPOSITORY}/issues`;

  let ours = null;
  let page = `${issue}/${number}/comments?per_page=100`;
  for (let n = 0; page && !ours && n < MAX_PAGES; n++) {
    const { data, next } = await request('GET', page);
    ours = (Array.isArray(data) ? data : []).find((c) => typeof c?.body === 'string' && c.body.startsWith(`${marker}\n`)) ?? null;
    page = next;
  }

  if (ours) {
    if (ours.body === body) {
      console.log(`okr: the comment is up to date: ${ours.html_url}`);
    } else {
      const { data } = await request('PATCH', `${issue}/comments/${ours.id}`, { body });
      console.log(`okr: updated the comment: ${data?.html_url ?? ours.html_url}`);
    }
    setOutput('comment-url', ours.html_url ?? '');
  } else if (env.CHANGED === 'true') {
    const { data } = await request('POST', `${issue}/${number}/comments`, { body });
    console.log(`okr: commented: ${data?.html_url}`);
    setOutput('comment-url', data?.html_url ?? '');
  } else {
    console.log('okr: no goal changes and no earlier comment, so no comment.');
  }
}

try {
  await main();
} catch (error) {
  const hint =
    error instanceof ApiError && [401, 403, 404].includes(error.status)
      ? ' The token needs "pull-requests: write" (permissions in the workflow); pull requests from forks get a read-only token.'
      : '';
  warn(`could not comment on the pull request: ${error.message}.${hint}`);
}
