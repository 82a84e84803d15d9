import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { signToken } from '../../api/src/auth/jwt';
import { BENCH_PEOPLE, applicationBody, type BenchAction, type BenchPerson } from './action-bodies';

/** The API as a caseworker's or reviewer's browser calls it: HTTP with a bearer token, timed per call. */
export class BenchApi {
  private constructor(
    private readonly baseUrl: string,
    private readonly tokens: Record<BenchPerson, string>,
  ) {}

  /** Signs one token per person, once (signing is asynchronous). */
  static async connect(baseUrl: string, jwtSecret: string): Promise<BenchApi> {
    return new BenchApi(baseUrl, {
      caseworker: await signToken(BENCH_PEOPLE.caseworker, jwtSecret),
      reviewer: await signToken(BENCH_PEOPLE.reviewer, jwtSecret),
    });
  }

  /** 503 answers to POST /cases (the case was submitted but not yet seen processed), each retried. */
  unavailable = 0;

  /**
   * POST /cases; returns the new case id and the milliseconds until the caseworker had it. A 503 (the
   * workflow started but the worker has not answered in time) is what a caseworker would retry with the
   * same Idempotency-Key, so the bench does too, and the time counts from the first attempt.
   */
  async create(n: number): Promise<{ caseId: string; ms: number }> {
    const started = performance.now();
    const key = randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        const { body } = await this.post('caseworker', '/cases', applicationBody(n), {
          'idempotency-key': key,
        });
        return { caseId: (body as { caseId: string }).caseId, ms: performance.now() - started };
      } catch (err) {
        if (!(err instanceof HttpError) || err.status !== 503 || attempt >= 10) throw err;
        this.unavailable++;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** POST /cases/:caseId/<action>; fails unless the case is at the expected step afterwards. */
  async act(caseId: string, step: BenchAction): Promise<number> {
    const { body, ms } = await this.post(step.who, `/cases/${caseId}/${step.action}`, step.body());
    const at = (body as { currentStep?: string }).currentStep;
    if (at !== step.then) {
      throw new Error(`${step.action} on ${caseId}: expected step ${step.then}, got ${JSON.stringify(body)}`);
    }
    return ms;
  }

  private async post(who: BenchPerson, path: string, payload: unknown, headers: Record<string, string> = {}) {
    const started = performance.now();
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.tokens[who]}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(payload),
    });
    const body = (await res.json()) as unknown;
    const ms = performance.now() - started;
    if (!res.ok)
      throw new HttpError(res.status, `POST ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return { body, ms };
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
