// Which package of ours may import which (checked by ESLint on product code, i.e. every package's src/).
// Tests, benchmarks and scripts may import anything: they wire real components together on purpose.
import * as path from 'node:path';

const root = import.meta.dirname;

/** Every package of the repository, by folder. */
const PACKAGES = [
  'libs/domain',
  'libs/rules',
  'libs/calendar',
  'libs/persistence',
  'libs/config',
  'libs/devstack',
  'libs/observability',
  'workflows',
  'apps/api',
  'apps/worker',
  'apps/launcher',
];

const PRODUCT_LIBS = [
  'libs/domain',
  'libs/rules',
  'libs/calendar',
  'libs/persistence',
  'libs/config',
  'libs/observability',
];

/**
 * What each package's src/ may import besides itself. The domain, rules and calendar are pure; persistence
 * stores the domain's events, the calendar and the policy versions (validated by libs/rules); workflows see only the domain (and their own contract);
 * no app imports another app; dev tooling (libs/devstack) is for the launcher and tests only.
 */
export const ALLOWED = {
  'libs/domain': [],
  'libs/rules': [],
  'libs/calendar': [],
  'libs/config': [],
  'libs/observability': [],
  'libs/persistence': ['libs/domain', 'libs/calendar', 'libs/rules'],
  'libs/devstack': ['libs/config', 'libs/persistence', 'workflows'],
  workflows: ['libs/domain'],
  'apps/api': [...PRODUCT_LIBS, 'workflows'],
  'apps/worker': [...PRODUCT_LIBS, 'workflows'],
  'apps/launcher': ['libs/config', 'libs/persistence', 'libs/devstack', 'workflows'],
};

/** Single files allowed one more package, each with the reason it is tolerated. */
export const EXCEPTIONS = {
  // The `npm run migration:run` entry point reads the environment configuration like every other process.
  'libs/persistence/src/migrate.ts': ['libs/config'],
};

const toPosix = (p) => p.split(path.sep).join('/');
const packageOf = (rel) => PACKAGES.find((p) => rel === p || rel.startsWith(p + '/'));

const packageBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each package of the repository to the packages it may depend on.' },
    schema: [],
    messages: {
      forbidden:
        '{{from}} may not import {{to}} (allowed: {{allowed}}). See eslint.boundaries.mjs for the layers.',
    },
  },
  create(context) {
    const file = toPosix(path.relative(root, context.filename));
    const from = packageOf(file);
    if (!from || !file.startsWith(from + '/src/')) return {};
    const allowed = [from, ...ALLOWED[from], ...(EXCEPTIONS[file] ?? [])];
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const target = toPosix(path.relative(root, path.resolve(path.dirname(context.filename), source.value)));
      const to = packageOf(target);
      if (to && !allowed.includes(to)) {
        context.report({
          node: source,
          messageId: 'forbidden',
          data: { from, to, allowed: ALLOWED[from].join(', ') || 'nothing of ours' },
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const boundariesPlugin = { rules: { 'package-boundaries': packageBoundaries } };
