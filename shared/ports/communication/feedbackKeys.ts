/**
 * The month's RSA keys of anonymous feedback (RFC 9474, RSABSSA-SHA384-PSS-Randomized): the server
 * signs blinded messages it cannot read, and later checks a finished signature on a message it has
 * never seen signed. A key is made on first use of its month and kept (AWS: Secrets Manager).
 */
export interface FeedbackKeys {
  /** The month's public key, DER SubjectPublicKeyInfo, for clients to blind with. */
  publicKey(epoch: string): Promise<Uint8Array>;
  /** RSABSSA BlindSign of each blinded message (each exactly the modulus' length). */
  blindSign(epoch: string, blinded: readonly Uint8Array[]): Promise<Uint8Array[]>;
  /** Whether `signature` is the month's RSA-PSS (SHA-384, salt 48) signature of `message`. */
  verify(epoch: string, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** Where the months' private keys are kept: read one, or keep a new one (false when one exists). */
export interface FeedbackKeyVault {
  read(epoch: string): Promise<string | undefined>;
  create(epoch: string, privateKeyPem: string): Promise<boolean>;
}
