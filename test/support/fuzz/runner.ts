import { ConsoleLogger } from '@nestjs/common';
import { FuzzRequest, FuzzResponse, send } from './http';
import { violation } from './oracle';

/** Keeps the app's error and warning lines, so a failure can be shown with the server's side of it. */
export class ServerLogCapture extends ConsoleLogger {
  readonly lines: string[] = [];
  constructor(private readonly echo = false) {
    super('fuzz', { logLevels: ['error', 'warn'] });
  }
  protected override printMessages(messages: unknown[], context?: string, level?: string): void {
    for (const m of messages)
      this.lines.push(`[${level}] ${context ?? ''} ${typeof m === 'string' ? m : m instanceof Error ? (m.stack ?? m.message) : JSON.stringify(m)}`);
    if (this.echo) super.printMessages(messages, context, level as never);
  }
}

export interface Outcome {
  request: FuzzRequest;
  response: FuzzResponse;
  violation: string | null;
  /** Error and warning lines the app logged while it handled this request. */
  serverLog: string[];
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Sends one request and judges the answer. Requests run one at a time, so the log lines are this request's. */
export async function probe(baseUrl: string, req: FuzzRequest, log?: ServerLogCapture, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Outcome> {
  const before = log?.lines.length ?? 0;
  const response = await send(baseUrl, req, timeoutMs);
  return { request: req, response, violation: violation(req, response), serverLog: log ? log.lines.slice(before) : [] };
}

export function describeRequest(req: FuzzRequest): string {
  const body = req.body === undefined ? '' : `\n  body: ${req.body.length > 1500 ? `${req.body.slice(0, 1500)}… (${req.body.length} chars)` : req.body}`;
  const target = req.target.length > 1500 ? `${req.target.slice(0, 1500)}… (${req.target.length} chars)` : req.target;
  return `${req.method} ${target}${body}`;
}

export function describeOutcome(outcome: Outcome): string {
  const { response: res } = outcome;
  return [
    `${outcome.violation}: ${describeRequest(outcome.request)}`,
    `  -> ${res.status} ${res.contentType} in ${res.ms} ms: ${res.body.slice(0, 800)}`,
    ...outcome.serverLog.slice(0, 3).map((line) => `  server: ${line.split('\n').slice(0, 6).join('\n          ')}`),
  ].join('\n');
}

/** One failure class: the operation, what was wrong, and the error code or the server's first error line. */
export function failureSignature(outcome: Outcome): string {
  let detail = '';
  try {
    const body = JSON.parse(outcome.response.body) as { code?: string; errors?: { extensions?: { code?: string }; message?: string }[] };
    detail = body.code ?? body.errors?.[0]?.extensions?.code ?? '';
    if (body.errors?.[0]?.message && !body.code) detail += ` ${body.errors[0].message}`;
  } catch {
    /* not JSON */
  }
  const logged = outcome.serverLog.find((line) => line.startsWith('[error]'))?.split('\n')[0] ?? '';
  const normalize = (text: string) =>
    text
      .replace(/\d+/g, 'N')
      .replace(/"[^"]*"|'[^']*'/g, '…')
      .slice(0, 140);
  return `${outcome.request.operation} | ${outcome.violation} | ${normalize(`${detail} ${logged}`.trim())}`;
}
