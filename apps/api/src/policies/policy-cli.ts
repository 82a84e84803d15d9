import * as fs from 'node:fs';
import { localDatabaseUrl } from '../../../../libs/config/src';
import {
  PolicyStore,
  PolicyStoreError,
  createDataSource,
  type PolicyActor,
} from '../../../../libs/persistence/src';
import { policyJsonSchema, validatePolicyDocument, type OpenCasesRule } from '../../../../libs/rules/src';

/**
 * `npm run policy -- <command>`: the policy endpoints from the shell, against DATABASE_URL or, when it is not
 * set, the embedded PostgreSQL of a running `npm start` (its URL is in the launcher's data folder).
 */
const USAGE = `usage: npm run policy -- <command>
  list                                   every version (status, range, hash, who uploaded/approved)
  show <id>                              one version with its document
  validate <file.json>                   every problem of a document (path, zh, en); exit 1 if any
  diff <id|file> <id|file>               the values that differ between two versions
  schema                                 the JSON Schema of a policy document
  publish <file.json> --as <admin> --approved-by <other admin>
                                         upload a draft and publish it (four eyes: two different people)
  publish <id> --approved-by <admin>     publish an uploaded draft
  continue <base-id> --from <date> --to <date> --doc "<document reference>" [--id <new-id>]
           --as <admin> [--approved-by <other admin>] [--open-cases ADOPT_FOR_DECISIONS_NOT_YET_MADE]
                                         继续执行: same parameters, new range; a draft unless approved
  continue <base-id> --from <date> --doc "<reference>" --local-trial
                                         for trying the system on npm start's own database only
  continue … --verification <file.json>  the continuation also carries this departments list (家庭经济状况核对,
                                         e.g. libs/rules/src/policies/household-verification.json)`;

type Flags = Record<string, string | true>;

function parse(argv: string[]): { args: string[]; flags: Flags } {
  const args: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) flags[a.slice(2)] = true;
      else {
        flags[a.slice(2)] = next;
        i++;
      }
    } else args.push(a);
  }
  return { args, flags };
}

class UsageError extends Error {}

const text = (flags: Flags, name: string, required = true): string | undefined => {
  const v = flags[name];
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (required) throw new UsageError(`--${name} is required`);
  return undefined;
};
const actor = (id: string): PolicyActor => ({ id, name: id });
const print = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

function database(): { url: string; launcher: boolean } {
  const env = process.env.DATABASE_URL?.trim();
  if (env) return { url: env, launcher: false };
  const local = localDatabaseUrl();
  if (local) return { url: local, launcher: true };
  throw new UsageError(
    'DATABASE_URL is not set and no `npm start` is running (its database URL is kept in the data folder while ' +
      'it runs): start it in another terminal, or set DATABASE_URL.',
  );
}

async function withStore<T>(work: (store: PolicyStore, launcher: boolean) => Promise<T>): Promise<T> {
  const db = database();
  const dataSource = await createDataSource(db.url, {
    applicationName: 'jiuzhu-policy-cli',
    poolSize: 2,
  }).initialize();
  try {
    return await work(new PolicyStore(dataSource), db.launcher);
  } finally {
    await dataSource.destroy();
  }
}

/** Leaf values by dotted path, for a diff a person can read. */
function leaves(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value))
      if (k !== '$schema') leaves(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, JSON.stringify(value));
  return out;
}

async function documentOf(ref: string): Promise<unknown> {
  if (fs.existsSync(ref)) return readJson(ref);
  return withStore(async (store) => {
    const record = await store.get(ref);
    if (!record) throw new UsageError(`no file or policy version named ${ref}`);
    return record.document;
  });
}

