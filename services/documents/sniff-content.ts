// Temporary: moved to shared/files/sniff-content.ts; removed once its last importer moves.
export type { DocumentContentType } from '#shared/files/sniff-content';
