/**
 * The fetch the orders client uses on this page: it lists every request and its answer on the page, so
 * a screenshot shows what the browser really did (two POSTs for a double click, a lost answer and its
 * retry, a request the browser refused to send).
 */
export function loggingFetch(log: (entry: string) => void): (request: Request) => Promise<Response> {
  return async (request) => {
    const sent = `${request.method} ${new URL(request.url).pathname}`;
    try {
      const response = await fetch(request);
      log(`${sent} → ${response.status}${await conflictNote(response)}`);
      return response;
    } catch (error) {
      log(`${sent} → no answer (${error instanceof Error ? error.message : String(error)})`);
      throw error;
    }
  };
}

/** A 409 is only half the story: sameRequest says whether it is "placed" or a reused reference. */
async function conflictNote(response: Response): Promise<string> {
  if (response.status !== 409) return "";
  const problem = (await response.clone().json().catch(() => undefined)) as { sameRequest?: boolean } | undefined;
  return problem?.sameRequest === undefined ? "" : ` (sameRequest: ${problem.sameRequest})`;
}
