/** The peak resident memory of this process, in kB (see peak-rss.mjs). */
export function peakRssKb(): number;
