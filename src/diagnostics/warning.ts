/** How loud a run's warning is: the annotation it becomes in the action, its prefix in the CLI. */
export type WarningLevel = 'notice' | 'warning' | 'error';

/** Something a run says beside its results, at the level its producer knows it deserves. */
export interface Warning {
  level: WarningLevel;
  text: string;
}
