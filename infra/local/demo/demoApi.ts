/**
 * How the demo loaders call the API as a person would: `call(who, method, path, body, ifMatch)`, the
 * answer's JSON, and an error naming the request when it is refused.
 */
export function demoApi(url: string, token: (employeeId: string) => Promise<string>) {
  return async (who: string, method: string, path: string, body?: unknown, ifMatch?: string) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(who)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
}
