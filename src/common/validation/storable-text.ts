import { DomainError } from '../errors/domain-error';

/**
 * PostgreSQL text cannot hold U+0000 (error 22021), and a lone UTF-16
 * surrogate cannot be encoded as UTF-8 at all (the driver would silently turn
 * it into U+FFFD). Both are refused at the edge, naming the field, instead of
 * failing deep inside a query as a 500.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what PostgreSQL text cannot hold
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be stored, or undefined when it can. */
export function unstorableTextReason(text: string): string | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  return match[0] === '\u0000' ? 'must not contain the NUL character (U+0000)' : 'must not contain an unpaired UTF-16 surrogate (not valid Unicode)';
}

/** Throws a 400 naming `name` when the text cannot be stored. */
export function assertStorableText(text: string, name: string): void {
  const reason = unstorableTextReason(text);
  if (reason) throw DomainError.invalidParameter(name, reason);
}

/** `phones[0].number` style paths, as clients write them. */
export function jsonPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  const segment = plain ? key : `[${JSON.stringify(key.slice(0, 60))}]`;
  return parent === '' ? (plain ? key : segment) : plain ? `${parent}.${key}` : `${parent}${segment}`;
}

/**
 * Walks a parsed JSON value without recursion (a hostile body may be nested
 * thousands deep) and throws for the first string, or object key, that cannot
 * be stored. `skip(path)` exempts subtrees whose text another layer checks
 * with a more precise answer (an import's file content: the CSV line).
 */
export function assertStorableJson(value: unknown, root: string, skip: (path: string) => boolean = () => false): void {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (skip(path)) continue;
    if (typeof current === 'string') {
      assertStorableText(current, path || 'body');
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], jsonPath(path, i)]);
    } else if (current !== null && typeof current === 'object') {
      for (const key of Object.keys(current).reverse()) {
        const child = jsonPath(path, key);
        const keyReason = unstorableTextReason(key);
        if (keyReason) throw DomainError.invalidParameter(child, `this key ${keyReason}`);
        stack.push([(current as Record<string, unknown>)[key], child]);
      }
    }
  }
}
