import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { DataSource } from 'typeorm';
import { STAFF_ROLE_NAMES, loadConfig } from '../../../libs/config/src';
import { ApiMetrics } from '../../api/src/metrics/api-metrics';
import { WorkerMetrics } from '../../worker/src/metrics';
import { caseSearchAttributes } from '../../../workflows/src/search-attributes';

const root = path.join(__dirname, '..', '..', '..');
const composeFile = path.join(root, 'docker-compose.yml');
type Service = {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
};
interface Realm {
  realm: string;
  roles: { realm: Array<{ name: string }> };
  components: Record<string, Array<{ config: Record<string, string[]> }>>;
  clients: Array<{
    clientId: string;
    publicClient?: boolean;
    redirectUris?: string[];
    attributes?: Record<string, string>;
    protocolMappers?: Array<{ protocolMapper: string; config: Record<string, string> }>;
  }>;
  users: Array<{ username: string; realmRoles: string[]; attributes?: Record<string, string[]> }>;
}

// No Docker engine runs on the development machines, so the file is checked here for what matters to us;
// where the `docker compose` plugin exists, its own validation runs as well.
describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(composeFile, 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };

  it('has the production-like topology', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'api',
        'grafana',
        'jaeger',
        'keycloak',
        'migrate',
        'postgres',
        'prometheus',
        'temporal',
        'temporal-setup',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(compose.services.temporal!.environment).toMatchObject({
      DB: 'postgres12',
      POSTGRES_SEEDS: 'postgres',
    });
  });

  it('runs our compiled entry points, all of which exist in the build', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const command = compose.services[name]!.command!;
      expect(command[0]).toBe('node');
      expect(fs.existsSync(path.join(root, command[1]!.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(
        true,
      );
    }
  });

  it('points API and worker at the compose services through the environment only', () => {
    for (const name of ['api', 'worker']) {
      expect(compose.services[name]!.environment).toMatchObject({
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: 'jiuzhu',
        DATABASE_URL: expect.stringContaining('@postgres:5432/jiuzhu'),
      });
    }
  });

  it('registers every search attribute the workflows use', () => {
    const setup = (compose.services['temporal-setup']!.command ?? []).join(' ');
    for (const key of caseSearchAttributes) expect(setup).toContain(`--name ${key.name} --type`);
  });

  describe('Keycloak with the sample realm', () => {
    const keycloak = compose.services.keycloak!;
    const mount = keycloak.volumes!.find((v) => v.includes('/opt/keycloak/data/import/'))!;
    const realmFile = path.join(root, mount.split(':')[0]!);
    const realm = JSON.parse(fs.readFileSync(realmFile, 'utf8')) as Realm;
    const api = compose.services.api!.environment!;

    it('imports the realm file at start and serves the issuer the API is configured with', () => {
      expect(keycloak.command).toEqual(expect.arrayContaining(['--import-realm']));
      expect(fs.existsSync(realmFile)).toBe(true);
      expect(api.OIDC_ISSUER).toBe(`${keycloak.environment!.KC_HOSTNAME}/realms/${realm.realm}`);
      const port = new URL(keycloak.environment!.KC_HOSTNAME!).port;
      expect(keycloak.ports).toContain(`${port}:${port}`);
      // The compose environment is a valid OIDC configuration (no local HS256 secret next to the issuer).
      const config = loadConfig({ ...api, DATABASE_URL: api.DATABASE_URL });
      expect(config.auth).toMatchObject({ mode: 'oidc', audience: 'jiuzhu-api' });
      expect(api.JWT_SECRET).toBeUndefined();
      expect(compose.services.worker!.environment!.OIDC_ISSUER).toBe(api.OIDC_ISSUER);
    });

    it('has every Jiuzhu role as a realm role and a declared `town` attribute', () => {
      expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...STAFF_ROLE_NAMES].sort());
      const profile = JSON.parse(
        realm.components['org.keycloak.userprofile.UserProfileProvider']![0]!.config[
          'kc.user.profile.config'
        ]![0]!,
      ) as { attributes: Array<{ name: string; permissions: { edit: string[] } }> };
      const town = profile.attributes.find((a) => a.name === 'town');
      expect(town?.permissions.edit).toEqual(['admin']); // staff cannot move themselves to another town
    });

    it('puts the audience, the roles and the town into the dashboard’s access tokens (public client, PKCE)', () => {
      const dashboard = realm.clients.find((c) => c.clientId === api.OIDC_DASHBOARD_CLIENT_ID)!;
      expect(dashboard.publicClient).toBe(true);
      expect(dashboard.attributes!['pkce.code.challenge.method']).toBe('S256');
      expect(dashboard.redirectUris).toContain('http://localhost:3000/supervision/dashboard');
      const mappers = dashboard.protocolMappers!;
      expect(mappers.find((m) => m.protocolMapper === 'oidc-audience-mapper')!.config).toMatchObject({
        'included.client.audience': api.OIDC_AUDIENCE,
        'access.token.claim': 'true',
      });
      expect(
        mappers.find((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper')!.config,
      ).toMatchObject({
        'user.attribute': 'town',
        'claim.name': api.OIDC_TOWN_CLAIM,
        'access.token.claim': 'true',
      });
      expect(api.OIDC_ROLE_CLAIM).toBe('realm_access.roles');
      expect(realm.clients.map((c) => c.clientId)).toContain(api.OIDC_AUDIENCE);
    });

    it('has two sample users: a caseworker with a town and a supervisor', () => {
      expect(realm.users.map((u) => [u.username, u.realmRoles, u.attributes?.town])).toEqual([
        ['cw-li', ['CASEWORKER'], ['会城街道']],
        ['sv-lin', ['SUPERVISOR'], undefined],
      ]);
    });
  });

  describe('Prometheus and Grafana with the provisioned dashboard', () => {
    /** The host side of a service's bind mount whose container side is `target`. */
    const mounted = (service: Service, target: string) => {
      const volume = service.volumes!.find((v) => v.split(':')[1] === target);
      expect(volume).toBeDefined();
      return path.join(root, volume!.split(':')[0]!);
    };
    const prometheus = compose.services.prometheus!;
    const grafana = compose.services.grafana!;
    const scrapeConfig = parse(
      fs.readFileSync(mounted(prometheus, '/etc/prometheus/prometheus.yml'), 'utf8'),
    ) as {
      scrape_configs: Array<{
        job_name: string;
        metrics_path?: string;
        static_configs: Array<{ targets: string[] }>;
      }>;
    };
    const targetsOf = (job: string) => {
      const scrape = scrapeConfig.scrape_configs.find((c) => c.job_name === job);
      expect(scrape).toBeDefined();
      return {
        path: scrape!.metrics_path ?? '/metrics',
        targets: scrape!.static_configs.flatMap((s) => s.targets),
      };
    };

    it('scrapes the API on the port it listens on, at its /metrics route', () => {
      const api = compose.services.api!.environment!;
      const config = loadConfig({ ...api });
      expect(config.api.host).toBe('0.0.0.0');
      expect(targetsOf('jiuzhu-api')).toEqual({ path: '/metrics', targets: [`api:${config.api.port}`] });
      const controller = fs.readFileSync(
        path.join(root, 'apps/api/src/metrics/metrics.controller.ts'),
        'utf8',
      );
      expect(controller).toContain("@Controller('metrics')");
    });

    it('scrapes the worker where its metrics listener binds (all interfaces of its container)', () => {
      const worker = compose.services.worker!.environment!;
      const config = loadConfig({ ...worker });
      expect(config.workerMetrics.host).toBe('0.0.0.0');
      expect(targetsOf('jiuzhu-worker')).toEqual({
        path: '/metrics',
        targets: [`worker:${config.workerMetrics.port}`],
      });
    });

    const datasourceFile = path.join(
      mounted(grafana, '/etc/grafana/provisioning/datasources'),
      'prometheus.yml',
    );
    const datasources = (
      parse(fs.readFileSync(datasourceFile, 'utf8')) as {
        datasources: Array<{ uid: string; type: string; url: string }>;
      }
    ).datasources;
    const provider = (
      parse(
        fs.readFileSync(
          path.join(mounted(grafana, '/etc/grafana/provisioning/dashboards'), 'jiuzhu.yml'),
          'utf8',
        ),
      ) as { providers: Array<{ type: string; options: { path: string } }> }
    ).providers[0]!;
    const dashboardDir = mounted(grafana, provider.options.path);
    const dashboardFiles = fs.readdirSync(dashboardDir).filter((f) => f.endsWith('.json'));

    it('provisions the Prometheus datasource and the dashboards folder Grafana mounts', () => {
      const promPort = prometheus.ports![0]!.split(':')[1];
      expect(datasources).toEqual([
        expect.objectContaining({
          uid: 'prometheus',
          type: 'prometheus',
          url: `http://prometheus:${promPort}`,
        }),
      ]);
      expect(provider.type).toBe('file');
      expect(dashboardFiles).toEqual(['jiuzhu-operations.json']);
      expect(grafana.environment!.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(
        `${provider.options.path}/jiuzhu-operations.json`,
      );
    });

    it('has a dashboard whose every query names metrics our processes register', () => {
      const worker = new WorkerMetrics();
      worker.watchDatabase({} as DataSource, () => Promise.reject(new Error('not scraped here')));
      const registered = new Map(
        [...new ApiMetrics().registry.getMetricsAsArray(), ...worker.registry.getMetricsAsArray()].map(
          (m) => [m.name, String(m.type)],
        ),
      );
      // A histogram is queried through its _bucket, _sum and _count series.
      const exists = (series: string) => {
        if (registered.has(series)) return registered.get(series) !== 'histogram';
        const base = series.replace(/_(bucket|sum|count)$/, '');
        return registered.get(base) === 'histogram';
      };
      type Panel = {
        type: string;
        title: string;
        datasource?: { uid: string };
        targets?: Array<{ expr: string }>;
      };
      for (const file of dashboardFiles) {
        const dashboard = JSON.parse(fs.readFileSync(path.join(dashboardDir, file), 'utf8')) as {
          uid: string;
          panels: Panel[];
        };
        const panels = dashboard.panels.filter((p) => p.type !== 'row');
        expect(panels.length).toBeGreaterThanOrEqual(10);
        for (const panel of panels) {
          expect({ panel: panel.title, datasource: panel.datasource?.uid }).toEqual({
            panel: panel.title,
            datasource: datasources[0]!.uid,
          });
          expect(panel.targets?.length).toBeGreaterThan(0);
          for (const { expr } of panel.targets!) {
            const series = expr.match(/\b(?:jiuzhu|temporal)_\w+/g) ?? [];
            expect({ panel: panel.title, expr, named: series.length > 0 }).toEqual({
              panel: panel.title,
              expr,
              named: true,
            });
            for (const name of series) {
              expect({ panel: panel.title, metric: name, registered: exists(name) }).toEqual({
                panel: panel.title,
                metric: name,
                registered: true,
              });
            }
          }
        }
        // Every metric an operator is told about in the README has a panel.
        const queried = panels.flatMap((p) => p.targets!.map((t) => t.expr)).join('\n');
        for (const name of [
          'jiuzhu_http_request_duration_seconds',
          'jiuzhu_case_update_duration_seconds',
          'jiuzhu_activity_duration_seconds',
          'jiuzhu_activity_failures_total',
          'jiuzhu_outbox_notifications',
          'jiuzhu_outbox_oldest_pending_seconds',
          'jiuzhu_steps_overdue',
          'jiuzhu_steps_due_soon',
        ]) {
          expect(queried).toContain(name);
        }
      }
    });
  });

  it('sends the API’s and the worker’s traces to Jaeger over OTLP/HTTP', () => {
    const jaeger = compose.services.jaeger!;
    expect(jaeger.environment).toMatchObject({ COLLECTOR_OTLP_ENABLED: 'true' });
    for (const name of ['api', 'worker']) {
      const env = compose.services[name]!.environment!;
      expect(loadConfig({ ...env }).tracing).toEqual({ exporter: 'otlp' });
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318'); // Jaeger's OTLP/HTTP receiver
    }
  });

  it('passes `docker compose config` where the compose plugin is installed', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0) return; // only the plain docker client here: the structural checks above stand
    const result = spawnSync('docker', ['compose', '-f', composeFile, 'config', '--quiet'], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
