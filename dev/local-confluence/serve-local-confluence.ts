import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalConfluenceOptions } from './local-confluence-server';
import { createLocalConfluence } from './local-confluence-server';
import type { LocalConfluenceSite } from './local-confluence-site';

/** The local Confluence on its own port (tests and the bench; the local host mounts it in its own server). */
export async function serveLocalConfluence(site: LocalConfluenceSite, options: LocalConfluenceOptions) {
  const api = createLocalConfluence(site, options);
  const server = createServer((request, response) => {
    api.handle(request, response).then(
      (handled) => {
        if (!handled) {
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not found', detail: null }] }),
          );
        }
      },
      (error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      },
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    api,
    site,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
