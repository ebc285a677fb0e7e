import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from './canonicalJson.ts';

/**
 * A signature is a server-side attestation: who confirmed what, when. The statement is the exact
 * content the signer saw and confirmed, in canonical JSON; its SHA-256 is signed by the product's
 * signing key, so a report can be checked offline with the published public key.
 */
export interface Signature {
  signer: string;
  at: string;
  /** What was confirmed, e.g. `customers.accepted`. */
  action: string;
  statement: Record<string, unknown>;
  statementSha256: string;
  keyId: string;
  algorithm: 'ECDSA_SHA_256';
  /** DER, base64. */
  signature: string;
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
