import request from 'supertest';

/** Requests to the gateway at `url` as a signed-in person (their bearer token). */
export function callerAt(url: string, who: { token: string }) {
  const auth = <T extends request.Test>(r: T): T => r.auth(who.token, { type: 'bearer' });
  return {
    get: (path: string) => auth(request(url).get(path)),
    post: (path: string, body: object = {}) => auth(request(url).post(path)).send(body),
    put: (path: string, body?: object) => {
      const r = auth(request(url).put(path));
      return body === undefined ? r : r.send(body);
    },
    del: (path: string) => auth(request(url).delete(path)),
  };
}
