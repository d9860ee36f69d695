import { Value } from 'typebox/value';
import clinicianCe from './content/clinician-ce.json' with { type: 'json' };
import courtAndProfessionals from './content/court-and-professionals.json' with { type: 'json' };
import handoversSafetyWellbeing from './content/handovers-safety-wellbeing.json' with { type: 'json' };
import recordsAndCommunication from './content/records-and-communication.json' with { type: 'json' };
import { IS_SHIPPED_DATA_CHECKED_AT_BUILD } from '../../platform/shipped-data-check.js';
import { ContentFileSchema, type ContentFile, type ContentItem } from './content-schema.js';

/**
 * The library shipped with Holdfast, read once at start-up. Each file is validated against its
 * schema and against the rules a schema cannot express (unique ids, the parts each kind needs);
 * any problem throws at import (in a bundle, when the bundle is built), so the API does not start
 * with broken content.
 */

/** The raw files, in the order their items are listed. */
export const CONTENT_FILES: readonly unknown[] = [
  courtAndProfessionals,
  recordsAndCommunication,
  handoversSafetyWellbeing,
  clinicianCe,
];

/** Every problem in a set of content files; empty when they can all be served. */
export function listContentProblems(files: readonly unknown[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  files.forEach((file, index) => {
    if (!Value.Check(ContentFileSchema, file)) {
      const first = Value.Errors(ContentFileSchema, file)[0];
      problems.push(
        `file ${index}: ${first?.instancePath ?? ''} ${first?.message ?? 'does not match the schema'}`,
      );
      return;
    }
    for (const item of file.items) {
      if (ids.has(item.id)) problems.push(`item ${item.id}: id used twice`);
      ids.add(item.id);
      problems.push(...listItemProblems(item));
    }
  });
  return problems;
}

/** What each kind needs: a checklist its steps, a template its pre-filled text, an article neither. */
function listItemProblems(item: ContentItem): string[] {
  const problems: string[] = [];
  const hasSteps = item.steps !== undefined;
  const hasTemplate = item.template !== undefined;
  if (hasSteps !== (item.kind === 'checklist'))
    problems.push(`item ${item.id}: steps belong to checklists, and every checklist has them`);
  if (hasTemplate !== (item.kind === 'template'))
    problems.push(`item ${item.id}: a template part belongs to templates, and every template has one`);
  if (item.steps !== undefined && new Set(item.steps.map((s) => s.id)).size !== item.steps.length)
    problems.push(`item ${item.id}: step ids repeat`);
  if (item.template?.target === 'incident' && item.template.category === undefined)
    problems.push(`item ${item.id}: an incident template needs a category`);
  if (item.template?.target === 'draft' && item.template.subject === undefined)
    problems.push(`item ${item.id}: a draft template needs a subject`);
  return problems;
}

/** A shipped item with the version of the file it came from. */
export type ShippedItem = ContentItem & { contentVersion: number };

function loadContent(files: readonly unknown[]): ShippedItem[] {
  // The bundle's build checked these same files (platform/shipped-data-check.ts).
  const checked = IS_SHIPPED_DATA_CHECKED_AT_BUILD ? (files as ContentFile[]) : checkContent(files);
  return checked.flatMap((file) =>
    file.items.map((item) => ({ ...item, contentVersion: file.contentVersion })),
  );
}

function checkContent(files: readonly unknown[]): ContentFile[] {
  const problems = listContentProblems(files);
  if (problems.length > 0) throw new Error(`Library content is invalid:\n${problems.join('\n')}`);
  return files.filter((file): file is ContentFile => Value.Check(ContentFileSchema, file));
}

/** Every shipped item, in file order. */
export const SHIPPED_ITEMS: readonly ShippedItem[] = loadContent(CONTENT_FILES);

const BY_ID: ReadonlyMap<string, ShippedItem> = new Map(SHIPPED_ITEMS.map((item) => [item.id, item]));

export function findShippedItem(contentId: string): ShippedItem | undefined {
  return BY_ID.get(contentId);
}
