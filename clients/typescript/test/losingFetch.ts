/**
 * A fetch that loses the first answer to `method` after the server sent it: the request went through
 * and was committed, then the client sees a network error, as when a connection drops on the way back.
 * Everything else, the client's retry included, passes through untouched.
 */
export function losingFirstAnswer(method: string) {
  const seen: string[] = [];
  let lost = false;
  const fetchOnce = async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    seen.push(`${request.method} ${response.status}`);
    if (request.method === method && !lost) {
      lost = true;
      await response.arrayBuffer(); // read to the end: the server is done with it
      throw new TypeError("fetch failed (answer lost on the way back)");
    }
    return response;
  };
  return { fetch: fetchOnce, seen };
}
