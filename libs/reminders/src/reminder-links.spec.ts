import { signLink, verifyLink, type LinkClaims } from './reminder-links';

const secret = 'a-secret-of-enough-length';
const claims: LinkClaims = { action: 'done', commitmentId: 'c1', personId: 'p1', meetingId: 'm1', expiresAt: Date.parse('2025-04-01T00:00:00Z') };
const now = new Date('2025-03-20T10:00:00Z');

describe('e-mail links', () => {
  it('verifies what it signed', () => {
    expect(verifyLink(signLink(claims, secret), secret, now)).toEqual({ ok: true, claims });
  });

  it('refuses a changed payload, a changed signature and another secret', () => {
    const token = signLink(claims, secret);
    const [payload, signature] = token.split('.');
    const other = signLink({ ...claims, commitmentId: 'c2' }, secret).split('.')[0];
    expect(verifyLink(`${other}.${signature}`, secret, now)).toEqual({ ok: false, reason: 'bad-signature' });
    const flipped = `${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(verifyLink(flipped, secret, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(token, 'another-secret-entirely', now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLink('garbage', secret, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses an expired link', () => {
    expect(verifyLink(signLink(claims, secret), secret, new Date('2025-04-01T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });
});
