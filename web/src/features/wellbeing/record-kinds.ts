/**
 * The three kinds of wellbeing record, each bound to its own typed routes: the record pages share
 * one component, and each kind hands it a client whose URLs, bodies and answers are the generated
 * types of that kind's operations.
 */

import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import type { CareNote, CheckIn, Complaint, WellbeingRecord } from './hooks';
import {
  CARE_NOTE_TYPES,
  COMPLAINT_STATUSES,
  PROVIDER_TYPES,
  splitList,
  type FormValues,
} from './record-fields';

type Base = '/v1/workspaces/{workspaceId}/wellbeing';
type JsonBody<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type CheckInInput = JsonBody<`${Base}/check-ins`, 'post'>;
export type CheckInPatch = JsonBody<`${Base}/check-ins/{checkInId}`, 'patch'>;
export type ComplaintInput = JsonBody<`${Base}/complaints`, 'post'>;
export type ComplaintPatch = JsonBody<`${Base}/complaints/{complaintId}`, 'patch'>;
export type CareNoteInput = JsonBody<`${Base}/care-notes`, 'post'>;
export type CareNotePatch = JsonBody<`${Base}/care-notes/{careNoteId}`, 'patch'>;

export type RecordListQuery = { scope: 'mine' | 'shared'; deleted: boolean; limit: number; cursor?: string };
type Page<R> = { items: R[]; nextCursor?: string };

/** What the record pages do with records of one kind. */
export type RecordKindClient<R extends WellbeingRecord = WellbeingRecord> = {
  list: (workspaceId: string, query: RecordListQuery) => Promise<Page<R>>;
  create: (workspaceId: string, values: FormValues) => Promise<R>;
  update: (workspaceId: string, id: string, values: FormValues, version: number) => Promise<R>;
  remove: (workspaceId: string, id: string) => Promise<void>;
  restore: (workspaceId: string, id: string) => Promise<R>;
  share: (workspaceId: string, id: string, userId: string) => Promise<unknown>;
  unshare: (workspaceId: string, id: string, userId: string) => Promise<void>;
};

/** The trimmed text of a field ('' when empty, which is how the form clears an optional one). */
const text = (values: FormValues, name: string) => (values[name] ?? '').trim();

/** A required choice; the form only offers valid ones, so anything else is a bug worth naming. */
function choice<T extends string>(values: FormValues, name: string, options: readonly T[]): T {
  const value = text(values, name);
  const found = options.find((option) => option === value);
  if (found === undefined) throw new Error(`Choose a value for ${name}.`);
  return found;
}

/** A check-in body: numbers as numbers, lists as arrays, an ISO time, an empty sleep left out. */
export function toCheckInInput(values: FormValues): CheckInInput {
  const sleep = text(values, 'sleepHours');
  return {
    occurredAt: new Date(text(values, 'occurredAt')).toISOString(),
    mood: Number(text(values, 'mood')),
    anxiety: Number(text(values, 'anxiety')),
    ...(sleep === '' ? {} : { sleepHours: Number(sleep) }),
    symptoms: splitList(text(values, 'symptoms')),
    triggers: splitList(text(values, 'triggers')),
    notes: text(values, 'notes'),
  };
}

export function toComplaintInput(values: FormValues): ComplaintInput {
  return {
    date: text(values, 'date'),
    providerName: text(values, 'providerName'),
    providerType: choice(values, 'providerType', PROVIDER_TYPES),
    category: text(values, 'category'),
    description: text(values, 'description'),
    desiredOutcome: text(values, 'desiredOutcome'),
    status: choice(values, 'status', COMPLAINT_STATUSES),
    whereFiled: text(values, 'whereFiled'),
  };
}

export function toCareNoteInput(values: FormValues): CareNoteInput {
  return {
    sessionDate: text(values, 'sessionDate'),
    provider: text(values, 'provider'),
    type: choice(values, 'type', CARE_NOTE_TYPES),
    notes: text(values, 'notes'),
    followUps: splitList(text(values, 'followUps')),
  };
}

const inWorkspace = (workspaceId: string) => ({ path: { workspaceId } });
const share = { access: 'read' } as const;

