import { createHmac, randomBytes } from "node:crypto";

const issuer = "orders-storefront-tests";
const audience = "orders-api-storefront-tests";

/**
 * A signing key made for one test run, given to the API through the same Authentication:Schemes:Bearer
 * settings an operator uses, and HS256 tokens signed with it.
 */
export class TestTokens {
  private readonly key = randomBytes(32);

  /** The environment that makes the API trust mint()'s tokens. */
  get apiEnvironment(): Record<string, string> {
    return {
      Authentication__Schemes__Bearer__ValidIssuer: issuer,
      Authentication__Schemes__Bearer__ValidAudiences__0: audience,
      Authentication__Schemes__Bearer__SigningKeys__0__Issuer: issuer,
      Authentication__Schemes__Bearer__SigningKeys__0__Value: this.key.toString("base64"),
    };
  }

  /** A token for `subject`, the owner of the orders it places; valid from a minute ago for an hour. */
  mint(subject: string, claims: object = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: subject, iss: issuer, aud: audience, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims })}`;
    return `${unsigned}.${createHmac("sha256", this.key).update(unsigned).digest("base64url")}`;
  }

  /** The fulfilment service's token (the warehouse): its `scope` claim holds orders:fulfil. */
  mintService(): string {
    return this.mint("fulfilment-worker", { scope: "orders:fulfil" });
  }
}
