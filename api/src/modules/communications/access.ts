/**
 * Messages, drafts and summaries are part of the journal: the same plan feature and writes as
 * incidents. Reading messages has its own permission so a person can share them with a
 * professional apart from incidents (an API key's incidents:read still carries it); a summary
 * quotes incidents and messages together, so reading one takes its own permission, which every
 * member's role holds and no professional's grant gives.
 */
export const READ = { permission: 'communications:read', module: 'journal' } as const;

export const SUMMARY_READ = { permission: 'summaries:read', module: 'journal' } as const;

export const WRITE = { permission: 'incidents:write', module: 'journal' } as const;
