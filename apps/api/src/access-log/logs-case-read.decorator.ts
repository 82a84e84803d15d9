import { SetMetadata } from '@nestjs/common';

export const LOGS_CASE_READ = 'jiuzhu:logs-case-read';

/** Which cases a response disclosed: by default the route's `:caseId`; for lists, read from the result. */
export type CaseIdsOf = (result: unknown, params: Record<string, string>) => string[];

const routeCase: CaseIdsOf = (_result, params) => (params.caseId ? [params.caseId] : []);

/**
 * Marks an endpoint that discloses a case's personal data (applicant, household, health, money): each
 * successful call is recorded in the access log (who, role, town, when, which case, which endpoint).
 * One line per endpoint: `@LogsCaseRead()`, or `@LogsCaseRead(casesOfPage)` for a list.
 */
export const LogsCaseRead = (caseIdsOf: CaseIdsOf = routeCase) => SetMetadata(LOGS_CASE_READ, caseIdsOf);

/** For list endpoints returning `{ items: [{ caseId }] }`. */
export const casesOfPage: CaseIdsOf = (result) =>
  result && typeof result === 'object' && Array.isArray((result as { items?: unknown }).items)
    ? (result as { items: Array<{ caseId?: unknown }> }).items
        .map((item) => item.caseId)
        .filter((id): id is string => typeof id === 'string')
    : [];
