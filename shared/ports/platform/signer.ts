/**
 * Signs attestations with an asymmetric key whose private half never leaves its keeper (KMS in AWS,
 * a key file in the data folder locally). ECDSA on P-256 with SHA-256; signatures are DER, base64.
 */
export interface Signer {
  /** Signs a message (ECDSA over its SHA-256): `verify('sha256', message, publicKey, signature)` holds. */
  sign(message: Buffer): Promise<{ keyId: string; signature: string }>;
  /** The public key, PEM (SPKI), for anyone to verify with. */
  publicKey(): Promise<{ keyId: string; pem: string }>;
}
