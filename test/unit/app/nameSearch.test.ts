import { describe, expect, it } from 'vitest';
import { nameStartsWith } from '#app/people/listEmployees.ts';

describe('searching by name', () => {
  it('matches the name or any word of it from its start, in any case and width', () => {
    expect(nameStartsWith('王芳', '王')).toBe(true);
    expect(nameStartsWith('王芳 Wang Fang', 'wang')).toBe(true);
    expect(nameStartsWith('王芳 Wang Fang', 'FA')).toBe(true);
    expect(nameStartsWith('王芳 Wang Fang', 'ＷＡＮＧ')).toBe(true);
    expect(nameStartsWith('王芳 Wang Fang', 'ang')).toBe(false);
    expect(nameStartsWith('李雷', '王')).toBe(false);
  });
});
