// Fails a test when any answer during it (or during the hooks before it) broke the published
// document: an undocumented status or media type, or a body that does not match its schema.
import { afterEach, expect } from '@jest/globals';
import { conformanceViolations } from './conformance.js';

afterEach(() => {
  const found = conformanceViolations.splice(0);
  expect({ answersThatBreakTheOpenApiDocument: found }).toEqual({ answersThatBreakTheOpenApiDocument: [] });
});
