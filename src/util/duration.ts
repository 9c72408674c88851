const UNIT: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `48h`, `1d12h`, `30m`, `2w` → milliseconds (the settings schema has already checked the form). */
export function durationMs(s: string): number {
  let ms = 0;
  for (const m of s.matchAll(/(\d+)([wdhm])/g)) ms += Number(m[1]) * (UNIT[m[2] as string] as number);
  return ms;
}