export const checkIns: RecordKindClient<CheckIn> = {
  list: (workspaceId, query) =>
    unwrap(
      api.GET(`/v1/workspaces/{workspaceId}/wellbeing/check-ins`, {
        params: { ...inWorkspace(workspaceId), query },
      }),
    ),
  create: (workspaceId, values) =>
    unwrap(
      api.POST('/v1/workspaces/{workspaceId}/wellbeing/check-ins', {
        params: inWorkspace(workspaceId),
        body: toCheckInInput(values),
      }),
    ),
  update: (workspaceId, checkInId, values, version) => {
    const body: CheckInPatch = { ...toCheckInInput(values), version };
    return unwrap(
      api.PATCH('/v1/workspaces/{workspaceId}/wellbeing/check-ins/{checkInId}', {
        params: { path: { workspaceId, checkInId } },
        body,
      }),
    );
  },
  remove: (workspaceId, checkInId) =>
    unwrapEmpty(
      api.DELETE('/v1/workspaces/{workspaceId}/wellbeing/check-ins/{checkInId}', {
        params: { path: { workspaceId, checkInId } },
      }),
    ),
  restore: (workspaceId, checkInId) =>
    unwrap(
      api.POST('/v1/workspaces/{workspaceId}/wellbeing/check-ins/{checkInId}/restore', {
        params: { path: { workspaceId, checkInId } },
      }),
    ),
  share: (workspaceId, checkInId, userId) =>
    unwrap(
      api.PUT('/v1/workspaces/{workspaceId}/wellbeing/check-ins/{checkInId}/shares/{userId}', {
        params: { path: { workspaceId, checkInId, userId } },
        body: share,
      }),
    ),
  unshare: (workspaceId, checkInId, userId) =>
    unwrapEmpty(
      api.DELETE('/v1/workspaces/{workspaceId}/wellbeing/check-ins/{checkInId}/shares/{userId}', {
        params: { path: { workspaceId, checkInId, userId } },
      }),
    ),
};

export const complaints: RecordKindClient<Complaint> = {
  list: (workspaceId, query) =>
    unwrap(
      api.GET('/v1/workspaces/{workspaceId}/wellbeing/complaints', {
        params: { ...inWorkspace(workspaceId), query },
      }),
    ),
  create: (workspaceId, values) =>
    unwrap(
      api.POST('/v1/workspaces/{workspaceId}/wellbeing/complaints', {
        params: inWorkspace(workspaceId),
        body: toComplaintInput(values),
      }),
    ),
  update: (workspaceId, complaintId, values, version) => {
    const body: ComplaintPatch = { ...toComplaintInput(values), version };
    return unwrap(
      api.PATCH('/v1/workspaces/{workspaceId}/wellbeing/complaints/{complaintId}', {
        params: { path: { workspaceId, complaintId } },
        body,
      }),
    );
  },
  remove: (workspaceId, complaintId) =>
    unwrapEmpty(
      api.DELETE('/v1/workspaces/{workspaceId}/wellbeing/complaints/{complaintId}', {
        params: { path: { workspaceId, complaintId } },
      }),
    ),
  restore: (workspaceId, complaintId) =>
    unwrap(
      api.POST('/v1/workspaces/{workspaceId}/wellbeing/complaints/{complaintId}/restore', {
        params: { path: { workspaceId, complaintId } },
      }),
    ),
  share: (workspaceId, complaintId, userId) =>
    unwrap(
      api.PUT('/v1/workspaces/{workspaceId}/wellbeing/complaints/{complaintId}/shares/{userId}', {
        params: { path: { workspaceId, complaintId, userId } },
        body: share,
      }),
    ),
  unshare: (workspaceId, complaintId, userId) =>
    unwrapEmpty(
      api.DELETE('/v1/workspaces/{workspaceId}/wellbeing/complaints/{complaintId}/shares/{userId}', {
        params: { path: { workspaceId, complaintId, userId } },
      }),
    ),
};

export const careNotes: RecordKindClient<CareNote> = {
  list: (workspaceId, query) =>
    unwrap(
      api.GET('/v1/workspaces/{workspaceId}/wellbeing/care-notes', {
        params: { ...inWorkspace(workspaceId), query },
      }),
    ),
  create: (workspaceId, values) =>
    unwrap(
      api.POST('/v1/workspaces/{workspaceId}/wellbeing/care-notes', {
        params: inWorkspace(workspaceId),
        body: toCareNoteInput(values),
      }),
    ),
  update: (workspaceId, careNoteId, values, version) => {
    const body: CareNotePatch = { ...toCareNoteInput(values), version };
    return unwrap(
      api.PATCH('/v1/workspaces/{workspaceId}/wellbeing/care-notes/{careNoteId}', {
        params: { path: { workspaceId, careNoteId } },
        body,
      }),
    );
  },
  remove: (workspaceId, careNoteId) =>
    unwrapEmpty(
      api.DELETE('/v1/workspaces/{workspaceId}/wellbeing/care-notes/{careNoteId}', {
        params: { path: { workspaceId, careNoteId } },
      }),
    ),
  restore: (workspaceId, careNoteId) =>
    unwrap(
      api.POST('/v1/workspaces/{workspaceId}/wellbeing/care-notes/{careNoteId}/restore', {
        params: { path: { workspaceId, careNoteId } },
      }),
    ),
  share: (workspaceId, careNoteId, userId) =>
    unwrap(
      api.PUT('/v1/workspaces/{workspaceId}/wellbeing/care-notes/{careNoteId}/shares/{userId}', {
        params: { path: { workspaceId, careNoteId, userId } },
        body: share,
      }),
    ),
  unshare: (workspaceId, careNoteId, userId) =>
    unwrapEmpty(
      api.DELETE('/v1/workspaces/{workspaceId}/wellbeing/care-notes/{careNoteId}/shares/{userId}', {
        params: { path: { workspaceId, careNoteId, userId } },
      }),
    ),
};
