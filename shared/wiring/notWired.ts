/**
 * A port this function's wiring leaves out, because none of its steps calls it: its SDK client then
 * costs the function nothing at cold start. Calling it is a bug in the wiring, and says so.
 */
export function notWired<T extends object>(port: string): T {
  return new Proxy({} as T, {
    // `then` stays undefined so that the port is not mistaken for a promise.
    get: (_target, method) =>
      method === 'then'
        ? undefined
        : () => Promise.reject(new Error(`${port}.${String(method)} is not wired for this function`)),
  });
}
