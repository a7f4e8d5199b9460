import { UnsupportedMediaTypeError } from '#shared/errors';

/**
 * The bytes are not a whole, well-formed file of the type declared for them: a direct upload's body
 * (`param` `body`, the default) or a presigned upload's staged object (`param` `upload_id`). The reason
 * comes from the structure check and completes "… is not a valid <type> file: <reason>".
 */
export class FileContentMismatchError extends UnsupportedMediaTypeError {
  override name = 'FileContentMismatchError';
  constructor(
    contentType: string,
    reason?: string,
    param: 'body' | 'upload_id' | 'file' = 'body',
    options?: ErrorOptions,
  ) {
    const subject = param === 'body' ? 'The body' : 'The uploaded file';
    const why = reason ? `: ${reason}` : '';
    super([contentType], {
      ...options,
      param,
      message: `${subject} is not a valid ${contentType} file${why}`,
    });
  }
}
