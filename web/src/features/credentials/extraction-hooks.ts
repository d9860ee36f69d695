import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';

type ExtractPath = paths['/v1/workspaces/{workspaceId}/credentials/activities/extract'];

/** An AI reading of a certificate: suggested fields, each with its confidence and any flag. */
export type CertificateExtraction = ExtractPath['post']['responses'][200]['content']['application/json'];
export type SuggestedFields = CertificateExtraction['fields'];
export type SuggestedField = SuggestedFields[keyof SuggestedFields];

/** Asks the API to read a certificate already in the vault; nothing is saved by it (P-AI-2). */
export function useExtractCertificate(workspaceId: string) {
  return useMutation({
    mutationFn: (documentId: string) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/activities/extract', {
          params: { path: { workspaceId } },
          body: { documentId },
        }),
      ),
  });
}

/** Attaches the certificate the fields were read from to the activity just saved. */
export function attachCertificate(workspaceId: string, activityId: string, documentId: string) {
  return unwrap(
    api.POST('/v1/workspaces/{workspaceId}/attachments/{recordType}/{recordId}', {
      params: { path: { workspaceId, recordType: 'ce-activity', recordId: activityId } },
      body: { documentId },
    }),
  );
}
