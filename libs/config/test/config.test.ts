import { ConfigError, loadConfig } from '../src';

describe('loadConfig', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', JWT_SECRET: 'x'.repeat(32) };

  it('applies defaults for a local stack', () => {
    const config = loadConfig(valid);
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'jiuzhu',
      taskQueue: 'jiuzhu-applications',
    });
    expect(config.api.port).toBe(3000);
  });

  it('switches to external servers by environment alone', () => {
    const config = loadConfig({
      ...valid,
      TEMPORAL_ADDRESS: 'temporal.prod:7233',
      TEMPORAL_NAMESPACE: 'xinhui',
    });
    expect(config.temporal.address).toBe('temporal.prod:7233');
    expect(config.temporal.namespace).toBe('xinhui');
  });

  it('lists every problem with a hint at once', () => {
    let error: unknown;
    try {
      loadConfig({ TEMPORAL_ADDRESS: 'no-port', API_PORT: 'abc', LOG_LEVEL: 'loud', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/TEMPORAL_ADDRESS must be host:port/);
    expect(problems).toMatch(/DATABASE_URL is not set/);
    expect(problems).toMatch(/API_PORT must be a port number/);
    expect(problems).toMatch(/LOG_LEVEL must be one of/);
    expect(problems).toMatch(/JWT_SECRET must be at least 32 characters/);
  });
});
