import { signToken, verifyToken } from '../src/auth/jwt';

const secret = 'k'.repeat(40);
const caseworker = { id: 'cw-1', name: '李敏', role: 'CASEWORKER' as const, town: '会城街道' };

describe('staff bearer tokens', () => {
  it('round-trips the actor', () => {
    expect(verifyToken(signToken(caseworker, secret), secret)).toEqual(caseworker);
  });

  it('rejects a token signed with another secret, a tampered one and an expired one', () => {
    const token = signToken(caseworker, secret);
    expect(() => verifyToken(token, 'x'.repeat(40))).toThrow('bad signature');
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'DISTRICT_LEADER' }),
    ).toString('base64url');
    expect(() => verifyToken(`${h}.${forged}.${s}`, secret)).toThrow('bad signature');
    const old = signToken(caseworker, secret, 60, Date.now() - 3_600_000);
    expect(() => verifyToken(old, secret)).toThrow('token expired');
  });

  it('requires a town for caseworkers and a known role', () => {
    expect(() => verifyToken(signToken({ ...caseworker, town: undefined }, secret), secret)).toThrow(
      'must name the town',
    );
    expect(() => verifyToken(signToken({ ...caseworker, role: 'ROOT' as never }, secret), secret)).toThrow(
      'no known role',
    );
  });
});
