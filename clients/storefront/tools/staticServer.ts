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
  /** Every path answered 404 so far: a page that asks for what the site does not have. */
  notFound: string[];
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 (port 0: any free port), so the page has an origin of its own. */
export async function serveFolder(folder: string, port = 0): Promise<StaticSite> {
  const notFound: string[] = [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = normalize(join(folder, path === "/" ? "index.html" : path));
    const type = contentTypes[extname(file)];
    const missing = () => {
      notFound.push(path);
      response.writeHead(404).end();
    };
    // Only known file types inside the folder: never a path that climbs out of it.
    if (!file.startsWith(folder + "/") || type === undefined) return missing();
    try {
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
    } catch {
      missing();
    }
  });
  await new Promise<void>((listening) => server.listen(port, "127.0.0.1", listening));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, notFound, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((closed) => server.close(() => closed()));
}
