import { z } from 'zod';
import { DeliverySettingsSchema } from './alerts';
import { BackupRecordSchema, DrillRecordSchema } from './operations';
import { PrivacyStatusSchema } from './privacy';
import { OperatorSchema } from './verification';

/**
 * The operators' console (`ops.console`): what it shows beside the ops summary, alerts and the cleanup,
 * in one read — the operators, where alerts and reports go, the latest five backups and drills
 * (read-only: they are taken and run with the CLI), the privacy report's status.
 */
export const OpsConsoleSchema = z.object({
  generatedAt: z.string(),
  operators: z.array(OperatorSchema),
  delivery: DeliverySettingsSchema,
  backups: z.array(BackupRecordSchema),
  drills: z.array(DrillRecordSchema),
  privacy: PrivacyStatusSchema,
});
export type OpsConsole = z.infer<typeof OpsConsoleSchema>;

export const OpsConsolePayloadSchema = z.strictObject({});
export const PrivacyStatusPayloadSchema = z.strictObject({});
