import type { Decision } from '../src/decide';
import type { RejectionCode } from '../src/rejections';
import { verificationRequestData } from './samples';
import { actors, CaseDriver, investigationData, submitted } from './support';

/** Issue 15 fixtures: a case at the home investigation with verification requests. */

export const liaisonOf = (department: string) => ({
  id: `li-${department}`,
  role: 'DEPARTMENT_LIAISON' as const,
  department,
});
export const AUTHORISATION = { reference: 'SQ-2019-001', signedOn: '2019-03-02' };

/** At INVESTIGATION with requests VR-1 (BANK, m1) and VR-2 (HOUSING, m1), the authorisation recorded with the first. */
export function withRequests(): CaseDriver {
  const driver = submitted().driveTo('INVESTIGATION');
  driver.do(
    'RequestVerification',
    { ...verificationRequestData('VR-1', 'BANK'), authorisation: AUTHORISATION },
    actors.caseworker,
  );
  driver.do('RequestVerification', verificationRequestData('VR-2', 'HOUSING'), actors.caseworker);
  return driver;
}

export const answer = (
  requestId: string,
  values: Record<string, unknown> = { homes: 1, deposits: '5000.00' },
) => ({
  requestId,
  values,
  answeredOn: '2019-03-05',
  reference: `ANS-${requestId}`,
  via: 'API',
});

/** One example per verification rejection code (rejections.test.ts checks every code has one). */
export const VERIFICATION_REJECTION_EXAMPLES: Array<{
  code: RejectionCode;
  field?: string;
  name: string;
  decision: () => Decision;
}> = [
  {
    code: 'VERIFICATION_AUTHORISATION_REQUIRED',
    field: 'data.authorisation',
    name: 'a request before the applicant signed the authorisation',
    decision: () =>
      submitted()
        .driveTo('INVESTIGATION')
        .when('RequestVerification', verificationRequestData('VR-1', 'BANK'), actors.caseworker),
  },
  {
    code: 'VERIFICATION_ALREADY_REQUESTED',
    field: 'data.department',
    name: 'a second request to the same department about the same member',
    decision: () =>
      withRequests().when('RequestVerification', verificationRequestData('VR-9', 'BANK'), actors.caseworker),
  },
  {
    code: 'VERIFICATION_NOT_FOUND',
    field: 'data.requestId',
    name: 'an unknown request',
    decision: () =>
      withRequests().when(
        'MarkVerificationUnobtainable',
        { requestId: 'VR-404', reason: 'x' },
        actors.caseworker,
      ),
  },
  {
    code: 'VERIFICATION_NOT_OPEN',
    field: 'data.requestId',
    name: 'marking unobtainable a request already marked so',
    decision: () => {
      const driver = withRequests();
      driver.do('MarkVerificationUnobtainable', { requestId: 'VR-1', reason: '系统停机' }, actors.caseworker);
      return driver.when(
        'MarkVerificationUnobtainable',
        { requestId: 'VR-1', reason: 'x' },
        actors.caseworker,
      );
    },
  },
  {
    code: 'WRONG_DEPARTMENT',
    field: 'actor.department',
    name: "a liaison answering another department's request",
    decision: () => withRequests().when('AnswerVerification', answer('VR-2'), liaisonOf('BANK')),
  },
  {
    code: 'VERIFICATION_ALREADY_REMINDED',
    field: 'data.requestId',
    name: 'a second due-date reminder of one request',
    decision: () => {
      const driver = withRequests();
      const due = { dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false };
      driver.do('RecordVerificationDue', { requestId: 'VR-1', ...due }, actors.system);
      driver.do('RecordVerificationDue', { requestId: 'VR-2', ...due }, actors.system);
      driver.do('RemindVerification', { requestId: 'VR-1' }, actors.system, '2019-03-08T09:00:00+08:00');
      return driver.when(
        'RemindVerification',
        { requestId: 'VR-1' },
        actors.system,
        '2019-03-08T10:00:00+08:00',
      );
    },
  },
  {
    code: 'VERIFICATIONS_OPEN',
    field: 'verifications',
    name: 'concluding the investigation while a request is open',
    decision: () => withRequests().when('RecordInvestigation', investigationData(), actors.caseworker),
  },
];

export { CaseDriver };
