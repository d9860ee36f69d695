import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActivityForm } from './activity-form';

/** The attributes of the one element whose opening tag matches `pattern`. */
function tagOf(html: string, pattern: RegExp): string {
  const tag = html.match(pattern)?.[0];
  if (tag === undefined) throw new Error(`no element matches ${String(pattern)}`);
  return tag;
}

describe('CE activity form', () => {
  it('P-NOTES-1 the notes field says at the field that it must not hold client health information', () => {
    const html = renderToStaticMarkup(
      createElement(ActivityForm, {
        topicSuggestions: [],
        isPending: false,
        onSubmit: () => Promise.resolve(),
      }),
    );
    const notes = tagOf(html, /<textarea[^>]*name="notes"[^>]*>/);
    const describedBy = notes.match(/aria-describedby="([^"]+)"/)?.[1] ?? '';
    const hintId = describedBy.split(' ').find((id) => id.endsWith('-hint')) ?? 'missing';
    const hint = tagOf(html, new RegExp(`<p[^>]*id="${hintId.replace(/[:]/g, '\\:')}"[^>]*>[^<]*`));
    expect(hint).toMatch(/Do not write client health information here/);
    // The label names the field, so the warning is read with it.
    const notesId = notes.match(/id="([^"]+)"/)?.[1] ?? 'missing';
    expect(html).toContain(`<label for="${notesId}">Notes</label>`);
  });
});
