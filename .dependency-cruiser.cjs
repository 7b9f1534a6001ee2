/**
 * The client's layering, checked by `npm run lint` (scripts/lint/layers.ts adds the folder-level cycle check):
 * browser code never pulls server runtime code, the server never imports React components, and modules form no cycles.
 * Type-only imports are free: they vanish at build time.
 */

/**
 * Which feature folders under web/src/components each one may import at run time. The map must stay acyclic (checked
 * below), so feature folders never import each other in a cycle; shared pieces go down into ui/ (or web/src/lib).
 */
const featureLayers = {
  ui: [],
  legal: ["ui"],
  pwa: ["ui"],
  admin: ["ui"],
  auth: ["ui", "legal"],
  presence: ["ui"],
  notifications: ["ui"],
  settings: ["ui", "auth"],
  friends: ["ui", "presence"],
  search: ["ui", "friends", "presence"],
  rooms: ["ui", "friends", "settings", "presence"],
  calls: ["ui", "rooms", "friends", "presence"],
  chat: ["ui", "calls", "rooms", "friends", "presence", "notifications"],
  profile: ["ui", "calls", "rooms", "friends", "presence"],
  realtime: ["ui", "calls", "chat", "notifications", "presence", "rooms"],
  home: ["ui", "calls", "chat", "friends", "presence", "rooms"],
  shell: ["ui", "auth", "notifications", "realtime", "settings", "presence", "legal", "rooms"],
};

function assertAcyclic(graph) {
  const state = {};
  const visit = (node, path) => {
    if (state[node] === "done") return;
    if (state[node] === "open") throw new Error(`featureLayers has a cycle: ${[...path, node].join(" → ")}`);
    if (!graph[node]) throw new Error(`featureLayers: "${node}" is allowed but has no entry`);
    state[node] = "open";
    for (const next of graph[node]) visit(next, [...path, node]);
    state[node] = "done";
  };
  for (const node of Object.keys(graph)) visit(node, []);
}
assertAcyclic(featureLayers);

const folder = (name) => `^web/src/components/${name}/`;
const layerRules = Object.entries(featureLayers).map(([name, allowed]) => ({
  name: `feature-layers-${name}`,
  comment: `components/${name} may import only ${allowed.join(", ") || "nothing"} among the feature folders (featureLayers in .dependency-cruiser.cjs).`,
  severity: "error",
  from: { path: folder(name) },
  to: {
    path: "^web/src/components/",
    pathNot: [folder(name), ...allowed.map(folder)],
    dependencyTypesNot: ["type-only"],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "feature-folder-not-layered",
      comment: "A new folder under web/src/components needs its line in featureLayers (.dependency-cruiser.cjs).",
      severity: "error",
      from: { path: "^web/src/components/[^/]+/", pathNot: Object.keys(featureLayers).map(folder) },
      to: {},
    },
    {
      name: "client-imports-server-runtime",
      comment:
        "Components and universal helpers may import types from web/src/server, never code (it would ship server code, or fail, in the browser). Pure shared helpers belong in web/src/lib.",
      severity: "error",
      from: { path: "^web/src/(components|lib|trpc/client)" },
      to: { path: "^web/src/server/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "lib-imports-components",
      comment: "web/src/lib is universal: no React components, no server code.",
      severity: "error",
      from: { path: "^web/src/lib/" },
      to: { path: "^web/src/(components|app)/" },
    },
    {
      name: "server-imports-ui",
      comment: "Server modules and the worker never import React components or pages.",
      severity: "error",
      from: { path: "^(web/src/server|worker)/" },
      to: { path: "^web/src/(components|app)/" },
    },
    {
      name: "no-cycles",
      comment: "Modules import each other in one direction only.",
      severity: "error",
      from: { path: "^(web/src|worker)/" },
      to: { circular: true, dependencyTypesNot: ["type-only"], viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^web/src/generated/|\\.test\\.tsx?$)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
