import PDFDocument from 'pdfkit';

/**
 * The house style of the generated PDFs (customer sheet, intervention report): A4, French, standard
 * fonts (Helvetica, WinAnsi: French accents and € without embedding a font), blue section headings,
 * « Label : value » lines and a small grey footer.
 */
export interface PdfOptions {
  /** Off in tests so the text can be searched in the raw file. */
  compress?: boolean;
}

/** 12,50 € with plain spaces (the narrow no-break space is not in WinAnsi). */
export const pdfMoney = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/\u202f|\u00a0/g, ' ');

export function startPdf(
  info: { title: string; subject: string },
  opts: PdfOptions & {
    /** A heading lower than this starts a new page (the report keeps more room for its signature). */
    headingPageBreakY: number;
  },
) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: opts.compress ?? true,
    info: { Title: info.title, Author: 'Customer 360', Subject: info.subject },
    lang: 'fr-FR',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => {
    if (doc.y > opts.headingPageBreakY) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1e3a8a').text(text).moveDown(0.3);
    doc.font('Helvetica').fontSize(10).fillColor('black');
  };
  const field = (label: string, value: string | null | undefined) => {
    doc
      .font('Helvetica-Bold')
      .text(`${label} : `, { continued: true })
      .font('Helvetica')
      .text(value || '—');
  };
  /** Title and grey subtitle at the top of the first page. */
  const title = (text: string, subtitle: string) => {
    doc.font('Helvetica-Bold').fontSize(18).text(text);
    doc.font('Helvetica').fontSize(10).fillColor('#475569').text(subtitle).fillColor('black');
  };
  /** The footer line, then the bytes. */
  const finish = (footer: string): Promise<Buffer> => {
    doc.moveDown(2).fontSize(8).fillColor('#64748b').text(footer);
    doc.end();
    return done;
  };
  return { doc, heading, field, title, finish };
}
