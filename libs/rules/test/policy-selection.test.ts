import {
  NoPolicyInForceError,
  XINHUI_2018_POLICY,
  continuationOf,
  loadPolicyDocument,
  validatePolicyDocument,
  versionForDecision,
  type LoadedPolicy,
  type OpenCasesRule,
} from '../src';

/** Which version a case's decision uses: its own, or a later one whose `openCases` says open cases adopt it. */
const next = (id: string, from: string, to: string, openCases?: OpenCasesRule): LoadedPolicy =>
  loadPolicyDocument(
    continuationOf(XINHUI_2018_POLICY, { id, from, to, reference: `通知 ${id}（测试）`, openCases }),
  );

const own = XINHUI_2018_POLICY; // 2018-10-01 … 2021-09-30
const keeps = next('keeps', '2021-10-01', '2022-12-31');
const adopts = next('adopts', '2023-01-01', '2024-12-31', 'ADOPT_FOR_DECISIONS_NOT_YET_MADE');
const later = next('later', '2025-01-01', '2026-12-31', 'KEEP_THEIR_VERSION');
const published = [own, keeps, adopts, later];

describe('the version a decision of a case is made under', () => {
  it('is the one in force on the application date by default (a version without openCases keeps them)', () => {
    expect(keeps.version.openCases).toBe('KEEP_THEIR_VERSION');
    expect(versionForDecision(published, '2021-06-01', '2022-06-01')).toEqual({
      chosen: own,
      own,
      adopted: false,
    });
  });

  it('is a later version in force on the day of the decision that says open cases adopt it', () => {
    expect(versionForDecision(published, '2021-06-01', '2023-01-01')).toMatchObject({
      chosen: adopts,
      own,
      adopted: true,
    });
    expect(versionForDecision(published, '2021-11-01', '2023-05-01')).toMatchObject({
      chosen: adopts,
      own: keeps,
      adopted: true,
    });
    // A version that keeps open cases on theirs does not undo an adoption that came before it.
    expect(versionForDecision(published, '2021-06-01', '2025-06-01').chosen).toBe(adopts);
  });

  it('never a version that is not yet in force, nor an earlier one', () => {
    expect(versionForDecision(published, '2021-06-01', '2022-12-31').chosen).toBe(own);
    expect(versionForDecision(published, '2025-06-01', '2025-06-01').chosen).toBe(later);
  });

  it('refuses an application date outside every version', () => {
    expect(() => versionForDecision(published, '2017-01-01', '2023-01-01')).toThrow(NoPolicyInForceError);
  });

  it('openCases is part of the document: validated, hashed, and never inherited by a continuation', () => {
    const { openCases } = adopts.document;
    expect(openCases).toEqual({ value: 'ADOPT_FOR_DECISIONS_NOT_YET_MADE', source: '通知 adopts（测试）' });
    expect(adopts.hash).not.toBe(next('adopts', '2023-01-01', '2024-12-31').hash);
    expect(
      continuationOf(adopts, { id: 'c', from: '2025-01-01', to: '2025-12-31', reference: 'r' }),
    ).not.toHaveProperty('openCases');
    const wrong = { ...adopts.document, openCases: { value: 'ALWAYS', source: 'x' } };
    expect(validatePolicyDocument(wrong)).toEqual([
      expect.objectContaining({ path: 'openCases.value', code: 'UNKNOWN_VALUE' }),
    ]);
  });
});
