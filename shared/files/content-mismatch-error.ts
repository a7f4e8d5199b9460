import { HttpError } from '#shared/http/errors';

/**
 * The bytes are not a whole, well-formed file of the type declared for them: a direct upload's body
 * (`param` `body`, the default) or a presigned upload's staged object (`param` `upload_id`). The reason
 * comes from the structure check and completes "… is not a valid <type> file: <reason>".
 */
export class FileContentMismatchError extends HttpError {
  override name = 'FileContentMismatchError';
  constructor(contentType: string, reason?: string, param: 'body' | 'upload_id' = 'body') {
    const subject = param === 'body' ? 'The body' : 'The uploaded file';
    const why = reason ? `: ${reason}` : '';
    super(415, 'unsupported_media_type', `${subject} is not a valid ${contentType} file${why}`, param);
  }
}
