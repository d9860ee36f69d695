import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of one of the shared stack's servers, so a test can take that server
 * "down" for its own app only: `cut` stops listening and breaks every open connection (clients
 * then get ECONNRESET mid-request and ECONNREFUSED on new ones), `restore` listens again on the
 * same port. The real server, which every other test file uses, is never touched.
 */
export type TcpProxy = {
  /** `http://127.0.0.1:<port>`: the endpoint to give the app instead of the real one. */
  endpoint: string;
  cut: () => Promise<void>;
  restore: () => Promise<void>;
  stop: () => Promise<void>;
};

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Starts a proxy to the server at `target` (an http://host:port URL) on a free loopback port. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const url = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(url.port), url.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await listen(server, 0);
  let isListening = true;
  const cut = async () => {
    if (!isListening) return;
    isListening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await closed;
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut,
    restore: async () => {
      if (isListening) return;
      await listen(server, port);
      isListening = true;
    },
    stop: cut,
  };
}
