import { describe, expect, it } from 'vitest';
import { canonicalJson } from '#kernel/canonicalJson.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined });
    expect(a).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever order the fields were written in', () => {
    expect(canonicalJson({ action: 'revoke', actor: '王芳' })).toBe(
      canonicalJson({ actor: '王芳', action: 'revoke' }),
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});
