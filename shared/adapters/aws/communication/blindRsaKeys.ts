import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  verify,
} from 'node:crypto';
import type { FeedbackKeys, FeedbackKeyVault } from '#ports/communication/feedbackKeys.ts';

/** A blinded message the key cannot sign: not of the modulus' length, or not below it. */
export class UnsignableMessageError extends Error {
  constructor() {
    super('A blinded message does not fit the key');
    this.name = 'UnsignableMessageError';
  }
}

/**
 * RFC 9474's server side with Node's own RSA: BlindSign is RSASP1 (the private operation without
 * padding, which OpenSSL blinds against timing) checked by RSAVP1 before it leaves; verification is
 * plain RSA-PSS with SHA-384, MGF1 and a 48-byte salt. Keys are 2048-bit, one per month, made once.
 */
export function blindRsaKeys(vault: FeedbackKeyVault): FeedbackKeys {
  const keys = new Map<string, Promise<{ privateKey: KeyObject; publicKey: KeyObject }>>();
  const load = (epoch: string) => {
    let key = keys.get(epoch);
    if (!key) {
      key = (async () => {
        let pem = await vault.read(epoch);
        if (!pem) {
          const made = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
          const created = await vault.create(
            epoch,
            made.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          );
          // Another function made the month's key first: that one counts.
          pem = created
            ? made.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
            : await vault.read(epoch);
          if (!pem) throw new Error(`The feedback key of ${epoch} could not be read back`);
        }
        const privateKey = createPrivateKey(pem);
        return { privateKey, publicKey: createPublicKey(privateKey) };
      })();
      key.catch(() => keys.delete(epoch));
      keys.set(epoch, key);
    }
    return key;
  };
  return {
    async publicKey(epoch) {
      const { publicKey } = await load(epoch);
      return new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    },
    async blindSign(epoch, blinded) {
      const { privateKey, publicKey } = await load(epoch);
      const length = (privateKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
      return blinded.map((message) => {
        if (message.length !== length) throw new UnsignableMessageError();
        let signature: Buffer;
        try {
          signature = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, message);
        } catch {
          throw new UnsignableMessageError();
        }
        // RFC 9474 §4.3: a signature that does not verify is never released (a fault would leak the key).
        const back = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
        if (!back.equals(Buffer.from(message))) throw new Error('A blind signature failed its own check');
        return new Uint8Array(signature);
      });
    },
    async verify(epoch, message, signature) {
      const { publicKey } = await load(epoch);
      return verify(
        'sha384',
        message,
        { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
        signature,
      );
    },
  };
}
