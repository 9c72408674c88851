/**
 * How strict decoding is wherever media is read for Pinterest: a truncated or corrupt image fails
 * (libvips errors), a harmless warning (extra bytes after the end of a JPEG) does not. Its own
 * module, since both the renderer and the decoder (which loads the renderer's sharp) use it.
 */
export const FAIL_ON = 'error' as const;
