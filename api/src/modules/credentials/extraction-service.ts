import type { Readable } from 'node:stream';
import { NOT_CONFIGURED_DETAIL } from '../../platform/ai/ai-client.js';
import { AI_DOCUMENT_TYPES, type AiDocumentType } from '../../platform/ai/types.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { withAiQuota } from '../communications/ai-quota.js';
import { openDocumentContent } from '../vault/service.js';
import { listRules } from './catalogue/load-catalogue.js';
import { reviewExtraction } from './extraction-review.js';
import { ExtractionAnswerSchema, type CertificateExtraction } from './extraction-schema.js';
import { invalidField } from './field-error.js';
import { describeRenewal, listLicenses } from './license-service.js';
import { CERTIFICATE_EXTRACTION_PROMPT, describeAllowedTopics } from './prompts/certificate-extraction-v1.js';
import { sameTopic } from './requirements.js';

/** The largest certificate read with AI: both providers take far more, a certificate needs far less. */
export const MAX_EXTRACTION_BYTES = 10 * 1024 * 1024;

function isAiDocumentType(type: string): type is AiDocumentType {
  return (AI_DOCUMENT_TYPES as readonly string[]).includes(type);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function uniqueTopics(names: readonly string[]): string[] {
  return names.filter((name, index) => names.findIndex((other) => sameTopic(other, name)) === index);
}

/**
 * The topics a certificate may be filed under: those the catalogue rules of the workspace's
 * licenses name, or every catalogue topic when no license has a rule. Only catalogue names, never
 * a topic the person typed, so nothing of theirs reaches the provider.
 */
async function allowedTopics(deps: AppDeps, tenantId: string): Promise<string[]> {
  const licenses = await listLicenses(deps, tenantId);
  const own = licenses.flatMap((license) =>
    describeRenewal(license)
      .requirements.topics.filter((topic) => topic.frequency !== 'own')
      .map((topic) => topic.topic),
  );
  const names = own.length > 0 ? own : listRules().flatMap((rule) => rule.topics.map((topic) => topic.topic));
  return uniqueTopics(names);
}

/**
 * Reads a certificate in the vault with AI into suggested activity fields, each with a confidence
 * and a flag where the person must check it. Only the file's bytes, the versioned prompt and the
 * catalogue's topic names are sent: no file name, id, person or workspace (P-AI-1). Nothing is
 * saved: the person edits the suggestions and saves the activity themselves (P-AI-2). One AI
 * action of the monthly quota; with no provider, 503 `ai_not_configured` (P-AI-3).
 */
export async function extractCertificate(
  deps: AppDeps,
  tenantId: string,
  documentId: string,
  signal?: AbortSignal,
): Promise<CertificateExtraction> {
  if (!deps.ai.isConfigured()) throw new AppError('ai_not_configured', NOT_CONFIGURED_DETAIL);
  const { document, stream } = await openDocumentContent(deps, tenantId, documentId);
  const mediaType = document.contentType;
  if (!isAiDocumentType(mediaType) || document.size > MAX_EXTRACTION_BYTES) {
    stream.destroy();
    throw invalidField(
      'documentId',
      isAiDocumentType(mediaType)
        ? `is larger than the ${String(MAX_EXTRACTION_BYTES / 1024 / 1024)} MB a certificate can be read from`
        : 'is not a PDF, PNG, JPEG or WebP file, the kinds a certificate can be read from',
    );
  }
  const data = await readAll(stream);
  const topics = await allowedTopics(deps, tenantId);
  const result = await withAiQuota(deps, tenantId, () =>
    deps.ai.generate({
      task: 'extraction',
      instructions: CERTIFICATE_EXTRACTION_PROMPT.instructions,
      input: describeAllowedTopics(topics),
      document: { mediaType, data },
      formatName: 'ce_certificate',
      schema: ExtractionAnswerSchema,
      maxOutputTokens: 2000,
      ...(signal === undefined ? {} : { signal }),
    }),
  );
  return {
    documentId,
    promptVersion: CERTIFICATE_EXTRACTION_PROMPT.version,
    provider: result.provider,
    model: result.model,
    fields: reviewExtraction(result.value, topics),
  };
}
