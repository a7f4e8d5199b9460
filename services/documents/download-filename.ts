import type { DocumentContentType } from '#services/documents/sniff-content';

/** The file name extension a download gets for each stored type. */
export const EXTENSIONS: Record<DocumentContentType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/**
 * A download file name that is safe in a Content-Disposition header on every platform: the title reduced
 * to ASCII letters, digits, dots, dashes and underscores, never empty, never hidden, with the type's extension.
 */
export function downloadFilename(title: string, contentType: DocumentContentType): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100)
    .replace(/[-.]+$/g, '');
  return `${stem || 'document'}.${EXTENSIONS[contentType]}`;
}
