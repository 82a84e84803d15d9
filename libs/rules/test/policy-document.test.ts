import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  XINHUI_2018,
  XINHUI_2018_POLICY,
  calculate,
  canonicalJson,
  continuationOf,
  loadPolicyDocument,
  policyHash,
  policyJsonSchema,
  validatePolicyDocument,
  PolicyDocumentInvalidError,
} from '../src';

const dir = path.join(__dirname, '..', 'src', 'policies');
const xinhui = () => JSON.parse(fs.readFileSync(path.join(dir, 'xinhui-2018.json'), 'utf8'));

describe('policy document format', () => {
  it('the published JSON Schema is the one generated from the spec (regenerate with `npm run policy -- schema`)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(dir, 'policy.schema.json'), 'utf8'));
    expect(committed).toEqual(policyJsonSchema());
  });

  it('the Xinhui 2018 document is valid and cites a source for every value', () => {
    expect(validatePolicyDocument(xinhui())).toEqual([]);
    const text = fs.readFileSync(path.join(dir, 'xinhui-2018.json'), 'utf8');
    expect((text.match(/"value":/g) ?? []).length).toBe((text.match(/"source":/g) ?? []).length);
  });

  it('marks which deadlines are statutory and which the bureau chose', () => {
    expect(XINHUI_2018.periods.investigation.statutory).toBe(true);
    expect(XINHUI_2018.periods.acceptance.statutory).toBe(false);
    expect(XINHUI_2018.periods.democraticReview.statutory).toBe(false);
    expect(XINHUI_2018.periods.reminderLead.statutory).toBe(false);
    expect(XINHUI_2018.supervision.urgeFlagThreshold).toBe(3);
    expect(XINHUI_2018.parametersToConfirm.length).toBeGreaterThan(5);
  });

  it('the hash is sha256 of canonical JSON: key order and $schema do not change it, a value does', () => {
    const doc = xinhui();
    const h = policyHash(doc);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(XINHUI_2018_POLICY.hash);
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    delete reordered.$schema;
    expect(policyHash(reordered)).toBe(h);
    doc.basicAid.DIBAO.rate.value = '0.91';
    expect(policyHash(doc)).not.toBe(h);
  });

  it('lists every problem with its path and a message in Chinese and English', () => {
    const doc = xinhui();
    doc.basicAid.DIBAO.rate.value = 0.9; // a number, not a decimal string
    doc.basicAid.LOW_INCOME.annualCap.value = '80000'; // no decimals
    delete doc.secondaryAid.threshold.source; // no source
    doc.periods.investigation.value.count = 0;
    doc.periods.acceptance.value.unit = 'weeks';
    doc.eligibility.vehicles.minibusMaxLitre = doc.eligibility.vehicles.minibusMaxLitres; // misspelt
    delete doc.process.urgeFlagThreshold;
    doc.effective.from.value = '2018-02-30';
    const issues = validatePolicyDocument(doc);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['effective.from.value', 'DATE_FORMAT'],
      ['basicAid.DIBAO.rate.value', 'RATE_FORMAT'],
      ['basicAid.LOW_INCOME.annualCap.value', 'MONEY_FORMAT'],
      ['secondaryAid.threshold.source', 'MISSING_FIELD'],
      ['eligibility.vehicles.minibusMaxLitre', 'UNKNOWN_FIELD'],
      ['periods.acceptance.value.unit', 'UNKNOWN_VALUE'],
      ['periods.investigation.value.count', 'OUT_OF_RANGE'],
      ['process.urgeFlagThreshold', 'MISSING_FIELD'],
    ]);
    for (const i of issues) {
      expect(i.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(i.messageEn).toMatch(/[a-z]/);
    }
    expect(() => loadPolicyDocument(doc)).toThrow(PolicyDocumentInvalidError);
  });

  it('checks rules across fields once the structure is right', () => {
    const doc = xinhui();
    doc.effective.to.value = '2018-01-01';
    doc.approvalThresholds.DIBAO.value = '0.00';
    expect(validatePolicyDocument(doc).map((i) => i.path)).toEqual([
      'effective.to.value',
      'approvalThresholds.DIBAO.value',
    ]);
    expect(validatePolicyDocument('not a document')[0]).toMatchObject({
      path: '(document)',
      code: 'INVALID_TYPE',
    });
  });

  it('a continuation (继续执行) keeps every parameter, with a new range, document and hash', () => {
    const next = continuationOf(XINHUI_2018_POLICY, {
      id: 'xinhui-2018-continued',
      from: '2021-10-01',
      to: '2026-12-31',
      reference: '关于继续执行新会区困难群众医疗救助实施办法的通知',
    });
    const loaded = loadPolicyDocument(next);
    expect(loaded.hash).not.toBe(XINHUI_2018_POLICY.hash);
    expect(loaded.document.continues).toEqual({ id: 'xinhui-2018', hash: XINHUI_2018_POLICY.hash });
    const { id, effectiveFrom, effectiveTo, documentReference, ...params } = loaded.version;
    const { id: _i, effectiveFrom: _f, effectiveTo: _t, documentReference: _d, ...original } = XINHUI_2018;
    expect(params).toEqual(original);
    expect([id, effectiveFrom, effectiveTo, documentReference]).toEqual([
      'xinhui-2018-continued',
      '2021-10-01',
      '2026-12-31',
      '关于继续执行新会区困难群众医疗救助实施办法的通知',
    ]);
    const input = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', 'examples', 'calculate-dibao.json'), 'utf8'),
    );
    const a = calculate(input, XINHUI_2018);
    const b = calculate({ ...input, applicationDate: '2025-03-01' }, loaded.version);
    expect(b.total).toBe(a.total);
  });
});

describe('procedure defaults', () => {
  // A version without a `procedure` section (the published 2018 measures) runs under procedure-defaults.json,
  // yet the version's id and hash stay the same when the file changes. Every case records the procedure it
  // runs under in ApplicationSubmitted, so nothing is lost, but a change must be deliberate: this pin fails
  // on any change of content (not of formatting). Update it only with a reason in the commit and the README.
  it('are pinned: a change alters what new cases of versions without a procedure section run under', () => {
    const file = path.join(dir, 'procedure-defaults.json');
    const content = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
    expect(hash).toBe('305afd3b0767ed2109178e3eddc7323fc0042e984fbf2fa0ff5d362c8922d4ab');
  });
});
