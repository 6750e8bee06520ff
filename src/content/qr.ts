import QRCode from 'qrcode';

/**
 * A QR code as inline SVG (paths only: no script, no style attribute, so the page's CSP is untouched),
 * made at build time. Error correction M survives a creased or slightly dirty printout.
 */
export async function qrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${label.replace(/[<>&"]/g, '')}" `);
}
