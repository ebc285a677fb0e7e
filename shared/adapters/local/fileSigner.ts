import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Signer } from '#ports/platform/signer.ts';

/**
 * The local stand-in for the KMS signing key: a P-256 key in the data folder (signatures made before a
 * restart still verify), or per process without one (tests).
 */
export function fileSigner(dataDir?: string): Signer {
  let privateKey: KeyObject;
  if (!dataDir) privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  else {
    const file = join(dataDir, 'signing-key.pem');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      const { privateKey: created } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      writeFileSync(file, created.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  }
  const pem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const keyId = `local-${createHash('sha256').update(pem).digest('hex').slice(0, 16)}`;
  return {
    async sign(message) {
      const signature = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
      return { keyId, signature: signature.toString('base64') };
    },
    async publicKey() {
      return { keyId, pem };
    },
  };
}
