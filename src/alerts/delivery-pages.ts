import type { ConfluencePort } from '../confluence/confluence-port';
import { PageIdSchema } from '../contract/ids';
import { AppError } from '../shared/app-error';

/** Where an operator sends alerts (the operations page) and weekly reports; null leaves one unset. */
export interface DeliveryPages {
  opsPageId: string | null;
  reportPageId: string | null;
}

/**
 * Delivery writes under these pages as the app: each must be a current page the app can see, or the
 * first alert would fail hours later. Refused (validation) before anything is stored.
 */
export async function checkDeliveryPages(confluence: ConfluencePort, pages: DeliveryPages): Promise<void> {
  const ids = [...new Set([pages.opsPageId, pages.reportPageId].filter((id) => id !== null))];
  if (ids.length === 0) return;
  if (ids.some((id) => !PageIdSchema.safeParse(id).success)) {
    throw new AppError('validation', 'A Confluence page id is a number', {
      guidance: "Copy the id from the page's address (…/pages/<id>/…). Nothing was changed.",
      retryable: false,
    });
  }
  const found = await confluence.getPages(ids);
  const unusable = ids.filter((id) => !found.some((page) => page.id === id && page.status === 'current'));
  if (unusable.length === 0) return;
  throw new AppError(
    'validation',
    `${unusable.length === 1 ? 'Page' : 'Pages'} ${unusable.join(', ')} ${unusable.length === 1 ? 'is' : 'are'} not a current Confluence page HDC Ops can see`,
    {
      guidance:
        "Copy the id from the page's address (…/pages/<id>/…), check the page is not in the trash and that the app may view its space. Nothing was changed.",
      retryable: false,
    },
  );
}
