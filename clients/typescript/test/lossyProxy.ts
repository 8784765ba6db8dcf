import { request as forward, createServer, type Server } from "node:http";

/**
 * A test-only proxy that loses the answer to the first POST after the server has committed: it
 * forwards the request, waits for the whole upstream answer (so the order exists), then either cuts
 * the connection ("drop") or holds the answer past the client's timeout ("hold"). Everything else,
 * including the client's retry, passes through untouched.
 */
export class LossyProxy {
  posts = 0;

  private constructor(private readonly server: Server, readonly url: string) {}

  static start(upstream: string, mode: "drop" | "hold"): Promise<LossyProxy> {
    const target = new URL(upstream);
    let proxy: LossyProxy;
    const server = createServer((incoming, outgoing) => {
      const losesThisAnswer = incoming.method === "POST" && proxy.posts++ === 0;
      const upstreamRequest = forward({
        host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers,
      }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          if (losesThisAnswer && mode === "drop") return void incoming.socket.destroy();
          const relay = () => {
            if (outgoing.destroyed || incoming.socket.destroyed) return;
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
          };
          // Held for longer than any test's per-attempt timeout; the client has given up by then.
          if (losesThisAnswer) setTimeout(relay, 3_000).unref(); else relay();
        });
      });
      upstreamRequest.on("error", () => outgoing.destroy());
      incoming.pipe(upstreamRequest);
    });
    return new Promise((ready) => server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      proxy = new LossyProxy(server, `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
      ready(proxy);
    }));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}
