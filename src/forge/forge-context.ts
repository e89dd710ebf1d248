import { z } from 'zod';
import { AccountIdSchema, PageIdSchema } from '../contract/ids';
import { AppError } from '../shared/app-error';
import type { SiteId } from '../shared/site';
import { SiteIdSchema } from '../shared/site';
import type { Viewer } from '../shared/viewer';

/**
 * The parts of a Forge invocation context HDC Ops reads; everything else is ignored. For resolvers,
 * @forge/resolver sets installContext and accountId from the runtime, over anything the frontend
 * context holds; for triggers they are the runtime's context argument itself.
 */
const ForgeContextSchema = z.looseObject({
  installContext: z.string().optional(),
  accountId: z.string().optional(),
  extension: z
    .looseObject({
      content: z.looseObject({ id: z.union([z.string(), z.number()]).optional() }).optional(),
    })
    .optional(),
});

export interface ResolverCall {
  site: SiteId;
  viewer: Viewer;
  /** The Confluence page the macro sits on, when called from a macro. */
  contentPageId: string | undefined;
}

type ForgeContext = z.infer<typeof ForgeContextSchema> | undefined;
const parse = (raw: unknown): ForgeContext => ForgeContextSchema.safeParse(raw ?? {}).data;

/** The installation the invocation runs for: every row it reads or writes belongs to this site. */
export const siteOfContext = (raw: unknown): SiteId => siteOf(parse(raw));

function siteOf(context: ForgeContext): SiteId {
  const installContext = context?.installContext;
  const site = SiteIdSchema.safeParse(installContext);
  if (site.success) return site.data;
  throw new AppError(
    'forbidden',
    installContext === undefined
      ? 'This call came from no Confluence site installation'
      : 'HDC Ops runs on Confluence sites only',
    {
      guidance: 'Open HDC Ops from a page of a Confluence site where the app is installed.',
      retryable: false,
    },
  );
}

export function readResolverCall(raw: unknown): ResolverCall {
  const context = parse(raw);
  const site = siteOf(context);
  const accountId = context?.accountId;
  if (accountId === undefined || !AccountIdSchema.safeParse(accountId).success) {
    throw new AppError('forbidden', 'This action needs a signed-in Confluence user', {
      guidance: 'Sign in to Confluence and open the page again.',
      retryable: false,
    });
  }
  const contentId = context?.extension?.content?.id;
  const page = PageIdSchema.safeParse(contentId === undefined ? undefined : String(contentId));
  return { site, viewer: { accountId }, contentPageId: page.success ? page.data : undefined };
}
