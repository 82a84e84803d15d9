import { createDataSource, enterOpeningBalance, listOpeningBalances } from '../../../../libs/persistence/src';
import { RulesError, parseOpeningBalanceInput } from '../../../../libs/rules/src';
import { openingBalanceEntry } from './opening-balance-entry';

// `npm run opening-balance -- add --by <staff-id> < entry.json` and `npm run opening-balance -- list [personRef] [year]`:
// the administrator's shell twin of POST/GET /opening-balances (DATABASE_URL). Entries are never edited: a
// correction is a new entry naming the one it supersedes.
async function main() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\/.+/.test(url)) {
    throw new Error(
      'DATABASE_URL must be set to a postgres:// URL, e.g. postgres://user:password@localhost:5432/jiuzhu',
    );
  }
  const [command, ...args] = process.argv.slice(2);
  const dataSource = await createDataSource(url, {
    applicationName: 'jiuzhu-opening-balance',
    poolSize: 1,
  }).initialize();
  try {
    if (command === 'list') {
      const year = args[1] === undefined ? undefined : Number(args[1]);
      console.log(
        JSON.stringify(
          await listOpeningBalances(dataSource.manager, { personRef: args[0], aidYear: year }),
          null,
          2,
        ),
      );
      return;
    }
    if (command === 'add') {
      const by = args[args.indexOf('--by') + 1];
      if (!args.includes('--by') || !by)
        throw new Error('say who enters it: add --by <staff-id> < entry.json');
      const input = parseOpeningBalanceInput(JSON.parse(await stdin()));
      const entered = await enterOpeningBalance(dataSource, openingBalanceEntry(input, by, null));
      console.log(JSON.stringify(entered, null, 2));
      return;
    }
    throw new Error(
      'usage: npm run opening-balance -- add --by <staff-id> < entry.json | list [personRef] [year]',
    );
  } finally {
    await dataSource.destroy();
  }
}

function stdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

main().catch((err) => {
  if (err instanceof RulesError) console.error(`${err.field}: ${err.messageEn} / ${err.messageZh}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
