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

/** One command on one input text: the exit code and what to print. Pure, so it is tested directly. */
export function run(
  command: string | undefined,
  text: string,
): { code: number; stdout: string; stderr: string } {
  if (command !== 'calculate' && command !== 'eligibility') {
    return { code: 64, stdout: '', stderr: `${USAGE}\n` };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    const error = {
      code: 'INVALID_JSON',
      field: '$',
      rule: 'JSON',
      messageZh: '输入不是合法的 JSON',
      messageEn: `input is not valid JSON: ${(e as Error).message}`,
    };
    return { code: 2, stdout: `${JSON.stringify({ error }, null, 2)}\n`, stderr: '' };
  }
  try {
    const result = command === 'calculate' ? calculate(input) : eligibility(input);
    return { code: 0, stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: '' };
  } catch (e) {
    if (e instanceof RulesError) {
      return { code: 2, stdout: `${JSON.stringify({ error: e.toJSON() }, null, 2)}\n`, stderr: '' };
    }
    throw e;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0];
  // The usage error needs no input: answer before waiting on stdin.
  const text = command === 'calculate' || command === 'eligibility' ? await readStdin() : '';
  const out = run(command, text);
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  return out.code;
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
