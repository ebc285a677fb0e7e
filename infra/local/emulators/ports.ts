import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(port: number, what: string, envName: string) {
    super(`Port ${port} is already in use (wanted for ${what}). Stop what uses it, or set ${envName}.`);
    this.name = 'PortInUseError';
  }
}

/** Resolves to a port that is free now: the given one (or throws), or any free one for 0. */
export function claimPort(port: number, what: string, envName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () => reject(new PortInUseError(port, what, envName)));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const claimed = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(claimed));
    });
  });
}
