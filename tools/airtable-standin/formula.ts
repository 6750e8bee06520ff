// The small part of Airtable's formula language our code sends: {Field}='text', OR(…), AND(…),
// IS_BEFORE(a, b), DATETIME_PARSE('ISO time') and LAST_MODIFIED_TIME(). Anything else is answered as
// Airtable would answer a formula it cannot parse.

export type Row = Record<string, unknown>;
/** What a formula sees beyond the fields: the record's last change (LAST_MODIFIED_TIME()). */
interface RecordMeta {
  modifiedTime: string;
}
type Predicate = (row: Row, meta?: RecordMeta) => boolean;
type Value = (row: Row, meta?: RecordMeta) => unknown;

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
    const modified = /^LAST_MODIFIED_TIME\(\s*\)/i.exec(source.slice(i));
    if (modified) {
      i += modified[0].length;
      return (_r, meta) => meta?.modifiedTime;
    }
    const fn = /^DATETIME_PARSE\(/i.exec(source.slice(i));
    if (fn) {
      i += fn[0].length;
      const [inner, ...rest] = args(value);
      if (!inner || rest.length) fail();
      return (r, m) => new Date(String(inner!(r, m)));
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
        return (r, m) => asTime(a!(r, m)) < asTime(b!(r, m));
      }
      const parts = args(expr);
      return name === 'OR' ? (r, m) => parts.some((a) => a(r, m)) : (r, m) => parts.every((a) => a(r, m));
    }
    const left = value();
    ws();
    if (source[i] !== '=') fail();
    i++;
    const right = value();
    return (r, m) => String(left(r, m) ?? '') === String(right(r, m) ?? '');
  };
  const predicate = expr();
  ws();
  if (i !== source.length) fail();
  return predicate;
}
