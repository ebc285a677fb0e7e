import { afterAll, expect } from 'vitest';
import { contractBreaches } from '#http/contract.ts';

// Every refusal a route sent in this file is one its OpenAPI operation lists (status and code):
// the document cannot drift from what the routes answer.
afterAll(() => {
  expect(contractBreaches(), 'problems the routes answered that their contract does not list').toEqual([]);
});
