/**
 * API Gateway path templates: `{name}` matches one segment, `{name+}` the rest of the path.
 * Used by the catch-all route (404 or 405) and by the local server to route like API Gateway.
 */
export interface CompiledPath {
  template: string;
  match(path: string): Record<string, string> | undefined;
}

export function compilePath(template: string): CompiledPath {
  const names: string[] = [];
  const pattern = template
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
      if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  const regex = new RegExp(`^${pattern}$`);
  return {
    template,
    match(path) {
      const found = regex.exec(path);
      if (!found) return undefined;
      return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
    },
  };
}
