import type { SqlExecutor } from '../src/store/sql-executor';

/** The HDC original's approach, for the ratio: one statement per hack inside a transaction. */
export async function perHackSync(db: SqlExecutor, eventId: string): Promise<number> {
  let roundTrips = 0;
  await db.transaction(async (tx) => {
    const hacks = await tx.query<{ id: string; site_id: string; title: string; owner_account_id: string }>(
      'select id, site_id, title, owner_account_id from hack where event_id = $1 and submitted_at is not null and synced_to_library_at is null for update',
      [eventId],
    );
    roundTrips += 1;
    for (const hack of hacks) {
      await tx.query(
        `with copied as (insert into library_hack (source_hack_id, site_id, event_id, title, owner_account_id) values ($1, $5, $2, $3, $4))
         update hack set synced_to_library_at = now() where id = $1`,
        [hack.id, eventId, hack.title, hack.owner_account_id, hack.site_id],
      );
      roundTrips += 1;
    }
    await tx.query(`update event set lifecycle = 'completed', completed_at = now() where id = $1`, [eventId]);
    roundTrips += 1;
  });
  return roundTrips;
}
