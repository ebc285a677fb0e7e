import { describe, expect, it } from 'vitest';
import { etagOf, expectedVersionFrom } from '#http/etag.ts';
import { compilePath } from '#http/pathTemplate.ts';
import { requireVersion, StaleVersionError, VersionRequiredError } from '#kernel/errors.ts';

describe('ETag and If-Match', () => {
  it('round-trips a version, weak or strong', () => {
    expect(expectedVersionFrom(etagOf(7))).toBe(7);
    expect(expectedVersionFrom(`W/${etagOf(12)}`)).toBe(12);
  });

  it('answers 428 without If-Match and 412 for anything that is not our ETag, once the use case checks', () => {
    const check = (ifMatch: string | undefined) => () => requireVersion(7, expectedVersionFrom(ifMatch));
    expect(check(undefined)).toThrow(VersionRequiredError);
    expect(check('')).toThrow(VersionRequiredError);
    expect(check('*')).toThrow(StaleVersionError);
    expect(check('"abc"')).toThrow(StaleVersionError);
    expect(check('"v6"')).toThrow(StaleVersionError);
    expect(check('"v7"')).not.toThrow();
  });
});

describe('path templates', () => {
  it('matches one segment per parameter and decodes it', () => {
    const path = compilePath('/v1/employees/{id}/permissions/{permission}/grant');
    expect(path.match('/v1/employees/e%201/permissions/customer:export/grant')).toEqual({
      id: 'e 1',
      permission: 'customer:export',
    });
    expect(path.match('/v1/employees/e1/permissions/grant')).toBeUndefined();
  });

  it('matches the rest of the path with a greedy parameter', () => {
    expect(compilePath('/files/{key+}').match('/files/a/b/c.txt')).toEqual({ key: 'a/b/c.txt' });
  });
});
