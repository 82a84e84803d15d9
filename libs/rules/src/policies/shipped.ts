// Not named xinhui-2018.ts: Node (and ts-node) would resolve './xinhui-2018' to the JSON document first.
import { loadPolicyDocument, type LoadedPolicy, type PolicyDocument } from './document';
import verificationSection from './household-verification.json';
import type { PolicyVersion } from './types';
import document from './xinhui-2018.json';

/**
 * 新会区困难群众医疗救助实施办法 (2018-09-29), in force 2018-10-01 for 3 years (Art. 39), as data:
 * `xinhui-2018.json` cites the article behind every value and marks the bureau's choices (`bureauChoice`,
 * `toConfirm`). The process takes its versions from the database (`policy_versions`, seeded with this
 * document by a migration); this copy serves pure callers (the CLI, the tests, previews without a database).
 */
export const XINHUI_2018_POLICY: LoadedPolicy = loadPolicyDocument(document);
export const XINHUI_2018: PolicyVersion = XINHUI_2018_POLICY.version;

/**
 * Issue 15: the departments of the household economic verification (家庭经济状况核对) and what each answers, as
 * the `verification` section of a policy document (each value with its source in the joint-meeting rules).
 * `xinhui-2018` is published and never edited (its hash is fixed by migration 1764650000000), so this section
 * goes into the bureau's next version or continuation; a version without it allows no requests.
 */
export const HOUSEHOLD_VERIFICATION_SECTION = verificationSection as NonNullable<
  PolicyDocument['verification']
>;
