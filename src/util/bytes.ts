/** A large size in words: `1.5 GB`, `20.0 MB`. */
export const megabytes = (bytes: number): string => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`);

/** A size for a message, in the unit that reads best: `312 bytes`, `4.2 KB`, `16.3 MB`. */
export const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1048576).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;

/** A size cap, a round number of KB or MB: `16 MB`, `64 KB`. */
export const capText = (cap: number): string => (cap >= 1024 * 1024 ? `${cap / 1048576} MB` : `${cap / 1024} KB`);
