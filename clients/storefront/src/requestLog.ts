/**
 * The fetch the orders client uses on this page: it lists every request and its answer on the page, so
 * a screenshot shows what the browser really did (two POSTs for a double click, a lost answer and its
 * retry, a request the browser refused to send).
 */
export function loggingFetch(log: (entry: string) => void): (request: Request) => Promise<Response> {
  return async (request) => {
    // A poll names the version it holds: its 304 means "still that one".
    const sent = `${request.method} ${new URL(request.url).pathname}${request.headers.has("If-None-Match") ? " (If-None-Match)" : ""}`;
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

/**
 * A 409 or 412 is only half the story: sameRequest says whether a 409 is "placed" or a reused
 * reference, alreadyApplied whether a 412 is "your change is in" or "changed elsewhere", and any other
 * 409's code why the order cannot do that.
 */
async function conflictNote(response: Response): Promise<string> {
  if (response.status !== 409 && response.status !== 412) return "";
  const problem = (await response.clone().json().catch(() => undefined)) as { code?: string; sameRequest?: boolean; alreadyApplied?: boolean } | undefined;
  if (problem?.sameRequest !== undefined) return ` (sameRequest: ${problem.sameRequest})`;
  if (problem?.alreadyApplied !== undefined) return ` (alreadyApplied: ${problem.alreadyApplied})`;
  // A 409 that is neither: ORDER_NOT_CANCELLABLE (shipped), ORDER_NOT_CHANGEABLE.
  return problem?.code === undefined ? "" : ` (${problem.code})`;
}
