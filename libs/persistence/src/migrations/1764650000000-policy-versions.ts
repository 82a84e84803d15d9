import type { MigrationInterface, QueryRunner } from 'typeorm';
import { XINHUI_2018_POLICY } from '../../../rules/src';

/**
 * Issue 11: policy versions as data. Drafts are uploaded and replaced by administrators; a second
 * administrator publishes one. A published version is never edited or removed (a correction is a new version),
 * two published versions never share a day (an exclusion constraint on their date ranges), and nobody approves
 * their own upload — all enforced here as well as in the store, so no code path can get round them.
 */
export class PolicyVersions1764650000000 implements MigrationInterface {
  name = 'PolicyVersions1764650000000';

  /** The seeded Xinhui 2018 document must be exactly the one published in this migration, forever. */
  static readonly XINHUI_2018_HASH = 'd832f6fb6992b526cafdfe6764c82e85ad030ee8769ba8ed0f0a75ec2ed1cab0';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await q.query(`
      CREATE TABLE policy_versions (
        id text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        document jsonb NOT NULL,
        effective_from date NOT NULL,
        effective_to date NOT NULL,
        document_reference text NOT NULL,
        continues_id text,
        uploaded_by text NOT NULL,
        uploaded_by_name text,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        approved_by text,
        approved_by_name text,
        approved_at timestamptz,
        CHECK (effective_from <= effective_to),
        CHECK ((status = 'PUBLISHED') = (approved_by IS NOT NULL AND approved_at IS NOT NULL)),
        -- Four eyes: the person who uploaded a version cannot be the one who publishes it.
        CHECK (approved_by IS NULL OR approved_by <> uploaded_by),
        CONSTRAINT policy_versions_published_ranges_do_not_overlap
          EXCLUDE USING gist (daterange(effective_from, effective_to, '[]') WITH &&)
          WHERE (status = 'PUBLISHED')
      )`);
    await q.query(`
      CREATE FUNCTION policy_versions_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'PUBLISHED' THEN
          RAISE EXCEPTION 'policy version % is published: it is never changed or removed; publish a new version', OLD.id;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER policy_versions_no_change_after_publication BEFORE UPDATE OR DELETE ON policy_versions
      FOR EACH ROW EXECUTE FUNCTION policy_versions_published_immutable()`);

    const seed = XINHUI_2018_POLICY;
    if (seed.hash !== PolicyVersions1764650000000.XINHUI_2018_HASH) {
      throw new Error(
        `xinhui-2018.json changed (hash ${seed.hash}); a published document is never edited: publish a new version`,
      );
    }
    // The measures were enacted by the district government; they are recorded as published by that act.
    await q.query(
      `INSERT INTO policy_versions (id, status, hash, document, effective_from, effective_to, document_reference,
         uploaded_by, uploaded_by_name, approved_by, approved_by_name, approved_at)
       VALUES ($1, 'PUBLISHED', $2, $3, $4, $5, $6, 'system:migration', 'seed migration (issue 11)',
         'system:enacted-measures', $7, '2018-09-29T00:00:00+08:00')`,
      [
        seed.document.id,
        seed.hash,
        JSON.stringify(seed.document),
        seed.version.effectiveFrom,
        seed.version.effectiveTo,
        seed.document.document.reference,
        `${seed.document.document.issuedBy ?? ''} ${seed.document.document.issuedOn ?? ''}`.trim(),
      ],
    );

    // Every decision names the exact version it used: id and content hash. Calculations made before this
    // migration all used the Xinhui 2018 measures, whose values the seeded document carries unchanged.
    await q.query('ALTER TABLE aid_calculations ADD COLUMN policy_hash text');
    await q.query(`UPDATE aid_calculations SET policy_hash = $1 WHERE policy_id = $2`, [
      seed.hash,
      seed.document.id,
    ]);
    await q.query('ALTER TABLE eligibility_assessments ADD COLUMN policy_hash text');
    await q.query(`UPDATE eligibility_assessments SET policy_hash = $1 WHERE policy_id = $2`, [
      seed.hash,
      seed.document.id,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE eligibility_assessments DROP COLUMN policy_hash');
    await q.query('ALTER TABLE aid_calculations DROP COLUMN policy_hash');
    await q.query('DROP TABLE policy_versions');
    await q.query('DROP FUNCTION policy_versions_published_immutable()');
  }
}
