#!/usr/bin/env node
/**
 * Caseworkers' preview and support tool:
 *   npm run rules -- calculate   < case.json
 *   npm run rules -- eligibility < household.json
 * Prints the result with its explanation as JSON; on bad input prints the typed error and exits 2.
 * The only file in libs/rules that does I/O.
 */
import { calculate } from './amounts';
import { eligibility } from './eligibility';
import { RulesError } from './errors';

const USAGE = 'usage: rules (calculate | eligibility) < input.json';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0];
  if (command !== 'calculate' && command !== 'eligibility') {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  const text = await readStdin();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    process.stdout.write(
      `${JSON.stringify({ error: { code: 'INVALID_JSON', field: '$', rule: 'JSON', messageZh: '输入不是合法的 JSON', messageEn: `input is not valid JSON: ${(e as Error).message}` } }, null, 2)}\n`,
    );
    return 2;
  }
  try {
    const result = command === 'calculate' ? calculate(input) : eligibility(input);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof RulesError) {
      process.stdout.write(`${JSON.stringify({ error: e.toJSON() }, null, 2)}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${String(e instanceof Error ? e.stack : e)}\n`);
      process.exitCode = 1;
    },
  );
}
