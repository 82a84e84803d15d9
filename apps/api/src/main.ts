import { createLogger, loadConfig } from '../../../libs/config/src';
import { createApiApp } from './bootstrap';

async function main() {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
  createLogger('api', config.logLevel).info({ url: await app.getUrl() }, 'API listening');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
