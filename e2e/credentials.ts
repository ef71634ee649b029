/** The one user of the browser tests' server (scripts/e2e-server.ts). Test data, not a secret. */
export const E2E_USER = {
  username: "e2e",
  password: "e2e-password-not-secret",
};
