import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import * as z from '#kernel/zod.ts';

/**
 * A small resource that exists only in the tests: it exercises the HTTP conventions every API area
 * uses (idempotent creation, cursor pagination, ETag / If-Match) through the real middy stack.
 */
export const Note = z.object({ id: z.string(), title: z.string(), text: z.string(), version: z.number() });
const Title = z.string().check(z.minLength(1), z.maxLength(200));
const Text = z.string().check(z.maxLength(2000));
const NoteInput = z.strictObject({ title: Title, text: z._default(Text, '') });
const NoteChange = z.strictObject({ title: z.optional(Title), text: z.optional(Text) });
const ById = z.object({ id: z.string().check(z.regex(/^N[0-9a-f]{16}$/)) });

export const createNote = defineRoute({
  method: 'POST',
  path: '/test/notes',
  operationId: 'createNote',
  summary: 'Create a note',
  tag: 'test',
  auth: 'jwt',
  idempotent: true,
  body: NoteInput,
  responses: { 201: { description: 'Created', body: Note, headers: ['ETag', 'Location'] } },
});

export const listNotes = defineRoute({
  method: 'GET',
  path: '/test/notes',
  operationId: 'listNotes',
  summary: "The caller's notes, oldest first",
  tag: 'test',
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(Note) } },
});

export const getNote = defineRoute({
  method: 'GET',
  path: '/test/notes/{id}',
  operationId: 'getNote',
  summary: 'One note',
  tag: 'test',
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The note', body: Note, headers: ['ETag'] } },
});

export const updateNote = defineRoute({
  method: 'PATCH',
  path: '/test/notes/{id}',
  operationId: 'updateNote',
  summary: 'Change a note',
  tag: 'test',
  auth: 'jwt',
  params: ById,
  body: NoteChange,
  requiresIfMatch: true,
  responses: { 200: { description: 'Changed', body: Note, headers: ['ETag'] } },
});

export const conventionRoutes = [createNote, listNotes, getNote, updateNote] as const;
