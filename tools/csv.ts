// Spreadsheets read a 16-digit NIK as a number and keep 15 digits (3.67301E+15), and a phone number
// loses its "+". Columns named in `textColumns` are written as ="…", which Excel and Google Sheets show
// as the text itself (LibreOffice too, with "Evaluate formulas" ticked at import; docs/airtable.md).
// For a spreadsheet without any import step, use the .xlsx export.

export interface CsvOptions {
  /** ";" for spreadsheets set to Indonesian (or any locale where the decimal mark is a comma). */
  separator?: ',' | ';';
  textColumns?: string[];
}

/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (Excel otherwise reads UTF-8 as ANSI). Cells a spreadsheet
 * would run as a formula get a leading apostrophe (CSV injection), except the ="…" text cells we write.
 */
export function toCsv(columns: string[], rows: Record<string, unknown>[], { separator = ',', textColumns = [] }: CsvOptions = {}): string {
  const quoteIfNeeded = (s: string) => (s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const cell = (column: string, v: unknown) => {
    let s = Array.isArray(v) ? v.join('; ') : v === undefined || v === null ? '' : String(v);
    if (s && textColumns.includes(column)) return `"=""${s.replace(/"/g, '')}"""`;
    if (/^[=+\-@\t\r]/.test(s) && !/^\+\d+$/.test(s)) s = `'${s}`;
    return quoteIfNeeded(s);
  };
  const header = columns.map(quoteIfNeeded).join(separator);
  const lines = rows.map((r) => columns.map((c) => cell(c, r[c])).join(separator));
  return `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
}
