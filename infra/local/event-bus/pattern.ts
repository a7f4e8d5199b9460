// EventBridge event-pattern matching, following the documented semantics of
// EventBridge (and of aws/event-ruler, the engine behind it).
// A pattern is compiled once into a predicate; compiling is also validation.

type JsonLeaf = string | number | boolean | null;
type ValuesTest = (values: readonly JsonLeaf[]) => boolean;
type NodeTest = (node: unknown) => boolean;

export type EventPatternMatcher = (event: unknown) => boolean;

export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Event pattern is not valid at "${path || '<root>'}": ${reason}`);
  }
}

export function compilePattern(pattern: unknown): EventPatternMatcher {
  return compileObject(pattern, '');
}

export function validatePattern(pattern: unknown): asserts pattern is object {
  compilePattern(pattern);
}

export function matchesPattern(pattern: object, event: object): boolean {
  return compilePattern(pattern)(event);
}

function compileObject(pattern: unknown, path: string): NodeTest {
  if (!isPlainObject(pattern)) throw new InvalidEventPatternError(path, 'must be a JSON object');
  const entries = Object.entries(pattern);
  if (entries.length === 0) throw new InvalidEventPatternError(path, 'must not be empty');
  const tests = entries.map(([key, value]) =>
    key === '$or' ? compileOr(value, join(path, key)) : compileField(key, value, join(path, key)),
  );
  // An array of objects in the event is "crushed": each element is tried on its own,
  // so fields matched together must come from the same element.
  return (node) => candidates(node).some((candidate) => tests.every((test) => test(candidate)));
}

function compileOr(value: unknown, path: string): NodeTest {
  if (!Array.isArray(value) || value.length < 2) {
    throw new InvalidEventPatternError(path, '$or must be an array of at least two patterns');
  }
  const alternatives = value.map((alternative, index) => compileObject(alternative, `${path}[${index}]`));
  return (node) => alternatives.some((alternative) => alternative(node));
}

function compileField(key: string, value: unknown, path: string): NodeTest {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new InvalidEventPatternError(path, 'must list at least one value');
    const tests = value.map((matcher, index) => compileMatcher(matcher, `${path}[${index}]`));
    return (node) => {
      const values = leafValues(childOf(node, key));
      return tests.some((test) => test(values));
    };
  }
  if (isPlainObject(value)) {
    const nested = compileObject(value, path);
    return (node) => nested(childOf(node, key));
  }
  throw new InvalidEventPatternError(path, 'must be an array of values or a nested pattern object');
}

function compileMatcher(matcher: unknown, path: string): ValuesTest {
  if (isLeaf(matcher)) return (values) => values.some((value) => value === matcher);
  if (!isPlainObject(matcher)) throw new InvalidEventPatternError(path, 'must be a value or a filter object');
  const [operator, ...others] = Object.keys(matcher);
  if (operator === undefined || others.length > 0) {
    throw new InvalidEventPatternError(path, 'a filter object must have exactly one operator');
  }
  const operand = matcher[operator];
  const at = join(path, operator);
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new InvalidEventPatternError(at, 'must be true or false');
      // A field exists when it holds a leaf value; an object or an empty array is not one.
      return (values) => values.length > 0 === operand;
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'wildcard': {
      const test = compileStringTest(operator, operand, at);
      return (values) => values.some((value) => typeof value === 'string' && test(value));
    }
    case 'numeric': {
      const test = compileNumeric(operand, at);
      return (values) => values.some((value) => typeof value === 'number' && test(value));
    }
    case 'anything-but': {
      const excluded = compileAnythingBut(operand, at);
      return (values) => values.some((value) => !excluded(value));
    }
    default:
      throw new InvalidEventPatternError(at, `unsupported operator "${operator}"`);
  }
}

function compileStringTest(operator: string, operand: unknown, path: string): (value: string) => boolean {
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const ignoreCase =
        isPlainObject(operand) && Object.keys(operand).length === 1 && 'equals-ignore-case' in operand;
      const text = ignoreCase && isPlainObject(operand) ? operand['equals-ignore-case'] : operand;
      if (typeof text !== 'string') {
        throw new InvalidEventPatternError(path, 'must be a string or {"equals-ignore-case": string}');
      }
      const wanted = ignoreCase ? text.toLowerCase() : text;
      const fold = (value: string) => (ignoreCase ? value.toLowerCase() : value);
      return operator === 'prefix'
        ? (value) => fold(value).startsWith(wanted)
        : (value) => fold(value).endsWith(wanted);
    }
    case 'equals-ignore-case':
      return anyOf(stringsOf(operand, path), (text) => {
        const wanted = text.toLowerCase();
        return (value) => value.toLowerCase() === wanted;
      });
    case 'wildcard':
      return anyOf(stringsOf(operand, path), (text) => {
        const expression = wildcardExpression(text, path);
        return (value) => expression.test(value);
      });
    default:
      throw new InvalidEventPatternError(path, `unsupported operator "${operator}"`);
  }
}

function compileAnythingBut(operand: unknown, path: string): (value: JsonLeaf) => boolean {
  if (typeof operand === 'string' || isFiniteNumber(operand)) return (value) => value === operand;
  if (Array.isArray(operand)) {
    const allStrings = operand.every((item) => typeof item === 'string');
    const allNumbers = operand.every(isFiniteNumber);
    if (operand.length === 0 || !(allStrings || allNumbers)) {
      throw new InvalidEventPatternError(path, 'must list only strings or only numbers');
    }
    const excluded = new Set<unknown>(operand);
    return (value) => excluded.has(value);
  }
  if (isPlainObject(operand)) {
    const [operator, ...others] = Object.keys(operand);
    const supported = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'];
    if (operator === undefined || others.length > 0 || !supported.includes(operator)) {
      throw new InvalidEventPatternError(path, `a nested filter must be one of ${supported.join(', ')}`);
    }
    const nested = operand[operator];
    if ((operator === 'prefix' || operator === 'suffix') && typeof nested !== 'string') {
      throw new InvalidEventPatternError(join(path, operator), 'must be a single string');
    }
    const test = compileStringTest(operator, nested, join(path, operator));
    return (value) => typeof value === 'string' && test(value);
  }
  throw new InvalidEventPatternError(path, 'must be a string, a number, a list of them, or a nested filter');
}

const lowerBounds = { '>': (a: number, b: number) => a > b, '>=': (a: number, b: number) => a >= b };
const upperBounds = { '<': (a: number, b: number) => a < b, '<=': (a: number, b: number) => a <= b };

function compileNumeric(operand: unknown, path: string): (value: number) => boolean {
  const invalid = () =>
    new InvalidEventPatternError(
      path,
      'must be ["=", n], or one lower (">", ">=") and/or one upper ("<", "<=") bound',
    );
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) throw invalid();
  const comparisons: Array<(value: number) => boolean> = [];
  let hasLower = false;
  let hasUpper = false;
  for (let index = 0; index < operand.length; index += 2) {
    const operator: unknown = operand[index];
    const bound: unknown = operand[index + 1];
    if (!isFiniteNumber(bound)) throw invalid();
    if (operator === '=' && operand.length === 2) {
      comparisons.push((value) => value === bound);
    } else if ((operator === '>' || operator === '>=') && !hasLower) {
      hasLower = true;
      const compare = lowerBounds[operator];
      comparisons.push((value) => compare(value, bound));
    } else if ((operator === '<' || operator === '<=') && !hasUpper) {
      hasUpper = true;
      const compare = upperBounds[operator];
      comparisons.push((value) => compare(value, bound));
    } else {
      throw invalid();
    }
  }
  return (value) => comparisons.every((compare) => compare(value));
}

function wildcardExpression(text: string, path: string): RegExp {
  let source = '';
  let previousWasWildcard = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text.charAt(index);
    if (character === '*') {
      if (previousWasWildcard)
        throw new InvalidEventPatternError(path, 'consecutive wildcards are not allowed');
      source += '.*';
      previousWasWildcard = true;
      continue;
    }
    previousWasWildcard = false;
    if (character === '\\') {
      const escaped = text.charAt(index + 1);
      if (escaped !== '*' && escaped !== '\\') {
        throw new InvalidEventPatternError(path, 'a backslash may only escape "*" or "\\"');
      }
      source += `\\${escaped}`;
      index += 1;
      continue;
    }
    source += character.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function stringsOf(operand: unknown, path: string): string[] {
  if (typeof operand === 'string') return [operand];
  if (Array.isArray(operand) && operand.length > 0 && operand.every((item) => typeof item === 'string')) {
    return operand;
  }
  throw new InvalidEventPatternError(path, 'must be a string or a non-empty list of strings');
}

function anyOf(
  texts: string[],
  build: (text: string) => (value: string) => boolean,
): (value: string) => boolean {
  const tests = texts.map(build);
  return (value) => tests.some((test) => test(value));
}

function candidates(node: unknown): unknown[] {
  if (!Array.isArray(node)) return [node];
  const elements = node.flat(Number.POSITIVE_INFINITY);
  return elements.length > 0 ? elements : [undefined];
}

function leafValues(node: unknown): JsonLeaf[] {
  if (Array.isArray(node)) return node.flat(Number.POSITIVE_INFINITY).filter(isLeaf);
  return isLeaf(node) ? [node] : [];
}

function childOf(node: unknown, key: string): unknown {
  return isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

function isLeaf(value: unknown): value is JsonLeaf {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
