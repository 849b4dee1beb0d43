// The GraphQL client of the workspace: one POST per operation to /graphql on this origin,
// with the API key kept for the browser session (sessionStorage) when keys are configured.

const KEY = "duegraph.apiKey";

export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export const stats = { graphql: 0, byPage: {} };
let currentPage = "";

export function setPage(name) {
  currentPage = name;
  stats.byPage[name] = stats.byPage[name] || 0;
}

export function apiKey() {
  return sessionStorage.getItem(KEY) || "";
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

export function authHeaders() {
  const key = apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

const listeners = new Set();
export function onUnauthenticated(fn) {
  listeners.add(fn);
}

function unauthenticated(message) {
  for (const fn of listeners) fn(message);
}

export async function session() {
  const response = await fetch("/api/session", { headers: authHeaders() });
  return { status: response.status, ...(await response.json()) };
}

// Runs one operation; resolves to `data`, rejects with ApiError (code from extensions).
export async function gql(query, variables = {}, { signal } = {}) {
  stats.graphql += 1;
  stats.byPage[currentPage] = (stats.byPage[currentPage] || 0) + 1;
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...authHeaders() },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError("The server cannot be reached. Check your connection and try again.", "NETWORK", 0);
  }
  let body = {};
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} without a readable body.`, "BAD_RESPONSE", response.status);
  }
  if (response.status === 401) {
    const message = body.errors?.[0]?.message || "An API key is required.";
    unauthenticated(message);
    throw new ApiError(message, "UNAUTHENTICATED", 401);
  }
  if (body.errors?.length && !body.data) {
    const e = body.errors[0];
    throw new ApiError(e.message, e.extensions?.code || "ERROR", response.status);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    const partial = new ApiError(e.message, e.extensions?.code || "ERROR", response.status);
    if (Object.values(body.data || {}).every((v) => v === null)) throw partial;
    body.data.__errors = body.errors;
  }
  return body.data;
}

// A GET or POST to one of the workspace endpoints (report, screening) with the key.
export async function call(url, options = {}) {
  const response = await fetch(url, { ...options, headers: { ...(options.headers || {}), ...authHeaders() } });
  if (response.status === 401) {
    unauthenticated("The API key is missing or not valid.");
  }
  if (!response.ok) {
    let message = `The server answered ${response.status}.`;
    let code = "HTTP_" + response.status;
    try {
      const body = await response.json();
      message = body.errors?.[0]?.message || message;
      code = body.errors?.[0]?.extensions?.code || code;
    } catch {
      /* not JSON */
    }
    throw new ApiError(message, code, response.status);
  }
  return response;
}
