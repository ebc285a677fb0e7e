import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from './canonicalJson.ts';
import { Timestamp } from './ids.ts';
import { MapKey, Sha256Hex, upTo } from './text.ts';
import * as z from './zod.ts';

/**
 * A signature is a server-side attestation: who confirmed what, when. The statement is the exact
 * content the signer saw and confirmed, in canonical JSON; its SHA-256 is signed by the product's
 * signing key, so a report can be checked offline with the published public key.
 */
const signatureFields = z.object({
  signer: upTo(20),
  at: Timestamp,
  /** What was confirmed, e.g. `customers.accepted`. */
  action: upTo(100),
  statement: z.record(MapKey, z.unknown()),
  statementSha256: Sha256Hex,
  keyId: upTo(2048),
  algorithm: z.literal('ECDSA_SHA_256'),
  /** DER, base64. */
  signature: upTo(200),
});
export const Signature = signatureFields.check(z.meta({ id: 'Signature' }));
export type Signature = z.infer<typeof Signature>;

/**
 * A signature as the signed records carry it: everything but the statement, which is stored once
 * under its SHA-256 however many records it covers (one acceptance of 500 customers is one statement).
 */
export const SignatureRef = z
  .omit(signatureFields, { statement: true })
  .check(z.meta({ id: 'SignatureRef' }));
export type SignatureRef = z.infer<typeof SignatureRef>;

/** A signature's reference and its statement apart. */
export function splitSignature({ statement, ...ref }: Signature): {
  ref: SignatureRef;
  statement: Record<string, unknown>;
} {
  return { ref, statement };
}

/** The bytes a statement is signed as. */
export const statementBytes = (statement: Record<string, unknown>): Buffer =>
  Buffer.from(canonicalJson(statement));
export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Whether a signature belongs to its statement and was made by the key. */
export function verifySignature(signature: Signature, publicKeyPem: string): boolean {
  const bytes = statementBytes(signature.statement);
  if (sha256Hex(bytes) !== signature.statementSha256) return false;
  return verify('sha256', bytes, createPublicKey(publicKeyPem), Buffer.from(signature.signature, 'base64'));
}
