/**
 * How loud a run's warning is: the annotation it becomes in the action (`info` is a line of the
 * log only, for what a run says every time without it being news), its prefix in the CLI.
 */
export type WarningLevel = 'info' | 'notice' | 'warning' | 'error';

/** Something a run says beside its results, at the level its producer knows it deserves. */
export interface Warning {
  level: WarningLevel;
  text: string;
}
