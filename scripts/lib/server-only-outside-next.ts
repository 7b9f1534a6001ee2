/**
 * What `import "server-only"` resolves to outside Next's bundler: the worker, scripts, the custom server and the tests
 * run server modules directly under Node, where the marker package's default export throws (it expects Next's
 * react-server condition). Inside Next the real package stays in force and fails any client bundle that pulls in a
 * server module. Wired through the root tsconfig's `paths` (tsx, Playwright) and vitest's alias.
 */
export {};
