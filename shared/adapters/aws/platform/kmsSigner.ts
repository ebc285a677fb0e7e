import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { Signer } from '#ports/platform/signer.ts';

/** The product's ECC_NIST_P256 KMS key: KMS signs the digest; the private key never leaves it. */
export function makeKmsSigner(keyId: string, client = new KMSClient({})): Signer {
  let publicKey: Promise<{ keyId: string; pem: string }> | undefined;
  return {
    async sign(message) {
      // KMS takes at most 4 KB of message; a digest of any statement fits.
      const { Signature, KeyId } = await client.send(
        new SignCommand({
          KeyId: keyId,
          Message: createHash('sha256').update(message).digest(),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      if (!Signature) throw new Error('KMS returned no signature');
      return { keyId: KeyId ?? keyId, signature: Buffer.from(Signature).toString('base64') };
    },
    publicKey() {
      publicKey ??= client.send(new GetPublicKeyCommand({ KeyId: keyId })).then(({ PublicKey, KeyId }) => {
        if (!PublicKey) throw new Error('KMS returned no public key');
        const base64 = Buffer.from(PublicKey).toString('base64');
        const lines = base64.match(/.{1,64}/g)?.join('\n') ?? base64;
        return {
          keyId: KeyId ?? keyId,
          pem: `-----BEGIN PUBLIC KEY-----\n${lines}\n-----END PUBLIC KEY-----\n`,
        };
      });
      return publicKey;
    },
  };
}
