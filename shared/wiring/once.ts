/**
 * A part of the wiring made on first use, then kept for the life of the function (one per cold start).
 * Wiring modules export `/* @__PURE__ *\/ once(…)`, so a bundle keeps only the parts its function uses.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
