import { createCustomer, expect, test } from './fixtures';

test.use({ role: 'manager' });

/** A small but well-formed PDF (header, one empty page, xref, trailer). */
function minimalPdf(): Buffer {
  const objects = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += o;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** 1×1 PNG. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('upload a PDF and a PNG, preview the image, delete with confirmation', async ({ page }) => {
  const { id } = await createCustomer(page);
  await page.goto(`/customers/${id}/documents`);
  await expect(page.getByText('Aucun document', { exact: true })).toBeVisible();

  const stamp = Date.now().toString(36);
  const pdfName = `devis-${stamp}.pdf`;
  const pngName = `photo-${stamp}.png`;
  await page.getByTestId('upload-input').setInputFiles([
    { name: pdfName, mimeType: 'application/pdf', buffer: minimalPdf() },
    { name: pngName, mimeType: 'image/png', buffer: PNG_1X1 },
  ]);

  const progress = page.getByTestId('upload-progress');
  await expect(progress.getByText('Terminé')).toHaveCount(2);
  const rows = page.getByTestId('document-row');
  await expect(rows.filter({ hasText: pdfName })).toBeVisible();
  await expect(rows.filter({ hasText: pngName })).toBeVisible();
  await expect(page.getByText(/^2 documents ·/)).toBeVisible();

  // Preview of the image in a modal dialog; the image really loads from the API.
  await page.getByRole('button', { name: `Aperçu de ${pngName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Aperçu de ${pngName}` });
  await expect(dialog).toBeVisible();
  const img = dialog.getByRole('img', { name: pngName });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await expect(dialog).toBeHidden();

  // Delete: cancel first (nothing happens), then confirm.
  await page.getByRole('button', { name: `Supprimer ${pdfName}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Supprimer ce document ?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(confirm).toBeHidden();
  await expect(rows.filter({ hasText: pdfName })).toBeVisible();

  await page.getByRole('button', { name: `Supprimer ${pdfName}` }).click();
  await confirm.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await expect(rows.filter({ hasText: pdfName })).toHaveCount(0);
  await expect(rows.filter({ hasText: pngName })).toBeVisible();
  await expect(page.getByText(/^1 document ·/)).toBeVisible();

  // The download link of what is left serves the real bytes.
  const href = await rows
    .filter({ hasText: pngName })
    .getByRole('link', { name: `Télécharger ${pngName}` })
    .getAttribute('href');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(Buffer.compare(await res.body(), PNG_1X1)).toBe(0);
});

test('a file the server refuses is reported next to its name', async ({ page }) => {
  const { id } = await createCustomer(page);
  await page.goto(`/customers/${id}/documents`);
  // An executable disguised as a PDF: the type is decided from the bytes.
  await page.getByTestId('upload-input').setInputFiles({
    name: 'facture.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('MZ\x90\x00not a pdf at all', 'latin1'),
  });
  await expect(page.getByTestId('upload-progress').getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('document-row')).toHaveCount(0);
});
