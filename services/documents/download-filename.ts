// Temporary: moved to shared/files/download-filename.ts; removed once its last importer moves.
export { downloadDisposition } from '#shared/files/download-filename';
