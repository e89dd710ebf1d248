import { openPgExecutor } from './pg-executor';

/**
 * A new, empty database on the Postgres server of `serverUrl` (tests, the bench, the drill's scratch database), so that runs in
 * parallel never share one: its URL, and how to drop it.
 */
export async function createServerDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = openPgExecutor(serverUrl);
  await admin.exec(`create database ${name}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = openPgExecutor(serverUrl);
      await dropper.exec(`drop database if exists ${name} with (force)`);
      await dropper.close();
    },
  };
}
