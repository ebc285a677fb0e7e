import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { makeKmsSigner } from '#adapters/aws/platform/kmsSigner.ts';
import { fileSigner } from '#adapters/local/fileSigner.ts';
import { type Signature, sha256Hex, statementBytes, verifySignature } from '#kernel/signature.ts';

async function signed(statement: Record<string, unknown>) {
  const signer = fileSigner();
  const bytes = statementBytes(statement);
  const { keyId, signature } = await signer.sign(bytes);
  const result: Signature = {
    signer: 'E1003',
    at: '2026-11-10T02:00:00.000Z',
    action: 'customers.accepted',
    statement,
    statementSha256: sha256Hex(bytes),
    keyId,
    algorithm: 'ECDSA_SHA_256',
    signature,
  };
  return { result, publicKey: (await signer.publicKey()).pem };
}

describe('signatures', () => {
  it('verify with the public key, whatever order the statement was written in', async () => {
    const { result, publicKey } = await signed({ items: [{ id: 'C00001', name: '华东贸易' }], caseId: 'R1' });
    expect(verifySignature(result, publicKey)).toBe(true);
    const reordered = { ...result, statement: { caseId: 'R1', items: [{ name: '华东贸易', id: 'C00001' }] } };
    expect(verifySignature(reordered, publicKey)).toBe(true);
  });

  it('fail when the statement, the signature or the key differ', async () => {
    const { result, publicKey } = await signed({ caseId: 'R1', items: ['C00001'] });
    expect(verifySignature({ ...result, statement: { caseId: 'R1', items: ['C00002'] } }, publicKey)).toBe(
      false,
    );
    const flipped = Buffer.from(result.signature, 'base64');
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(verifySignature({ ...result, signature: flipped.toString('base64') }, publicKey)).toBe(false);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(verifySignature(result, other.toString())).toBe(false);
  });
});

describe('the KMS signer', () => {
  const kms = mockClient(KMSClient);

  it('asks KMS to sign the SHA-256 digest (any statement fits), with ECDSA_SHA_256', async () => {
    kms.reset();
    kms.on(SignCommand).resolves({ Signature: Buffer.from('sig'), KeyId: 'arn:aws:kms:cn-north-1:1:key/k' });
    const message = Buffer.from('x'.repeat(10_000));
    const result = await makeKmsSigner('arn:aws:kms:cn-north-1:1:key/k', new KMSClient({})).sign(message);
    expect(result).toEqual({
      keyId: 'arn:aws:kms:cn-north-1:1:key/k',
      signature: Buffer.from('sig').toString('base64'),
    });
    const input = kms.commandCalls(SignCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      KeyId: 'arn:aws:kms:cn-north-1:1:key/k',
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(Buffer.from(input?.Message as Uint8Array).toString('hex')).toBe(
      createHash('sha256').update(message).digest('hex'),
    );
  });

  it('publishes the public key KMS gives as DER, as a PEM that verifies', async () => {
    kms.reset();
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    kms
      .on(GetPublicKeyCommand)
      .resolves({ PublicKey: publicKey.export({ type: 'spki', format: 'der' }), KeyId: 'k' });
    const signer = makeKmsSigner('k', new KMSClient({}));
    const { pem } = await signer.publicKey();
    expect(pem).toBe(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await signer.publicKey();
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
    const { sign } = await import('node:crypto');
    const sig = sign('sha256', Buffer.from('m'), privateKey);
    expect(verify('sha256', Buffer.from('m'), createPublicKey(pem), sig)).toBe(true);
  });
});
