import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { STAFF_ROLE_NAMES, loadConfig } from '../../../libs/config/src';
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
        'keycloak',
        'migrate',
        'postgres',
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
