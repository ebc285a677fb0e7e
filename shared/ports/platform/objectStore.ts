/** Files in the product's buckets (S3; locally the S3 emulator). */
export interface ObjectStore {
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes; undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** The object's size in bytes, without reading it; undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** A link that lets whoever holds it download the object, for a short while. */
  downloadUrl(key: string, expiresInSeconds: number): Promise<string>;
  /** A link that lets whoever holds it upload the object (PUT, that content type), for a short while. */
  uploadUrl(key: string, contentType: string, expiresInSeconds: number): Promise<string>;
}
