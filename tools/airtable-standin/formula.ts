// The small part of Airtable's formula language our code sends: {Field}='text', OR(…), AND(…).
// Anything else is answered as Airtable would answer a formula it cannot parse.

export type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

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
  const expr = (): Predicate => {
    ws();
    const fn = /^(OR|AND)\(/i.exec(source.slice(i));
    if (fn) {
      i += fn[0].length;
      const args: Predicate[] = [];
      ws();
      while (source[i] !== ')') {
        args.push(expr());
        ws();
        if (source[i] === ',') i++;
        else if (source[i] !== ')') fail();
        ws();
      }
      i++;
      return fn[1]!.toUpperCase() === 'OR' ? (r) => args.some((a) => a(r)) : (r) => args.every((a) => a(r));
    }
    if (source[i] !== '{') fail();
    const close = source.indexOf('}', i);
    if (close < 0) fail();
    const field = source.slice(i + 1, close);
    i = close + 1;
    ws();
    if (source[i] !== '=') fail();
    i++;
    ws();
    const value = str();
    return (r) => String(r[field] ?? '') === value;
  };
  const predicate = expr();
  ws();
  if (i !== source.length) fail();
  return predicate;
}
