/** The HTTP side of the contract (../../shared/API.md): JSON under /api, the session cookie and a CSRF header. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function csrfToken(): string | undefined {
  const found = document.cookie.split('; ').find((c) => c.startsWith('p2p_csrf='));
  return found ? decodeURIComponent(found.slice('p2p_csrf='.length)) : undefined;
}

/** Called when the server says the session is over, so the app can go back to sign-in. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  keepalive = false,
): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...headers },
    keepalive,
  };
  if (method !== 'GET') {
    const csrf = csrfToken();
    if (csrf) (init.headers as Record<string, string>)['x-csrf-token'] = csrf;
  }
  if (body !== undefined) {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, init);
  } catch {
    throw new ApiError(
      0,
      "We couldn't reach the board. Please check your connection; nothing you wrote here has been lost.",
    );
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const b = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    const message = typeof b.message === 'string' ? b.message : 'Something went wrong on our side. Please try again.';
    if (res.status === 401 && path !== '/auth/login') onSignedOut();
    throw new ApiError(res.status, message, b);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body ?? {}, headers),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  /** A PUT the browser finishes even as the page closes (a draft saved on leaving; up to 64 KB). */
  putAsPageCloses: <T>(path: string, body: unknown) => request<T>('PUT', path, body, {}, true),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** Printable pages (meeting packs) as text, in the format asked for. */
  text: async (path: string, accept: string) => {
    const res = await fetch(`/api${path}`, { credentials: 'same-origin', headers: { accept } });
    if (!res.ok) throw new ApiError(res.status, 'We could not open that.');
    return res.text();
  },
};

export const newKey = (): string => crypto.randomUUID();
