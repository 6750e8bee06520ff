// The small part of Airtable's formula language our code sends: {Field}='text', OR(…), AND(…),
// IS_BEFORE(a, b) and DATETIME_PARSE('ISO time'). Anything else is answered as Airtable would answer
// a formula it cannot parse.

export type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;
type Value = (row: Row) => unknown;

const asTime = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'string' && v ? Date.parse(v) : NaN);

export function parseFormula(source: string): Predicate {
  let i = 0;
  const ws = () => {
    while (/\s/.test(source[i] ?? '')) i++;
  };
  const fail = (): never => {
    throw new Error('INVALID_FILTER_BY_FORMULA');
  };
  const str = (): string => {
    const q = source[i];
    if (q !== "'" && q !== '"') fail();
    i++;
    let out = '';
    while (i < source.length && source[i] !== q) {
      if (source[i] === '\\') i++;
      out += source[i++];
    }
    if (source[i] !== q) fail();
    i++;
    return out;
  };
  /** FN( arg, arg … ) after the name: the arguments, parsed by `arg`. */
  const args = <T>(arg: () => T): T[] => {
    const out: T[] = [];
    ws();
    while (source[i] !== ')') {
      out.push(arg());
      ws();
      if (source[i] === ',') i++;
      else if (source[i] !== ')') fail();
      ws();
    }
    i++;
    return out;
  };
  const value = (): Value => {
    ws();
    const fn = /^DATETIME_PARSE\(/i.exec(source.slice(i));
    if (fn) {
      i += fn[0].length;
      const [inner, ...rest] = args(value);
      if (!inner || rest.length) fail();
      return (r) => new Date(String(inner!(r)));
    }
    if (source[i] === '{') {
      const close = source.indexOf('}', i);
      if (close < 0) fail();
      const field = source.slice(i + 1, close);
      i = close + 1;
      return (r) => r[field];
    }
    const s = str();
    return () => s;
  };
  const expr = (): Predicate => {
    ws();
    const fn = /^(OR|AND|IS_BEFORE)\(/i.exec(source.slice(i));
    if (fn) {
      i += fn[0].length;
      const name = fn[1]!.toUpperCase();
      if (name === 'IS_BEFORE') {
        const [a, b, ...rest] = args(value);
        if (!a || !b || rest.length) fail();
        return (r) => asTime(a!(r)) < asTime(b!(r));
      }
      const parts = args(expr);
      return name === 'OR' ? (r) => parts.some((a) => a(r)) : (r) => parts.every((a) => a(r));
    }
    const left = value();
    ws();
    if (source[i] !== '=') fail();
    i++;
    const right = value();
    return (r) => String(left(r) ?? '') === String(right(r) ?? '');
  };
  const predicate = expr();
  ws();
  if (i !== source.length) fail();
  return predicate;
}
