import type { components, paths } from './generated/api.js';

/** Shapes from Pinterest's own spec (generated; see scripts/gen-pinterest.ts). */
export type Schemas = components['schemas'];
export type Paths = paths;
export type ApiPin = Schemas['Pin'];
export type ApiBoard = Schemas['Board'];
export type ApiBoardSection = Schemas['BoardSection'];
export type PinCreate = Schemas['PinCreate'];
export type PinUpdate = Schemas['PinUpdate'];
export type BoardCreate = Schemas['BoardCreate'];
export type MediaUpload = Schemas['MediaUpload'];
export type MediaDetails = Schemas['Media'];
export type Account = Schemas['Account'];
export type PinAnalytics = Schemas['PinAnalyticsResponse'];
/** The metric types `GET /pins/{pin_id}/analytics` takes. */
export type PinMetric = NonNullable<Paths['/pins/{pin_id}/analytics']['get']['parameters']['query']>['metric_types'][number];
