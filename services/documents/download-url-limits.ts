/** Long enough to start a download, short enough that a leaked link is soon useless. */
export const DOWNLOAD_URL_TTL_SECONDS = 300;
/** Bounds of `expires_in`: a caller may ask for a shorter link (down to one second), never a longer one than this. */
export const MIN_DOWNLOAD_URL_TTL_SECONDS = 1;
export const MAX_DOWNLOAD_URL_TTL_SECONDS = 900;
