import { loadOnFirstUse } from '../load-on-first-use.js';

/**
 * PDFKit's document class, loaded by the first PDF the process draws (a court report or a CE
 * transcript): PDFKit and its font engine are a large part of the bundle that no other request needs.
 */
export const loadPdfDocument = loadOnFirstUse(async () => (await import('pdfkit')).default);
