import { z } from 'zod';
import { AppError } from './app-error';
import type { SiteId } from './site';
import { LOCAL_SITE_ID, SiteIdSchema } from './site';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A connection string pg can open: postgres:// or postgresql://, parsed as a URL. */
function isPostgresUrl(value: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The webhook hosts manifest.yml declares for egress, and a local address (local work, tests). */
function isAlertWebhookUrl(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost')) return true;
  return (
    url.protocol === 'https:' && (url.hostname === 'hooks.slack.com' || url.hostname.endsWith('.webhook.office.com'))
  );
}

const EnvSchema = z.object({
  SUPABASE_URL: optionalText.pipe(z.url().optional()),
  SUPABASE_SERVICE_ROLE_KEY: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine(
        isPostgresUrl,
        'must be a postgres:// connection string, like postgres://user:password@host:5432/database',
      )
      .optional(),
  ),
  HDC_DATA_DIR: optionalText,
  /** Where backups nobody named go (pre-restore, pre-upgrade, drills); default .hdc/backups. */
  HDC_BACKUP_DIR: optionalText,
  HDC_PARENT_PAGE_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,20}$/)
      .optional(),
  ),
  HDC_CANONICAL_EVENT_QUERY: optionalText,
  HDC_WEBTRIGGER_SECRET: optionalText,
  /**
   * Optional: a Slack or Microsoft Teams incoming webhook that also gets each incident notification.
   * A secret (the URL is the credential): never shown, logged or stored. Only the hosts the manifest
   * declares for egress; a local address for local work and tests.
   */
  HDC_ALERT_WEBHOOK_URL: optionalText.pipe(
    z
      .url()
      .refine(isAlertWebhookUrl, {
        message:
          'must be a Slack or Microsoft Teams incoming webhook (https://hooks.slack.com/… or https://….webhook.office.com/…): the manifest allows no other egress',
      })
      .optional(),
  ),
  /** Shown in the weekly report's metadata; default `production` on Supabase, else `local`. */
  HDC_ENVIRONMENT: optionalText.pipe(z.string().max(60).optional()),
  HDC_THRESHOLDS_FILE: optionalText,
  /** The thresholds YAML itself (local work). In Forge, read as JSON when HDC_THRESHOLDS_JSON is not set (its old name). */
  HDC_THRESHOLDS_YAML: optionalText,
  /** The thresholds as JSON: how Forge, which ships no YAML parser, takes thresholds other than the built-in ones. */
  HDC_THRESHOLDS_JSON: optionalText,
  /** The site of local work (CLI, local host, bench). Forge takes the site from each invocation. */
  HDC_SITE_ID: optionalText.pipe(SiteIdSchema.optional()),
  /** CLI only: Confluence over HTTP with an API token (Forge reaches Confluence through requestConfluence). */
  CONFLUENCE_BASE_URL: optionalText.pipe(z.url().optional()),
  CONFLUENCE_EMAIL: optionalText,
  CONFLUENCE_API_TOKEN: optionalText,
});

export type StoreSelection =
  | { kind: 'supabase'; url: string; serviceRoleKey: string }
  | { kind: 'postgres'; connectionString: string }
  | { kind: 'pglite'; dataDir: string };

export interface AppConfig {
  readonly store: StoreSelection;
  /** Local work only (HDC_SITE_ID, default LOCAL_SITE_ID); never used in Forge. */
  readonly site: SiteId;
  readonly parentPageId: string | undefined;
  readonly canonicalEventQuery: string;
  readonly webtriggerSecret: string | undefined;
  readonly alertWebhookUrl: string | undefined;
  readonly environment: string;
  readonly thresholds: { json: string | undefined; yaml: string | undefined; file: string | undefined };
  /** CLI only: the Confluence site and the API token it acts with. */
  readonly confluence: { baseUrl: string; email: string; apiToken: string } | undefined;
  /** CLI only: the folder of automatic backups (pre-restore, pre-upgrade, drills). */
  readonly backupDir: string;
}

export const DEFAULT_DATA_DIR = '.hdc/data';
const DEFAULT_BACKUP_DIR = '.hdc/backups';

/** Reads the environment once, validated; a bad value fails fast naming the variable (never its value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Each variable named with what it must be; never its value (it may hold a password).
    const problems = [
      ...new Set(
        parsed.error.issues.map(
          (issue) => `${String(issue.path[0])} ${issue.code === 'custom' ? issue.message : 'is not valid'}`,
        ),
      ),
    ];
    throw new AppError(
      'validation',
      `Invalid environment ${problems.length === 1 ? 'variable' : 'variables'}: ${problems.join('; ')}`,
      {
        guidance: 'Fix the named variables (see .env.example), then run again.',
        retryable: false,
      },
    );
  }
  const vars = parsed.data;
  const store = selectStore(vars);
  return Object.freeze({
    store,
    site: vars.HDC_SITE_ID ?? LOCAL_SITE_ID,
    parentPageId: vars.HDC_PARENT_PAGE_ID,
    canonicalEventQuery: vars.HDC_CANONICAL_EVENT_QUERY ?? 'HDC Auto',
    webtriggerSecret: vars.HDC_WEBTRIGGER_SECRET,
    alertWebhookUrl: vars.HDC_ALERT_WEBHOOK_URL,
    environment: vars.HDC_ENVIRONMENT ?? (store.kind === 'supabase' ? 'production' : 'local'),
    thresholds: { json: vars.HDC_THRESHOLDS_JSON, yaml: vars.HDC_THRESHOLDS_YAML, file: vars.HDC_THRESHOLDS_FILE },
    confluence: confluenceOf(vars),
    backupDir: vars.HDC_BACKUP_DIR ?? DEFAULT_BACKUP_DIR,
  });
}

function confluenceOf(vars: z.infer<typeof EnvSchema>): AppConfig['confluence'] {
  const { CONFLUENCE_BASE_URL: baseUrl, CONFLUENCE_EMAIL: email, CONFLUENCE_API_TOKEN: apiToken } = vars;
  if (baseUrl === undefined && email === undefined && apiToken === undefined) return undefined;
  if (baseUrl === undefined || email === undefined || apiToken === undefined) {
    throw new AppError(
      'validation',
      'CONFLUENCE_BASE_URL, CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN must be set together',
      {
        guidance:
          'Set all three (an API token from id.atlassian.com of an account that may delete pages in the HDC space), or none.',
        retryable: false,
      },
    );
  }
  return { baseUrl, email, apiToken };
}

function selectStore(vars: z.infer<typeof EnvSchema>): StoreSelection {
  if (vars.SUPABASE_URL !== undefined || vars.SUPABASE_SERVICE_ROLE_KEY !== undefined) {
    if (vars.SUPABASE_URL === undefined || vars.SUPABASE_SERVICE_ROLE_KEY === undefined) {
      throw new AppError('validation', 'SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY must be set together', {
        guidance: 'Set both Forge variables (forge variables set --encrypt SUPABASE_SERVICE_ROLE_KEY …) or neither.',
        retryable: false,
      });
    }
    return { kind: 'supabase', url: vars.SUPABASE_URL, serviceRoleKey: vars.SUPABASE_SERVICE_ROLE_KEY };
  }
  if (vars.DATABASE_URL !== undefined) return { kind: 'postgres', connectionString: vars.DATABASE_URL };
  return { kind: 'pglite', dataDir: vars.HDC_DATA_DIR ?? DEFAULT_DATA_DIR };
}
