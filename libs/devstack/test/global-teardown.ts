import * as fs from 'node:fs';
import type { TestStack } from './stack';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __jiuzhuTestStack?: TestStack };
  const stack = holder.__jiuzhuTestStack;
  if (!stack) return; // the other project already tore it down
  delete holder.__jiuzhuTestStack;
  await Promise.all([stack.temporal.process.stop(), stack.postgres.process.stop()]);
  fs.rmSync(stack.pgDir, { recursive: true, force: true });
}
