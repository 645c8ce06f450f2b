// A local HTTP server that plays the part of the GitHub REST API the action's pull-request comment
// uses: list an issue's comments (paginated, with Link headers), create one, update one. It checks
// the token like GitHub does, and records every request, so tests see what really went over HTTP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  accept: string | undefined;
  apiVersion: string | undefined;
  body: unknown;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Comments per `owner/repo#number`. */
  private readonly comments = new Map<string, Comment[]>();
  private nextId = 1000;
  private server: Server | undefined;
  url = '';
  /** When set, creating or editing a comment answers 403, as GitHub does for a read-only token. */
  readOnly = false;

  constructor(readonly token: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  commentsOn(repo: string, issue: number): Comment[] {
    const key = `${repo}#${issue}`;
    if (!this.comments.has(key)) this.comments.set(key, []);
    return this.comments.get(key)!;
  }

  addComment(repo: string, issue: number, body: string, login = 'someone'): Comment {
    const id = this.nextId++;
    const comment = { id, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, html_url: `https://github.example/${repo}/pull/${issue}#issuecomment-${id}` };
    this.commentsOn(repo, issue).push(comment);
    return comment;
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return this.send(res, 400, { message: 'Problems parsing JSON' });
      }
    }
    this.requests.push({
      method: req.method ?? '',
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      accept: req.headers.accept,
      apiVersion: req.headers['x-github-api-version'] as string | undefined,
      body,
    });
    if (req.headers.authorization !== `Bearer ${this.token}`) return this.send(res, 401, { message: 'Bad credentials' });

    let m: RegExpMatchArray | null;
    if ((m = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/))) {
      const list = this.commentsOn(m[1]!, Number(m[2]));
      if (req.method === 'GET') {
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
        const page = Number(url.searchParams.get('page') ?? 1);
        const last = Math.max(1, Math.ceil(list.length / perPage));
        const link = (p: number) => `<${this.url}${url.pathname}?per_page=${perPage}&page=${p}>`;
        const links = page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : [];
        return this.send(res, 200, list.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
      }
      if (req.method === 'POST') {
        if (this.readOnly) return this.send(res, 403, { message: 'Resource not accessible by integration' });
        if (typeof (body as { body?: unknown })?.body !== 'string') return this.send(res, 422, { message: 'Validation Failed' });
        return this.send(res, 201, this.addComment(m[1]!, Number(m[2]), (body as { body: string }).body, 'github-actions[bot]'));
      }
    }
    if ((m = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/)) && req.method === 'PATCH') {
      if (this.readOnly) return this.send(res, 403, { message: 'Resource not accessible by integration' });
      const comment = [...this.comments.values()].flat().find((c) => c.id === Number(m![2]));
      if (!comment) return this.send(res, 404, { message: 'Not Found' });
      comment.body = (body as { body: string }).body;
      return this.send(res, 200, comment);
    }
    return this.send(res, 404, { message: 'Not Found' });
  }

  private send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(data));
  }
}
