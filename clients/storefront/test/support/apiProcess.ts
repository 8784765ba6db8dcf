import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repositoryRoot } from "../../tools/paths.js";

/** The real Orders API as a process on 127.0.0.1, on a fresh SQLite file, trusting one storefront origin. */
export class ApiProcess {
  private readonly output: string[] = [];

  private constructor(readonly url: string, private readonly child: ChildProcess, private readonly database: string) {
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    // A crashed test run must not leave an API behind.
    process.once("exit", () => child.kill());
  }

  static async start(allowedOrigin: string, environment: Record<string, string>): Promise<ApiProcess> {
    const dll = process.env.ORDERS_API_DLL ?? join(repositoryRoot, "src/Orders.Api/bin/Debug/net10.0/Orders.Api.dll");
    if (!existsSync(dll)) throw new Error(`${dll} is missing: run dotnet build src/Orders.Api first.`);
    const database = join(tmpdir(), `orders-storefront-${process.pid}-${Date.now()}.db`);
    const url = `http://127.0.0.1:${await freePort()}`;
    const child = spawn("dotnet", [dll, "--urls", url], {
      env: {
        ...process.env,
        ...environment,
        ConnectionStrings__Orders: `Data Source=${database}`,
        Cors__AllowedOrigins__0: allowedOrigin,
        // Tests click fast and count exactly; a 429 would be noise here.
        RateLimiting__Enabled: "false",
        Logging__LogLevel__Default: "Warning",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const api = new ApiProcess(url, child, database);
    try {
      await api.waitUntilReady();
    } catch (error) {
      await api.stop();
      throw error;
    }
    return api;
  }

  /** Bounded: 120 tries 500 ms apart (a busy 2-core machine starts .NET slowly); fails at once if the process died. */
  private async waitUntilReady(): Promise<void> {
    for (let attempt = 0; attempt < 120; attempt++) {
      if (this.child.exitCode !== null) throw new Error(`The API exited with ${this.child.exitCode}:\n${this.output.join("")}`);
      try {
        if ((await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) })).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((wait) => setTimeout(wait, 500));
    }
    throw new Error(`The API at ${this.url} was not ready within 60 s:\n${this.output.join("")}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((done) => this.child.once("exit", done));
      this.child.kill("SIGTERM");
      const killTimer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killTimer);
    }
    for (const suffix of ["", "-wal", "-shm"]) rmSync(this.database + suffix, { force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no free port"))));
    });
  });
}