async function main(argv: string[]): Promise<number> {
  const { args, flags } = parse(argv);
  const [command, ...rest] = args;
  switch (command) {
    case 'list':
      await withStore(async (store) => {
        for (const v of await store.list()) {
          process.stdout.write(
            `${v.id}\t${v.status}\t${v.effectiveFrom}..${v.effectiveTo}\t${v.hash.slice(0, 12)}\t` +
              `uploaded by ${v.uploadedBy.id}${v.approvedBy ? `, approved by ${v.approvedBy.id}` : ''}\t${v.documentReference}\n`,
          );
        }
      });
      return 0;
    case 'show': {
      if (!rest[0]) throw new UsageError('show needs a version id');
      const record = await withStore((store) => store.get(rest[0]!));
      if (!record) throw new UsageError(`there is no policy version ${rest[0]}`);
      print(record);
      return 0;
    }
    case 'schema':
      print(policyJsonSchema());
      return 0;
    case 'validate': {
      if (!rest[0]) throw new UsageError('validate needs a file');
      const issues = validatePolicyDocument(readJson(rest[0]));
      for (const i of issues) process.stdout.write(`${i.path}\t${i.code}\t${i.messageZh}\t${i.messageEn}\n`);
      process.stdout.write(issues.length ? `${issues.length} problem(s)\n` : 'valid\n');
      return issues.length ? 1 : 0;
    }
    case 'diff': {
      if (rest.length !== 2) throw new UsageError('diff needs two versions (ids or files)');
      const [a, b] = [leaves(await documentOf(rest[0]!)), leaves(await documentOf(rest[1]!))];
      let n = 0;
      for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
        if (a.get(key) !== b.get(key)) {
          n++;
          process.stdout.write(`${key}: ${a.get(key) ?? '(absent)'} → ${b.get(key) ?? '(absent)'}\n`);
        }
      }
      process.stdout.write(`${n} difference(s)\n`);
      return 0;
    }
    case 'publish': {
      const target = rest[0];
      if (!target) throw new UsageError('publish needs a document file or a draft id');
      const approver = text(flags, 'approved-by')!;
      const record = await withStore(async (store) => {
        let id = target;
        if (fs.existsSync(target)) {
          const doc = readJson(target) as { id?: unknown };
          id = String(doc.id ?? '');
          await store.putDraft(id, doc, actor(text(flags, 'as')!));
        }
        return store.approve(id, actor(approver));
      });
      print(record);
      return 0;
    }
    case 'continue': {
      const base = rest[0];
      if (!base) throw new UsageError('continue needs the id of the published version that continues');
      const from = text(flags, 'from')!;
      const trial = flags['local-trial'] === true;
      const to = text(flags, 'to', !trial) ?? `${new Date().getFullYear() + 1}-12-31`;
      const doc = text(flags, 'doc')!;
      const id = text(flags, 'id', false) ?? `${base}-${trial ? 'local-trial' : 'continued'}-${from}`;
      const record = await withStore(async (store, launcher) => {
        if (trial && !launcher)
          throw new UsageError(
            '--local-trial only works on the database of `npm start` (unset DATABASE_URL); a real continuation ' +
              'is uploaded by one administrator (--as) and approved by another (--approved-by).',
          );
        const uploader = trial ? 'local-trial-uploader' : text(flags, 'as')!;
        const approver = trial ? 'local-trial-approver' : text(flags, 'approved-by', false);
        const reference = trial ? `本地试用，非正式文件 (local trial, not a bureau document): ${doc}` : doc;
        const list = text(flags, 'verification', false);
        const verification = list ? (readJson(list) as never) : undefined;
        const openCases = text(flags, 'open-cases', false) as OpenCasesRule | undefined;
        const draft = await store.putContinuation(
          base,
          {
            id,
            from,
            to,
            reference,
            ...(verification ? { verification } : {}),
            ...(openCases ? { openCases } : {}),
          },
          actor(uploader),
        );
        if (!approver) {
          process.stderr.write(
            `draft ${id} uploaded; another administrator publishes it with:\n` +
              `  npm run policy -- publish ${id} --approved-by <admin-id>\n`,
          );
          return draft;
        }
        return store.approve(id, actor(approver));
      });
      print(record);
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command');
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      process.exit(64);
    }
    if (err instanceof PolicyStoreError) {
      process.stderr.write(`${err.code}: ${err.messageZh}\n${err.messageEn}\n`);
      for (const i of err.issues) process.stderr.write(`  ${i.path}\t${i.messageZh}\t${i.messageEn}\n`);
      process.exit(1);
    }
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
