import { DataSource } from 'typeorm';
import {
  NoPolicyInForceError,
  XINHUI_2018_POLICY,
  continuationOf,
  type PolicyDocument,
} from '../../rules/src';
import { PolicyStore, PolicyStoreError, createDataSource } from '../src';
import { createTestDatabase } from './test-database';

const alice = { id: 'admin-alice', name: '李管理' };
const bob = { id: 'admin-bob', name: '王复核' };
const continuation = (id: string, from: string, to: string): PolicyDocument =>
  continuationOf(XINHUI_2018_POLICY, { id, from, to, reference: '关于继续执行的通知（测试）' });

describe('policy store on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let store: PolicyStore;
  const refused = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (err) {
      if (err instanceof PolicyStoreError) return err;
      throw err;
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    db = await createTestDatabase('policy_store');
    dataSource = await createDataSource(db.url).initialize();
    store = new PolicyStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('the migration publishes the Xinhui 2018 measures; nothing is in force after them', async () => {
    const [only] = await store.list();
    expect(only).toMatchObject({
      id: 'xinhui-2018',
      status: 'PUBLISHED',
      hash: XINHUI_2018_POLICY.hash,
      effectiveFrom: '2018-10-01',
      effectiveTo: '2021-09-30',
    });
    expect((await store.forDate('2019-03-01')).hash).toBe(XINHUI_2018_POLICY.hash);
    await expect(store.forDate('2025-03-01')).rejects.toThrow(NoPolicyInForceError);
  });

  it('refuses an invalid draft with every problem and stores nothing', async () => {
    const doc = JSON.parse(JSON.stringify(continuation('cont-a', '2021-10-01', '2023-12-31')));
    doc.basicAid.DIBAO.rate.value = 0.9;
    delete doc.periods.investigation.source;
    const err = await refused(store.putDraft('cont-a', doc, alice));
    expect(err.code).toBe('POLICY_DOCUMENT_INVALID');
    expect(err.issues.map((i) => i.path)).toEqual([
      'basicAid.DIBAO.rate.value',
      'periods.investigation.source',
    ]);
    expect(await store.get('cont-a')).toBeUndefined();
    const mismatch = await refused(
      store.putDraft('other-id', continuation('cont-a', '2021-10-01', '2023-12-31'), alice),
    );
    expect(mismatch.issues[0]).toMatchObject({ path: 'id', code: 'ID_MISMATCH' });
  });

  it('publishes a draft only with a second administrator (four eyes), then uses it', async () => {
    const draft = await store.putDraft('cont-a', continuation('cont-a', '2021-10-01', '2023-12-31'), alice);
    expect(draft).toMatchObject({ status: 'DRAFT', uploadedBy: { id: alice.id }, approvedBy: null });
    await expect(store.forDate('2022-01-01')).rejects.toThrow(NoPolicyInForceError);
    expect((await refused(store.approve('cont-a', alice))).code).toBe('POLICY_FOUR_EYES');
    const published = await store.approve('cont-a', bob);
    expect(published).toMatchObject({
      status: 'PUBLISHED',
      approvedBy: { id: bob.id },
      continues: 'xinhui-2018',
    });
    expect((await store.forDate('2022-01-01')).document.id).toBe('cont-a');
    expect((await refused(store.approve('cont-a', bob))).code).toBe('POLICY_ALREADY_PUBLISHED');
    expect(
      (await refused(store.putDraft('cont-a', continuation('cont-a', '2021-10-01', '2023-12-31'), bob))).code,
    ).toBe('POLICY_PUBLISHED_IMMUTABLE');
  });

  it('refuses a range overlapping a published version', async () => {
    const err = await refused(
      store.putDraft('cont-b', continuation('cont-b', '2023-06-01', '2025-12-31'), alice),
    );
    expect(err.code).toBe('POLICY_RANGE_OVERLAP');
    expect(err.messageEn).toContain('cont-a');
    const cont = await store.putContinuation(
      'cont-a',
      { id: 'cont-b', from: '2024-01-01', to: '2026-12-31', reference: '第二次继续执行（测试）' },
      alice,
    );
    expect(cont.document.continues?.id).toBe('cont-a');
  });

  it('the database itself refuses edits of published rows, overlaps and self-approval', async () => {
    await expect(
      dataSource.query(`UPDATE policy_versions SET document_reference = 'x' WHERE id = 'xinhui-2018'`),
    ).rejects.toThrow(/published/);
    await expect(dataSource.query(`DELETE FROM policy_versions WHERE id = 'xinhui-2018'`)).rejects.toThrow(
      /published/,
    );
    await expect(
      dataSource.query(
        `INSERT INTO policy_versions (id, status, hash, document, effective_from, effective_to, document_reference,
           uploaded_by, approved_by, approved_at)
         VALUES ('sneaky', 'PUBLISHED', repeat('a', 64), '{}', '2020-01-01', '2020-12-31', 'x', 'a', 'b', now())`,
      ),
    ).rejects.toThrow(/policy_versions_published_ranges_do_not_overlap/);
    await expect(
      dataSource.query(`UPDATE policy_versions SET status = 'PUBLISHED', approved_by = uploaded_by,
         approved_at = now() WHERE id = 'cont-b'`),
    ).rejects.toThrow(/check constraint/);
  });

  it('a decision takes a later version open cases adopt, once another process has published it', async () => {
    const worker = new PolicyStore(dataSource); // the worker's own store, with its own cache
    const decide = async (applicationDate: string, decidedOn: string) => {
      const v = await worker.forDecision(applicationDate, decidedOn);
      return { chosen: v.chosen.document.id, own: v.own.document.id, adopted: v.adopted };
    };
    // cont-a (in force from 2021-10-01) keeps open cases on their version.
    expect(await decide('2021-06-01', '2027-06-01')).toEqual({
      chosen: 'xinhui-2018',
      own: 'xinhui-2018',
      adopted: false,
    });
    await store.putContinuation(
      'cont-a',
      {
        id: 'cont-c',
        from: '2027-01-01',
        to: '2027-12-31',
        reference: '继续执行并适用于在办案件的通知（测试）',
        openCases: 'ADOPT_FOR_DECISIONS_NOT_YET_MADE',
      },
      alice,
    );
    await store.approve('cont-c', bob);
    expect(await decide('2021-06-01', '2027-06-01')).toEqual({
      chosen: 'cont-c',
      own: 'xinhui-2018',
      adopted: true,
    });
    expect(await decide('2022-06-01', '2027-01-01')).toMatchObject({ chosen: 'cont-c', own: 'cont-a' });
    // Not before its first day.
    expect(await decide('2021-06-01', '2026-12-31')).toMatchObject({ chosen: 'xinhui-2018', adopted: false });
  });
});
