/** How loud a run's warning is: the annotation it becomes in the action, its prefix in the CLI. */
export type WarningLevel = 'notice' | 'warning' | 'error';

/** Something a run says beside its results, at the level its producer knows it deserves. */
export interface Warning {
  level: WarningLevel;
  text: string;
}

/**
 * A warning as a consumer takes it. Plain strings still come from the publish flow's own
 * warnings (src/flows/publish.ts): those are level `warning`.
 */
export const asWarning = (w: string | Warning): Warning => (typeof w === 'string' ? { level: 'warning', text: w } : w);
