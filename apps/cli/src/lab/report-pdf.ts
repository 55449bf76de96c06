import { launchChromium } from '@lgsp/lab';

/** Prints an HTML report to PDF with the project's one Chromium launch (headless, offline). */
export async function printPdf(html: string, path: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path,
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
