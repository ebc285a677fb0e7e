import { describe, expect, it } from 'vitest';
import { ChainVerifier, genesisHash, hashOf, nextEntries } from '#domain/evidence/evidence.ts';

const at = new Date('2026-11-02T01:00:00Z');
const revoke = (subject: string) => ({
  actor: 'system',
  action: 'permission.revoked',
  subject,
  details: { permission: 'customer:export' },
});

describe('evidence chain', () => {
  it('links each entry to the one before, starting from the genesis hash', () => {
    const [first, second] = nextEntries(undefined, [revoke('employee:E1'), revoke('employee:E2')], at);
    expect(first).toMatchObject({ seq: 1, prevHash: genesisHash });
    expect(second).toMatchObject({ seq: 2, prevHash: first?.hash });
    const [third] = nextEntries(second, [revoke('employee:E3')], at);
    expect(third).toMatchObject({ seq: 3, prevHash: second?.hash });
  });

  it('hashes the canonical form: the same entry written in another field order hashes the same', () => {
    const [entry] = nextEntries(undefined, [revoke('employee:E1')], at);
    if (!entry) throw new Error('no entry');
    const { hash, ...unsigned } = entry;
    const reordered = Object.fromEntries(Object.entries(unsigned).reverse()) as typeof unsigned;
    expect(hashOf(reordered)).toBe(hash);
  });

  it('refuses drafts that do not say who did what to what', () => {
    expect(() =>
      nextEntries(undefined, [{ actor: '', action: 'x', subject: 'y', details: {} }], at),
    ).toThrow();
  });

  it('names the first broken link: a changed entry, a removed one, a relinked one', () => {
    const entries = nextEntries(
      undefined,
      [1, 2, 3, 4].map((n) => revoke(`employee:E${n}`)),
      at,
    );
    const verify = (list: typeof entries) => {
      const verifier = new ChainVerifier();
      verifier.feed(list);
      return verifier.result();
    };
    expect(verify(entries)).toEqual({ intact: true, entries: 4, headHash: entries[3]?.hash });

    const changed = entries.map((e) =>
      e.seq === 3 ? { ...e, details: { permission: 'settings:manage' } } : e,
    );
    expect(verify(changed)).toMatchObject({ intact: false, brokenAt: 3, problem: 'hash' });

    expect(verify(entries.filter((e) => e.seq !== 2))).toMatchObject({
      intact: false,
      brokenAt: 2,
      problem: 'missing',
    });

    // Rewriting an entry and its own hash still breaks the next link.
    const forged = entries.map((e) => {
      if (e.seq !== 2) return e;
      const { hash: _, ...unsigned } = { ...e, actor: 'E9' };
      return { ...unsigned, hash: hashOf(unsigned) };
    });
    expect(verify(forged)).toMatchObject({ intact: false, brokenAt: 3, problem: 'link' });
  });
});
