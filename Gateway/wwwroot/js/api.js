// The gateway's API from the page: same origin, the session cookie, the CSRF token on writes,
// and ProblemDetails turned into errors that carry the gateway's own words.
let csrf = null;

export function setCsrf(token) { csrf = token; }

export class ApiError extends Error {
  constructor(status, problem) {
    // The gateway's title says what happened, its detail what to do: both, as one sentence pair.
    const title = problem?.title?.replace(/\.$/, '');
    super(title && problem?.detail ? `${title}. ${problem.detail}` : problem?.detail || title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.reason = problem?.reason;
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401) window.dispatchEvent(new CustomEvent('signed-out', { detail: error }));
    throw error;
  }
  return data;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const put = (path, body) => api('PUT', path, body);
export const del = path => api('DELETE', path);
