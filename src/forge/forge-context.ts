import { z } from 'zod';
import { AccountIdSchema, PageIdSchema } from '../contract/ids';
import { AppError } from '../shared/app-error';
import type { Viewer } from '../shared/viewer';

/** The parts of a Forge invocation context HDC Ops reads; everything else is ignored. */
const ForgeContextSchema = z.looseObject({
  accountId: z.string().optional(),
  extension: z
    .looseObject({
      content: z.looseObject({ id: z.union([z.string(), z.number()]).optional() }).optional(),
    })
    .optional(),
});

export interface ForgeCallContext {
  viewer: Viewer;
  /** The Confluence page the macro sits on, when called from a macro. */
  contentPageId: string | undefined;
}

export function readForgeContext(raw: unknown): ForgeCallContext {
  const context = ForgeContextSchema.safeParse(raw ?? {});
  const accountId = context.success ? context.data.accountId : undefined;
  if (accountId === undefined || !AccountIdSchema.safeParse(accountId).success) {
    throw new AppError('forbidden', 'This action needs a signed-in Confluence user', {
      guidance: 'Sign in to Confluence and open the page again.',
      retryable: false,
    });
  }
  const contentId = context.success ? context.data.extension?.content?.id : undefined;
  const page = PageIdSchema.safeParse(contentId === undefined ? undefined : String(contentId));
  return { viewer: { accountId }, contentPageId: page.success ? page.data : undefined };
}
