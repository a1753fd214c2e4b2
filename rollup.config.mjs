// Builds the widget into dist/: widget.js (the loader a partner pastes) and the app chunk it
// imports on demand. Size is a design goal: every build prints raw, gzip and brotli bytes
// and fails when the loader or the total goes over budget (SPEC.md "Quality bars").
import { readdirSync, rmSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/**
 * SPEC.md: a loader of at most 1 KiB gzip and at most 15 KiB gzip in all before the visitor can
 * type. Chunks the widget loads once the visitor types are not in that total; each has a budget
 * of its own:
 * - the proof of work (widget/pow.ts), 1 KiB;
 * - the thank-you view with its SMS code form (widget/done.tsx), 2 KiB: it is needed only after
 *   the send, and is fetched while the visitor fills in the form, so nobody waits for it. Split
 *   to fit 1 KiB, the code form would cost a phone-only customer a round trip after the send
 *   (or be fetched by everyone all the same), for the same bytes;
 * - that view's sentences in one language (widget/done/*.ts), 1 KiB each;
 * - the form's optional section, a first name and the category's questions (widget/more.tsx),
 *   1 KiB; its four sentences ride in the view's language chunks (`more`), fetched at the same
 *   moment, rather than in all three languages here (1.2 KiB) or in chunks of their own.
 */
const budget = { loader: 1024, total: 15 * 1024 };
const afterTyping = [
  { test: /^widget-pow-/, gzip: 1024 },
  { test: /^widget-done-/, gzip: 2 * 1024 },
  { test: /^widget-done(fi|sv|en)-/, gzip: 1024 },
  { test: /^widget-more-/, gzip: 1024 },
];
const laterBudget = (fileName) => afterTyping.find((b) => b.test.test(fileName))?.gzip;

export const sizes = (code) => ({
  raw: Buffer.byteLength(code),
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** Prints the size table, removes chunks of earlier builds, and enforces the budget. */
function reportSizes() {
  return {
    name: 'report-sizes',
    writeBundle(options, bundle) {
      const files = Object.values(bundle).filter((f) => f.type === 'chunk');
      for (const name of readdirSync(options.dir)) {
        if (/^widget-.*\.js$/.test(name) && !bundle[name]) rmSync(`${options.dir}/${name}`);
      }
      const rows = files.map((f) => ({
        file: f.fileName,
        ...sizes(f.code),
        lang: /^widget-(fi|sv|en)-/.test(f.fileName),
        later: laterBudget(f.fileName),
      }));
      // A visitor downloads one language: the loader, the app and the largest language count.
      const biggest = Math.max(...rows.filter((r) => r.lang).map((r) => r.gzip));
      const counted = rows
        .filter((r) => !r.later)
        .filter((r) => !r.lang || r.gzip === biggest)
        .filter((r, i, all) => !r.lang || all.findIndex((x) => x.lang) === i);
      const total = counted.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }), {
        raw: 0,
        gzip: 0,
        brotli: 0,
      });
      const line = (file, s) =>
        `${file.padEnd(38)}${String(s.raw).padStart(8)}${String(s.gzip).padStart(8)}${String(s.brotli).padStart(8)}`;
      console.log(
        [
          line('file', { raw: 'raw', gzip: 'gzip', brotli: 'brotli' }),
          ...rows.filter((r) => !r.later).map((r) => line(r.file, r)),
          line('total (one language)', total),
          ...rows.filter((r) => r.later).map((r) => line(`${r.file} (once typing)`, r)),
        ].join('\n'),
      );
      const loader = rows.find((r) => r.file === 'widget.js');
      if (loader.gzip > budget.loader) this.error(`widget.js is ${loader.gzip} gzip bytes; the budget is ${budget.loader}`);
      if (total.gzip > budget.total) this.error(`the widget is ${total.gzip} gzip bytes in all; the budget is ${budget.total}`);
      for (const r of rows.filter((x) => x.later)) {
        if (r.gzip > r.later) this.error(`${r.file} is ${r.gzip} gzip bytes; the budget is ${r.later}`);
      }
    },
  };
}

const widget = {
  input: { widget: 'widget/loader.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    // The loader's name is the stable URL partners paste; chunks are content-hashed so they can be cached forever.
    // The thank-you view's sentences (widget/done/fi.ts…) become widget-donefi-<hash>.js…: apart from
    // the form's languages, and one word, as api/http/assets.ts `hashedAsset` expects of a chunk.
    chunkFileNames: (chunk) => `widget-${chunk.facadeModuleId?.includes('/widget/done/') ? 'done' : ''}[name]-[hash].js`,
    generatedCode: 'es2015',
  },
  // The app renders from one effect per instance (widget/app.tsx), so the component
  // integration that @preact/signals installs on import (options hooks, ~1.4 KB) is left out.
  treeshake: { moduleSideEffects: (id) => id.endsWith('loader.ts') },
  plugins: [
    resolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] }),
    esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact', minify: false }),
    terser({
      module: true,
      ecma: 2020,
      compress: { passes: 3, unsafe: true, pure_getters: true, unsafe_arrows: true, unsafe_methods: true },
      format: { comments: false },
    }),
    reportSizes(),
  ],
};

// The customer's manage page (manage/): one self-contained script with all three
// languages. Named widget-manage.mjs so that Node's and the Worker's existing /widget* static
// rules serve it, while the widget's own build and size checks (which look at widget*.js) ignore it.
const manageBudget = 20 * 1024;

function reportManageSize() {
  return {
    name: 'report-manage-size',
    writeBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((f) => f.type === 'chunk');
      const s = sizes(chunk.code);
      console.log(`${chunk.fileName.padEnd(28)}${String(s.raw).padStart(8)}${String(s.gzip).padStart(8)}${String(s.brotli).padStart(8)}`);
      if (s.gzip > manageBudget) this.error(`${chunk.fileName} is ${s.gzip} gzip bytes; the budget is ${manageBudget}`);
    },
  };
}

const manage = {
  input: 'manage/main.tsx',
  output: { file: 'dist/widget-manage.mjs', format: 'es', generatedCode: 'es2015' },
  // Rendered from one effect, like the widget: the signals' component integration is left out.
  treeshake: { moduleSideEffects: (id) => id.endsWith('main.tsx') },
  plugins: [
    resolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] }),
    esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact', minify: false }),
    terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    reportManageSize(),
  ],
};

// The widget first: its size report removes stale widget-*.js chunks from dist/.
export default [widget, manage];
