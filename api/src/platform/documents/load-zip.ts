import { loadOnFirstUse } from '../load-on-first-use.js';

/**
 * The ZIP writer (archiver and its streams), loaded by the first account export the process
 * builds: no other request writes a ZIP.
 */
export const loadZipArchive = loadOnFirstUse(async () => (await import('archiver')).ZipArchive);
