import { AppError } from '../shared/app-error';

/** What the port was doing when Confluence refused, in people's words. */
export type Operation = 'list' | 'read' | 'delete' | 'restore' | 'publish' | 'comment';

const ACTION_WORDS: Record<Operation, string> = {
  list: 'list the pages under this page',
  read: 'read this page',
  delete: 'delete this page',
  restore: 'restore this page',
  publish: 'write pages under this page',
  comment: 'comment on this page',
};

/** The one translation of Confluence's answers into AppError: statuses, not message text. */
export function refusal(
  operation: Operation,
  pageId: string,
  status: number,
  actingAs: 'user' | 'app',
  retryAfter: string | null,
): AppError {
  const who = actingAs === 'user' ? 'You' : 'The app';
  if (status === 401) {
    return new AppError('unavailable', "Confluence did not accept HDC Ops's credentials", {
      guidance:
        actingAs === 'user'
          ? 'Open the macro again and allow HDC Ops to act for you; from the CLI, check CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN.'
          : 'Reinstall or upgrade the app so that its Confluence scopes are granted.',
      retryable: false,
    });
  }
  if (status === 403 || status === 404) {
    return new AppError('forbidden', `${who} may not ${ACTION_WORDS[operation]} in Confluence (page ${pageId})`, {
      guidance:
        operation === 'delete' || operation === 'restore'
          ? `Ask a space admin to ${operation === 'delete' ? 'delete' : 'restore'} the page, or to give you the "Delete" permission in its space; the page may also be gone or restricted.`
          : 'Check that the page exists and that you can view it in Confluence (page restrictions apply).',
      retryable: false,
      details: { pageId, status },
    });
  }
  if (status === 400 && (operation === 'publish' || operation === 'comment')) {
    return new AppError('validation', `Confluence refused to ${ACTION_WORDS[operation]} (page ${pageId})`, {
      guidance:
        'A page with the same title may already be in the space elsewhere: rename or move it, then let the next run write it again.',
      retryable: false,
      details: { pageId, status },
    });
  }
  if (status === 409) {
    return new AppError(
      'conflict',
      `Confluence refused to ${ACTION_WORDS[operation]}: it changed meanwhile (page ${pageId})`,
      {
        guidance: 'Scan again and make a new plan.',
        retryable: false,
        details: { pageId },
      },
    );
  }
  if (status === 429 || status >= 500) {
    return new AppError(
      'transient',
      status === 429 ? "Confluence is limiting HDC Ops's requests" : 'Confluence did not answer',
      {
        guidance: `Wait${retryAfter ? ` ${retryAfter} s` : ' a minute'} and continue: work already done is kept and not repeated.`,
        retryable: true,
        details: { pageId, status },
      },
    );
  }
  return new AppError('internal', `Confluence answered ${status} to a request HDC Ops made`, {
    retryable: false,
    details: { pageId, status },
  });
}

/** An answer Confluence's published schemas do not accept. */
export function unknownShape(cause: unknown): AppError {
  return new AppError('internal', 'Confluence answered in a shape HDC Ops does not know', { cause, retryable: false });
}
