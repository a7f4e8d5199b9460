import type { Route } from '#shared/http/route';

export type RouteMatch =
  | { kind: 'route'; route: Route; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

interface CompiledRoute {
  route: Route;
  segments: string[];
  /** Literal segments outrank parameters, as in API Gateway's resource matching. */
  specificity: number;
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

/** Matches request paths against the route table's resource paths. */
export function routeMatcher(routes: readonly Route[]): (method: string, path: string) => RouteMatch {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const segments = split(route.path);
    return { route, segments, specificity: segments.filter((segment) => !isParameter(segment)).length };
  });

  return (method, path) => {
    let requestSegments: string[];
    try {
      requestSegments = split(path).map((segment) => decodeURIComponent(segment));
    } catch {
      return { kind: 'not-found' };
    }
    const candidates: { entry: CompiledRoute; pathParameters: Record<string, string> }[] = [];
    for (const entry of compiled) {
      if (entry.segments.length !== requestSegments.length) continue;
      const pathParameters: Record<string, string> = {};
      const matches = entry.segments.every((segment, index) => {
        const actual = requestSegments[index] ?? '';
        if (isParameter(segment)) {
          pathParameters[segment.slice(1, -1)] = actual;
          return actual.length > 0;
        }
        return segment === actual;
      });
      if (matches) candidates.push({ entry, pathParameters });
    }
    if (candidates.length === 0) return { kind: 'not-found' };
    const best = Math.max(...candidates.map((candidate) => candidate.entry.specificity));
    const resource = candidates.filter((candidate) => candidate.entry.specificity === best);
    const hit = resource.find((candidate) => candidate.entry.route.method === method);
    if (hit) return { kind: 'route', route: hit.entry.route, pathParameters: hit.pathParameters };
    return {
      kind: 'method-not-allowed',
      allowed: [...new Set(resource.map((candidate) => candidate.entry.route.method))],
    };
  };
}
