// vitest setupFile of the worker project: a fresh TCP connection per request. workerd's dev
// server (Miniflare) may close an idle keep-alive socket just as the next request is written on
// it, and fetch does not retry a POST or DELETE, which shows as "other side closed" — a transport
// race of the local harness, not an answer of the Worker.
import { Agent, setGlobalDispatcher } from 'undici';

setGlobalDispatcher(new Agent({ pipelining: 0 }));
