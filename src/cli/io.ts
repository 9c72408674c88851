/** Where the CLI reads and writes; tests pass their own. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stdout is a terminal that takes colour. */
  color: boolean;
}
