import type {
  DOCUMENT_TRANSLATED_FIELDS,
  DocumentVersionView,
  DocumentView,
} from '#services/documents/schemas';
import { currentVersion, type DocumentItem, type StoredVersion } from '#services/documents/store';
import { watermarkOutlook } from '#services/documents/watermark-outlook';
import { translationsOf } from '#shared/translations';

export function toVersionView(version: StoredVersion): DocumentVersionView {
  return {
    version_id: version.versionId,
    content_type: version.contentType as DocumentVersionView['content_type'],
    size: version.size,
    sha256: version.sha256,
    uploaded_at: version.uploadedAt,
  };
}

export function toDocumentView(item: DocumentItem): DocumentView {
  const file = currentVersion(item);
  return {
    id: item.documentId,
    title: item.title,
    description: item.description ?? null,
    access_level: item.accessLevel as DocumentView['access_level'],
    category: item.category ?? null,
    featured: item.featured,
    language: item.language as DocumentView['language'],
    ...translationsOf<(typeof DOCUMENT_TRANSLATED_FIELDS)[number]>(item.translations),
    file: file ? toVersionView(file) : null,
    watermark: watermarkOutlook(item.accessLevel, file),
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
