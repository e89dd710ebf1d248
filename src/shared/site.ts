import { z } from 'zod';

/**
 * A Confluence site (installation), written as Forge writes `installContext`. Every stored row
 * belongs to one. It comes from the Forge runtime, never from a payload; locally from HDC_SITE_ID
 * or `--site`.
 */
export const SiteIdSchema = z
  .string()
  .regex(
    /^ari:cloud:confluence::site\/[A-Za-z0-9][A-Za-z0-9-]{0,63}$/,
    'must be a Confluence site ARI (ari:cloud:confluence::site/<cloud id>)',
  );
export type SiteId = z.infer<typeof SiteIdSchema>;

/** The site of the local host, the CLI and the bench when HDC_SITE_ID is not set. */
export const LOCAL_SITE_ID: SiteId = 'ari:cloud:confluence::site/local';
