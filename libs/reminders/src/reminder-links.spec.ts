import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  linkSecretFrom,
  linkStanding,
  signLink,
  statusLinkStanding,
  verifyLink,
  type LinkClaims,
  type StatusLinkClaims,
} from './reminder-links';

const secret = 'a-secret-of-enough-length';
const claims: LinkClaims = {
  action: 'done',
  commitmentId: 'c1',
  personId: 'p1',
  meetingId: 'm1',
  offset: 'P7D',
  version: 1,
  issuedAt: Date.parse('2025-03-13T09:00:00Z'),
  expiresAt: Date.parse('2025-04-01T00:00:00Z'),
};
const now = new Date('2025-03-20T10:00:00Z');
const status: StatusLinkClaims = {
  action: 'status',
  workingGroupId: 'wg1',
  personId: 'p1',
  meetingId: 'm1',
  offset: 'P7D',
  version: 1,
  issuedAt: Date.parse('2025-03-13T09:00:00Z'),
  expiresAt: Date.parse('2025-04-01T00:00:00Z'),
};

/** A token for any payload, signed with the secret as `signLink` signs: what only the secret's holder can make. */
const signed = (payload: Record<string, unknown>, key = secret) => {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
};
const fields = { p: 'p1', m: 'm1', o: 'P7D', v: 1, i: claims.issuedAt, x: claims.expiresAt };

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
    expect(verifyLink(signLink(claims, secret), secret, new Date('2025-04-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyLink(signLink(status, secret), secret, new Date('2025-04-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  describe("a working group's status link", () => {
    it('verifies what it signed: the working group, and no commitment', () => {
      const verified = verifyLink(signLink(status, secret), secret, now);
      expect(verified).toEqual({ ok: true, claims: status });
      expect(verified.ok && 'commitmentId' in verified.claims).toBe(false);
    });

    it('leaves the item links as they were: a token sent before status links existed verifies as it did', () => {
      // The payload of a "done" link as e-mails have carried it, key for key.
      const old = signed({ a: 'done', c: 'c1', ...fields });
      expect(verifyLink(old, secret, now)).toEqual({ ok: true, claims });
      expect(signLink(claims, secret)).toBe(old);
      const progress = signed({ a: 'progress', c: 'c1', ...fields });
      expect(verifyLink(progress, secret, now)).toEqual({
        ok: true,
        claims: { ...claims, action: 'progress' },
      });
      // …and a status link is not read as one of them.
      expect(verifyLink(signLink(status, secret), secret, now)).toMatchObject({
        claims: { action: 'status' },
      });
    });

    it('refuses a changed working group, another secret, and a payload that mixes the two kinds', () => {
      const token = signLink(status, secret);
      const [, signature] = token.split('.');
      const other = signLink({ ...status, workingGroupId: 'wg2' }, secret).split('.')[0];
      expect(verifyLink(`${other}.${signature}`, secret, now)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
      const swapped = signLink({ ...status, personId: 'p2' }, secret).split('.')[0];
      expect(verifyLink(`${swapped}.${signature}`, secret, now)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
      expect(verifyLink(token, 'another-secret-entirely', now)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
      // Even signed with the secret, a payload is one kind or the other, never both and never neither.
      for (const payload of [
        { a: 'status', c: 'c1', ...fields },
        { a: 'status', w: 'wg1', c: 'c1', ...fields },
        { a: 'done', c: 'c1', w: 'wg1', ...fields },
        { a: 'progress', w: 'wg1', ...fields },
        { a: 'status', w: 7, ...fields },
        { a: 'status', ...fields },
        { a: 'dissolve', w: 'wg1', ...fields },
      ])
        expect([payload, verifyLink(signed(payload), secret, now)]).toEqual([
          payload,
          { ok: false, reason: 'malformed' },
        ]);
      expect(verifyLink(signed([1, 2] as never), secret, now)).toEqual({ ok: false, reason: 'malformed' });
    });
  });

  describe('the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'link-key-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is the configured secret, whatever the admin token', () => {
      const config = {
        TILNESTE_LINK_SECRET: 'x'.repeat(32),
        SQLITE_PATH: join(dir, 'a.db'),
        NODE_ENV: 'production',
      };
      expect(linkSecretFrom({ ...config, TILNESTE_ADMIN_TOKEN: 'one' } as never)).toBe('x'.repeat(32));
      expect(linkSecretFrom({ ...config, TILNESTE_ADMIN_TOKEN: 'two' } as never)).toBe('x'.repeat(32));
    });

    it('is required in production', () => {
      expect(() => linkSecretFrom({ SQLITE_PATH: join(dir, 'p.db'), NODE_ENV: 'production' })).toThrow(
        /TILNESTE_LINK_SECRET/,
      );
    });

    it('in development is random, kept owner-only beside the store, and the same on the next start', () => {
      const config = { SQLITE_PATH: join(dir, 'dev.db'), NODE_ENV: 'development' };
      const first = linkSecretFrom(config);
      expect(first).toHaveLength(43);
      expect(linkSecretFrom(config)).toBe(first);
      expect(statSync(join(dir, 'dev.link.key')).mode & 0o777).toBe(0o600);
      expect(linkSecretFrom({ ...config, SQLITE_PATH: join(dir, 'other.db') })).not.toBe(first);
    });
  });
});

describe('whether a link may still act', () => {
  const ms = (offset: string) => ({ P7D: 7, P1D: 1, PT2H: 0.1 })[offset as 'P7D']! * 86_400_000;
  const live = {
    meetingStatus: 'scheduled' as const,
    sent: [{ offset: 'P7D', version: 1 }],
    movedAt: [],
    usedByThisLink: false,
  };
  const progress: LinkClaims = { ...claims, action: 'progress' };

  it('acts while nothing has changed since its own reminder', () => {
    expect(linkStanding(claims, live, ms)).toBe('live');
  });

  it('stops once a later reminder for the meeting reached the person, or the meeting moved and was reminded again', () => {
    expect(linkStanding(claims, { ...live, sent: [...live.sent, { offset: 'P1D', version: 1 }] }, ms)).toBe(
      'superseded',
    );
    expect(linkStanding(claims, { ...live, sent: [...live.sent, { offset: 'P7D', version: 2 }] }, ms)).toBe(
      'superseded',
    );
    expect(linkStanding({ ...claims, offset: 'P1D' }, live, ms)).toBe('live');
  });

  it('stops once the meeting is held or cancelled', () => {
    expect(linkStanding(claims, { ...live, meetingStatus: 'held' }, ms)).toBe('superseded');
    expect(linkStanding(claims, { ...live, meetingStatus: 'cancelled' }, ms)).toBe('superseded');
  });

  it('stops once the item moved after the e-mail, even if it moved back; earlier moves do not count', () => {
    expect(
      linkStanding(claims, { ...live, movedAt: [claims.issuedAt + 1000, claims.issuedAt + 2000] }, ms),
    ).toBe('superseded');
    expect(linkStanding(claims, { ...live, movedAt: [claims.issuedAt - 1000] }, ms)).toBe('live');
  });

  it('lets a progress link act once', () => {
    expect(linkStanding(progress, { ...live, usedByThisLink: true }, ms)).toBe('used');
    expect(linkStanding(progress, live, ms)).toBe('live');
  });
});

describe('whether a status link may still report', () => {
  const led = { dissolved: false, leadPersonId: 'p1' };

  it('reports while its person leads the working group, as often as they like: it is never used up', () => {
    expect(statusLinkStanding(status, led)).toBe('live');
    expect(statusLinkStanding(status, led)).toBe('live');
  });

  it('stops once someone else leads it, or nobody does', () => {
    expect(statusLinkStanding(status, { ...led, leadPersonId: 'p2' })).toBe('lead-changed');
    expect(statusLinkStanding(status, { ...led, leadPersonId: null })).toBe('lead-changed');
  });

  it('stops once it is dissolved, and names no working group that was never formed', () => {
    expect(statusLinkStanding(status, { ...led, dissolved: true })).toBe('dissolved');
    expect(statusLinkStanding(status, undefined)).toBe('not-found');
  });
});
