/**
 * Where the CLI writes into a working tree by default: `pinops preview`'s folder and `pinops
 * calendar`'s PNG. `init` keeps them out of git, and `pinops demo REPO` out of its copy.
 */
export const OUTPUTS = { previews: 'pinops-previews', calendar: 'pinops-calendar.png' } as const;
