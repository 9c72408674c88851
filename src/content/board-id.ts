/** A board given by its Pinterest id (digits, as boards.yml and pins may name one) rather than by name. */
export const isBoardId = (board: string): boolean => /^\d+$/.test(board);
