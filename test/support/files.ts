import { randomBytes } from 'node:crypto';

/** A 1×1 PNG (a real image browsers draw). `salt` adds a text chunk so each call can differ. */
export function pngBytes(salt = ''): Buffer {
  const base = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  if (salt === '') return base;
  // Insert a tEXt chunk (CRC left zero: decoders ignore ancillary chunk errors) before IEND.
  const data = Buffer.from(`Comment\0${salt}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  const iend = base.length - 12;
  return Buffer.concat([base.subarray(0, iend), chunk, base.subarray(iend)]);
}

/** A small valid one-page PDF with a line of text (pdf.js renders it). */
export function pdfBytes(text = 'Holdfast test document'): Buffer {
  const stream = `BT /F1 24 Tf 40 120 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The start of a Windows executable (MZ header, PE signature) padded with random bytes. */
export function exeBytes(): Buffer {
  const header = Buffer.alloc(256);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.write('PE\0\0', 0x80, 'latin1');
  return Buffer.concat([header, randomBytes(2048)]);
}

/** A ZIP archive's first bytes (local file header) with random content after. */
export function zipBytes(): Buffer {
  const header = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
  return Buffer.concat([header, randomBytes(1024)]);
}
