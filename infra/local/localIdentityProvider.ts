import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Clock } from '#kernel/clock.ts';

/**
 * Stands in for Cognito locally: signs access tokens shaped like Cognito's (the employee id is the
 * user name) with an ES256 key kept in the data folder, and verifies them the way API Gateway's JWT
 * authorizer does (signature, issuer, client id, expiry — against the injected clock).
 */
export const localIssuer = 'https://cognito-idp.local.amazonaws.com/local-hr-pool';
export const localClientId = 'local-hr-client';
/** How far a token's times may be ahead of the clock (API Gateway allows a little skew too). */
const leewaySeconds = 5;

export interface LocalTokenRequest {
  employeeId: string;
  groups: readonly string[];
  ttlSeconds?: number;
}

export class LocalIdentityProvider {
  private readonly privateKey: CryptoKey;
  private readonly publicKey: CryptoKey;
  private readonly keyId: string;
  private readonly clock: Clock;

  private constructor(keys: { privateKey: CryptoKey; publicKey: CryptoKey; keyId: string }, clock: Clock) {
    this.privateKey = keys.privateKey;
    this.publicKey = keys.publicKey;
    this.keyId = keys.keyId;
    this.clock = clock;
  }

  /** With a data folder the key survives restarts (tokens stay valid); without one it is ephemeral. */
  static async open(options: { dataDir?: string; clock: Clock }): Promise<LocalIdentityProvider> {
    const keyFile = options.dataDir ? join(options.dataDir, 'jwt-signing-key.json') : undefined;
    let jwk: JWK;
    if (keyFile && existsSync(keyFile)) {
      jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256' };
      if (keyFile) {
        mkdirSync(dirname(keyFile), { recursive: true });
        writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
      }
    }
    const { d: _, ...publicJwk } = jwk;
    const keys = {
      privateKey: (await importJWK(jwk, 'ES256')) as CryptoKey,
      publicKey: (await importJWK(publicJwk, 'ES256')) as CryptoKey,
      keyId: jwk.kid ?? 'local',
    };
    return new LocalIdentityProvider(keys, options.clock);
  }

  async issue(request: LocalTokenRequest): Promise<string> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({
      username: request.employeeId,
      'cognito:groups': [...request.groups],
      client_id: localClientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: issuedAt,
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.keyId })
      .setIssuer(localIssuer)
      .setSubject(randomUUID())
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + (request.ttlSeconds ?? 3600))
      .sign(this.privateKey);
  }

  /**
   * Signs claims exactly as given, with the local key and (unless told otherwise) its key id: tokens
   * Cognito would never issue, to show that the authorizer refuses them.
   */
  async signClaims(claims: JWTPayload, header: { kid?: string } = {}): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: header.kid ?? this.keyId })
      .sign(this.privateKey);
  }

  /**
   * Throws on anything API Gateway's JWT authorizer would refuse of a Cognito access token: a key id it
   * does not know, another issuer or algorithm, no `exp` or an `exp` past, `nbf`/`iat` in the future
   * (beyond a small leeway), a token that is not an access token, another client.
   */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        if (header.kid !== this.keyId) throw new Error('token signed by an unknown key');
        return this.publicKey;
      },
      {
        issuer: localIssuer,
        algorithms: ['ES256'],
        currentDate: this.clock.now(),
        clockTolerance: leewaySeconds,
        requiredClaims: ['exp', 'iat', 'token_use'],
      },
    );
    const now = Math.floor(this.clock.now().getTime() / 1000);
    if ((payload.iat ?? 0) > now + leewaySeconds) throw new Error('token issued in the future');
    if (payload.token_use !== 'access') throw new Error('not an access token');
    const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? payload.client_id];
    if (!audience.includes(localClientId)) throw new Error('token is for another client');
    return payload;
  }
}
