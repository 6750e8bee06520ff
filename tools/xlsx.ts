import ExcelJS from 'exceljs';

// The registrations as a typed spreadsheet: every cell a string cell, so a NIK keeps its 16 digits and a
// phone number its "+" in any spreadsheet program, without an import step. Dates stay ISO text, as
// Airtable holds them, so nothing depends on the reader's locale.

export async function toXlsx(columns: string[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date();
  const sheet = book.addWorksheet('Pendaftaran', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: Math.min(40, Math.max(12, c.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(
      Object.fromEntries(
        columns.map((c) => {
          const v = r[c];
          return [c, Array.isArray(v) ? v.join('; ') : v === undefined || v === null ? '' : String(v)];
        }),
      ),
    );
  }
  // Text format on the whole sheet: a staff member typing in a NIK column gets text too.
  sheet.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  return Buffer.from(await book.xlsx.writeBuffer());
}
