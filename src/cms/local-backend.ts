// Where the CMS finds decap-server when /admin runs on localhost (`npm start`, the CMS test): the
// port is named once because config.yml's local_backend and /admin's CSP must both allow it.
export const DECAP_PORT = 8081;
export const LOCAL_BACKEND_URL = `http://localhost:${DECAP_PORT}/api/v1`;
