import { z } from 'zod';
import { BoardsFileSchema, PinFileSchema, PinSchema } from '../content/schema.js';
import { SettingsSchema } from '../settings/schema.js';

/** The JSON Schemas written to schemas/: generated from the zod schemas, never edited by hand. */
export function buildJsonSchemas(): Record<string, string> {
  const emit = (schema: z.ZodType) => {
    const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
    return `${JSON.stringify(json, null, 2)}\n`;
  };
  return {
    'pin.schema.json': emit(PinSchema),
    'pin-file.schema.json': emit(PinFileSchema),
    'boards.schema.json': emit(BoardsFileSchema),
    'settings.schema.json': emit(SettingsSchema),
  };
}
