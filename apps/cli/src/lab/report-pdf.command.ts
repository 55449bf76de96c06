import { labOrNothing } from './lab-action';

/**
 * Prints a report's HTML to PDF through the lab's Chromium, loaded only now; false in a production install, where
 * playwright-core and the browser are absent.
 */
export async function printReportPdf(html: string, path: string): Promise<boolean> {
  const pdf = await labOrNothing(() => import('./report-pdf'));
  if (!pdf) return false;
  await pdf.printPdf(html, path);
  return true;
}
