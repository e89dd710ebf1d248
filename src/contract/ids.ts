import { z } from 'zod';

/** Ids arriving from outside. Kept strict: a malformed id is a validation error, never a query. */
export const EventIdSchema = z.uuid({ message: 'must be an event id (UUID)' });
export const PageIdSchema = z.string().regex(/^\d{1,20}$/, 'must be a Confluence page id (digits)');
export const AccountIdSchema = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'must be an Atlassian account id');

/** A per-action key that makes a write safe to retry (the macros make one per click). */
export const IdempotencyKeySchema = z.uuid({ message: 'must be a UUID, new for each action' });
