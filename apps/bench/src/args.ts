/**
 * A benchmark's numeric setting: `--name N` / `--name=N` on the command line, else the environment
 * variable, else the default. A value that is not a positive integer stops the run with its name.
 */
export function intSetting(flag: string, envName: string, fallback: number): number {
  return intList(flag, envName, [fallback])[0]!;
}

/** The same for a comma-separated list (`--clients 1,8`). */
export function intList(flag: string, envName: string, fallback: number[]): number[] {
  const argv = process.argv.slice(2);
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${flag}`) raw = argv[i + 1];
    else if (arg.startsWith(`--${flag}=`)) raw = arg.slice(flag.length + 3);
  }
  raw ??= process.env[envName];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (!values.length || values.some((v) => !Number.isInteger(v) || v <= 0)) {
    console.error(`--${flag} (or ${envName}) must be a positive integer or a comma-separated list of them`);
    process.exit(2);
  }
  return values;
}

/** A benchmark's switch: `--name` on the command line, or the environment variable set to 1 or true. */
export function flagSetting(flag: string, envName: string): boolean {
  return process.argv.slice(2).includes(`--${flag}`) || /^(1|true)$/i.test(process.env[envName] ?? '');
}
