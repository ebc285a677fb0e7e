/**
 * A port whose adapter module loads on the first call. Every port method is async, so a call can wait
 * for the import: a function that seldom signs, mails or starts a workflow does not pay for those SDK
 * clients at cold start (esbuild keeps a dynamic import in the bundle but runs it only when called).
 */
export function lazyPort<T extends object>(load: () => Promise<T>): T {
  let loaded: Promise<T> | undefined;
  return new Proxy({} as T, {
    get(_target, method) {
      return (...args: unknown[]) => {
        loaded ??= load();
        return loaded.then((port) => (port[method as keyof T] as (...a: unknown[]) => unknown)(...args));
      };
    },
  });
}
