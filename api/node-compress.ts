// Node only: brotli or gzip for the API's and the pages' answers, chosen by the browser's
// Accept-Encoding. The widget's static files are compressed once at build (dist/*.br, *.gz) and
// arrive here already encoded. On the Worker, Cloudflare's edge compresses; this is not imported there.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this, the encoding's framing costs about what it saves (hono's compress uses the same). */
const threshold = 1024;
const compressible = /^\s*(?:text\/|application\/(?:json|javascript|xml|[\w.+-]*\+(?:json|xml))|image\/svg\+xml)/i;

/** `br` when accepted, else `gzip`, else nothing; `q=0` refuses an encoding, `*` stands for the rest. */
export function chooseEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  if (!accept) return undefined;
  const q = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name.trim(), weight ? Number(weight.slice(2)) || 0 : 1);
  }
  const weight = (e: string) => q.get(e) ?? q.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  return weight('gzip') > 0 ? 'gzip' : undefined;
}

/** A cache must keep one copy per encoding; added once, whoever else set Vary. */
export function varyOnEncoding(headers: Headers) {
  if (!/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(headers.get('Vary') ?? '')) headers.append('Vary', 'Accept-Encoding');
}

export function compressAnswers(): MiddlewareHandler {
  return async function compress(c, next) {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type') ?? '';
    if (c.req.method === 'HEAD' || !res.body || res.status === 204 || res.status === 304) return;
    if (res.headers.has('Content-Encoding') || !compressible.test(type)) return;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
    varyOnEncoding(res.headers);
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length < threshold) {
      c.res = new Response(body, res);
      return;
    }
    // Quality 5: within a few per cent of 11 on JSON and HTML at a small fraction of the time.
    const packed =
      encoding === 'br'
        ? await br(body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
          })
        : await gz(body, { level: 6 });
    c.res = new Response(new Uint8Array(packed), res);
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.delete('Content-Length');
  };
}
