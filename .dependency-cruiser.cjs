// The house's import rules (STYLE.md "The house", issue 11), checked by `npm run lint:imports`.
// Type-only imports count: a type from the wrong floor couples the floors as much as a value does.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A cycle makes two modules one. A back edge that is `import type` is erased before run time, so it does not count (the i18n string tables import their Strings type).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-not-http',
      severity: 'error',
      comment: 'Verbs and jobs know nothing of HTTP: the domain owns its errors, api/http/ maps them to statuses.',
      from: { path: '^api/(domain|jobs)/' },
      to: { path: '^api/http/' },
    },
    {
      name: 'dashboard-not-db',
      severity: 'error',
      comment: 'Pages call verbs: no drizzle schema and no query builder under dashboard/.',
      from: { path: '^dashboard/' },
      to: { path: ['^api/db/schema/', '^node_modules/drizzle-orm/'] },
    },
    {
      name: 'pages-take-plain-data',
      severity: 'error',
      comment:
        'A page renders a View (dashboard/view.ts) and its own data: no Hono context, no routes. From hono it takes only the html template tag (hono/html, hono/utils/html).',
      from: { path: '^dashboard/pages/' },
      to: {
        path: ['(^|/)node_modules/hono/', '^hono(/|$)', '^dashboard/(routes/|context\\.ts$|index\\.ts$)'],
        pathNot: ['(^|/)node_modules/hono/dist/(cjs/|types/)?(helper/html/|utils/html\\.)', '^hono/(html|utils/html)$'],
      },
    },
    {
      name: 'widget-only-contract',
      severity: 'error',
      comment: 'The widget is a client bundle: from api/ it imports only the contract.',
      from: { path: '^widget/' },
      to: { path: '^api/', pathNot: '^api/contract/' },
    },
    {
      name: 'manage-only-contract',
      severity: 'error',
      comment: "The customer's manage page is a client bundle like the widget: from api/ it imports only the contract.",
      from: { path: '^manage/' },
      to: { path: '^api/', pathNot: '^api/contract/' },
    },
    {
      name: 'client-bundles-no-dashboard',
      severity: 'error',
      comment: 'The client bundles run in the browser: no server-rendered page code.',
      from: { path: '^(widget|manage)/' },
      to: { path: '^dashboard/' },
    },
    {
      name: 'contract-no-server-code',
      severity: 'error',
      comment:
        "The widget bundles the contract, so it imports no server code. api/config.ts is the product's numbers (caps, lengths) and imports nothing; config-is-a-leaf keeps it so.",
      from: { path: '^api/contract/' },
      to: { path: '^(api|dashboard|widget|manage)/', pathNot: '^api/(contract/|config\\.ts$)' },
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      comment: 'api/config.ts is imported by the contract and so by the widget: numbers only.',
      from: { path: '^api/config\\.ts$' },
      to: {},
    },
  ],
  options: {
    // A git worktree's node_modules may be a symlink to another checkout's: keep the paths under
    // node_modules/, or doNotFollow and the drizzle rule miss them (and cycles inside packages count).
    preserveSymlinks: true,
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(dist|\\.wrangler)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
