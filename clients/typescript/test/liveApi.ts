import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// dist/test/liveApi.js -> the repository root.
const root = resolve(fileURLToPath(import.meta.url), "../../../../..");

/**
 * The real API as a process on 127.0.0.1 with a fresh SQLite file, behind a validating proxy
 * (`prism proxy --errors openapi.yaml`) unless ORDERS_CONFORMANCE=off: every request the tests make
 * and every answer is checked against the committed document, and any mismatch is an error line.
 */
const issuer = "orders-ts-tests";
const audience = "orders-api";
/** This run's signing key: the API trusts it through the settings `dotnet user-jwts` would write. */
const signingKey = randomBytes(32);

/** An HS256 JWT for `sub`, as the storefront's login would hand it out. */
export function mintToken(sub = "owner-ada", claims: object = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub, iss: issuer, aud: audience, iat: now, nbf: now - 60, exp: now + 3600, ...claims })}`;
  return `${unsigned}.${createHmac("sha256", signingKey).update(unsigned).digest("base64url")}`;
}

/** A fulfilment service's token: its `scope` claim holds orders:fulfil, as `dotnet user-jwts create --scope orders:fulfil` writes it. */
export function mintServiceToken(): string {
  return mintToken("fulfilment-worker", { scope: "orders:fulfil" });
}

const jwtSettings = {
  Authentication__Schemes__Bearer__ValidIssuer: issuer,
  Authentication__Schemes__Bearer__ValidAudiences__0: audience,
  Authentication__Schemes__Bearer__SigningKeys__0__Issuer: issuer,
  Authentication__Schemes__Bearer__SigningKeys__0__Value: signingKey.toString("base64"),
};

export class LiveApi {
  private readonly output: string[] = [];

  private constructor(
    readonly baseUrl: string,
    readonly apiUrl: string,
    private readonly processes: ChildProcess[],
    private readonly database: string,
    private readonly prism: ChildProcess | undefined,
  ) {
    prism?.stdout?.on("data", (chunk: Buffer) => this.output.push(chunk.toString()));
  }

  static async start(): Promise<LiveApi> {
    const dll = process.env.ORDERS_API_DLL ?? join(root, "src/Orders.Api/bin/Debug/net10.0/Orders.Api.dll");
    if (!existsSync(dll)) throw new Error(`${dll} not found: build the API first (dotnet build src/Orders.Api).`);
    const database = join(tmpdir(), `orders-ts-${process.pid}-${Date.now()}.db`);
    const apiUrl = `http://127.0.0.1:${await freePort()}`;
    const api = spawn("dotnet", [dll, "--urls", apiUrl], {
      env: { ...process.env, ...jwtSettings, Storage__Provider: "Sqlite", ConnectionStrings__Orders: `Data Source=${database}` },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const processes: ChildProcess[] = [api];
    let prism: ChildProcess | undefined;
    let baseUrl = apiUrl;
    try {
      await waitUntilListing(apiUrl, api);
      if (process.env.ORDERS_CONFORMANCE !== "off") {
        const port = await freePort();
        prism = spawn(join(root, "clients/typescript/node_modules/.bin/prism"),
          ["proxy", "--errors", join(root, "openapi.yaml"), apiUrl, "--host", "127.0.0.1", "--port", String(port)],
          { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, FORCE_COLOR: "0" } });
        processes.push(prism);
        baseUrl = `http://127.0.0.1:${port}`;
        await waitUntilListing(baseUrl, prism);
      }
    } catch (error) {
      processes.forEach((child) => child.kill());
      throw error;
    }
    return new LiveApi(baseUrl, apiUrl, processes, database, prism);
  }

  /** prism's error lines: a request or an answer that breaks openapi.yaml. */
  violations(): string[] {
    return this.output.join("").split("\n").filter((line) => line.includes("✖") || /violation/i.test(line));
  }

  get checksConformance(): boolean {
    return this.prism !== undefined;
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((child) => new Promise((done) => {
      if (child.exitCode !== null) return done(undefined);
      child.once("exit", done);
      child.kill();
    })));
    for (const suffix of ["", "-wal", "-shm"]) rmSync(this.database + suffix, { force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Bounded: 240 tries 250 ms apart (a loaded CI machine starts prism slowly); fails at once if the process died. */
async function waitUntilListing(baseUrl: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited with ${child.exitCode} before it was ready.`);
    try {
      const headers = { Authorization: `Bearer ${mintToken("readiness-probe")}` };
      if ((await fetch(`${baseUrl}/orders?limit=1`, { headers, signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`${child.spawnfile} at ${baseUrl} did not answer within 60 s.`);
}
