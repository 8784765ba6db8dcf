import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
};

export interface StaticSite {
  /** The site's origin, e.g. http://127.0.0.1:43123: the Origin the page's requests carry. */
  origin: string;
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 (port 0: any free port), so the page has an origin of its own. */
export async function serveFolder(folder: string, port = 0): Promise<StaticSite> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = normalize(join(folder, path === "/" ? "index.html" : path));
    const type = contentTypes[extname(file)];
    // Only known file types inside the folder: never a path that climbs out of it.
    if (!file.startsWith(folder + "/") || type === undefined) return void response.writeHead(404).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((listening) => server.listen(port, "127.0.0.1", listening));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((closed) => server.close(() => closed()));
}
