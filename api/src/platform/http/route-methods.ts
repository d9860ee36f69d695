/**
 * The methods each registered path answers, so a request with another method on a known path is
 * told 405 with `Allow` instead of a 404 that suggests the path does not exist. Paths are matched
 * by shape only (a parameter matches any one segment): the answer never depends on whether the
 * named record or workspace exists, so it reveals nothing a 404 would hide.
 */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  /** Records a route as Fastify adds it; wildcard routes (static files, CORS preflight) match too much and are left out. */
  add(method: string | string[], url: string): void {
    if (url.includes('*')) return;
    const source = url
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.+?^${}()|[\]\\]/gu, '\\$&')))
      .join('/');
    const pattern = new RegExp(`^${source}$`, 'u');
    for (const one of Array.isArray(method) ? method : [method]) this.routes.push({ pattern, method: one });
  }

  /** The methods the path answers (HEAD wherever GET is), or none for a path that names nothing. */
  allowedFor(url: string): string[] {
    const path = url.split('?')[0] ?? url;
    const methods = new Set(this.routes.filter((route) => route.pattern.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}
