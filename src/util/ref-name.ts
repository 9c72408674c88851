/**
 * Why `name` cannot be a git branch name, by the rules of `git check-ref-format --branch`, or
 * `undefined` when it can. Settings that name branches are checked with this when they are read,
 * so a name such as `x/../..` never reaches a git command or a GitHub API path.
 */
export function branchNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name === '@') return 'is "@"';
  if (name === 'HEAD') return 'is "HEAD"';
  if (name.startsWith('-')) return 'starts with "-"';
  if (name.startsWith('/') || name.endsWith('/')) return 'starts or ends with "/"';
  if (name.includes('//')) return 'contains "//"';
  if (name.includes('..')) return 'contains ".."';
  if (name.includes('@{')) return 'contains "@{"';
  if (name.endsWith('.')) return 'ends with "."';
  for (const c of name) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return 'contains a control character';
    if (c === ' ') return 'contains a space';
    if ('~^:?*[\\'.includes(c)) return `contains "${c}"`;
  }
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `has a part that starts with "." ("${part}")`;
    if (part.endsWith('.lock')) return `has a part that ends with ".lock" ("${part}")`;
  }
  return undefined;
}
