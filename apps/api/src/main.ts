import { createLogger, loadConfig } from '../../../libs/config/src';
import { startTracing } from '../../../libs/observability/src';
import { createApiApp } from './bootstrap';

async function main() {
  const config = loadConfig();
  // Before the app (and its database) is created: tracing instruments `pg`. Off unless OTEL_TRACES_EXPORTER.
  await startTracing('api', config.tracing.exporter);
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
  const log = createLogger('api', config.logLevel);
  log.info(
    { url: await app.getUrl(), auth: config.auth.mode, traces: config.tracing.exporter },
    'API listening',
  );
  if (config.auth.mode === 'local') {
    // info, not warn: every local run and test would print it; the words are what mark the mode.
    log.info(
      'LOCAL DEVELOPMENT TOKENS: staff tokens are HS256 with JWT_SECRET (npm run token). For `npm start` only; ' +
        'a bureau sets OIDC_ISSUER and OIDC_AUDIENCE to verify tokens from its identity provider.',
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
