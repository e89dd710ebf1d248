/** One of the app's own lifecycle events for a site, as Forge delivers it. */
export interface LifecycleEvent {
  kind: 'installed' | 'upgraded';
  installationId: string;
  version: string;
  /** Who installed or upgraded it, when Forge says. */
  accountId: string | null;
  at: Date;
}

/** The site's installation and the versions it ran (one SQL function, idempotent). */
export interface InstallationStore {
  record(event: LifecycleEvent): Promise<{ recorded: boolean }>;
}
