/** Where the cursor-signing key comes from: Secrets Manager in AWS, the data folder locally. */
export interface CursorKeySource {
  key(): Promise<Buffer>;
}
