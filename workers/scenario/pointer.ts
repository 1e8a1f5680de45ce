/**
 * JSON pointers (RFC 6901) name the place of a problem in a scenario file independently of its
 * syntax: `/setup/3/ecs:RunTask` reads the same whether the file is YAML or JSON. A key that itself
 * contains `/` or `~` (an action name never does, a request field might) is escaped as the RFC says.
 */
export type PathSegment = string | number;

export function toPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
