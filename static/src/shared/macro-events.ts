import { events } from '@forge/bridge';
import { useEffect, useRef } from 'react';

/**
 * What one HDC macro tells the others on the page (Forge's `events` API: Confluence delivers an
 * event to every Custom UI frame of the app on the page; the local host does the same).
 */
const SYNC_CHANGED = 'hdc.sync-changed';

export interface SyncChanged {
  eventId: string;
}

/** After a sync action changed an event: every HDC macro showing it reloads. */
export function announceSyncChanged(change: SyncChanged): void {
  void events.emit(SYNC_CHANGED, change).catch(() => undefined);
}

/** Runs `onChange` whenever a macro on this page announces a sync change (any event: the reload is cheap). */
export function useSyncChanges(onChange: (change: SyncChanged) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let subscription: { unsubscribe(): void } | undefined;
    let active = true;
    void events
      .on(SYNC_CHANGED, (payload: unknown) => {
        latest.current(payload as SyncChanged);
      })
      .then((handle) => {
        if (active) subscription = handle;
        else handle.unsubscribe();
      })
      .catch(() => undefined);
    return () => {
      active = false;
      subscription?.unsubscribe();
    };
  }, []);
}
