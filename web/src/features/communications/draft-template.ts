import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** A library template a draft starts from: its text, and its title to say where the draft came from. */
export type DraftTemplate = { title: string; text: string };

/**
 * Reads the draft template the library's "Start a message draft from this template" link passes
 * in router state (`{ draft, templateTitle }`); anything else is no template.
 */
export function readDraftTemplate(state: unknown): DraftTemplate | undefined {
  if (typeof state !== 'object' || state === null || !('draft' in state)) return undefined;
  const text: unknown = state.draft;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const title =
    'templateTitle' in state && typeof state.templateTitle === 'string' ? state.templateTitle : '';
  return { title, text };
}

/**
 * The draft template this page was opened with, read once. The router state is then replaced
 * with none, so reloading the page (or coming back to it through history) never puts the
 * template back over what the person has written since.
 */
export function useDraftTemplateFromRoute(): DraftTemplate | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const [template] = useState(() => readDraftTemplate(location.state));
  const isInState = readDraftTemplate(location.state) !== undefined;
  const { pathname, search, hash } = location;

  useEffect(() => {
    if (isInState) void navigate({ pathname, search, hash }, { replace: true, state: null });
  }, [isInState, navigate, pathname, search, hash]);

  return template;
}
