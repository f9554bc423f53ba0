/**
 * The tcp: and ptcp: providers (Open vSwitch's lib/stream-tcp.c): plain TCP
 * over IPv4 or IPv6 with TCP_NODELAY, keepalive off unless asked, and the
 * connection's DSCP value (§3.7).  Dialled streams are named by their
 * target text; accepted ones `tcp:IP:PORT` after the peer, and the listener
 * `ptcp:PORT:IP` with the port the kernel chose (§3.3).
 */

import type { Socket } from 'node:net';
import { DEFAULT_BACKLOG, connectInet, listenInet, prepareAccepted } from './inet-socket.js';
import { ServerListener } from './socket-listener.js';
import { SocketStream } from './socket-stream.js';
import type { ConnectError } from './stream-error.js';
import { effectiveDscp, type ActiveProvider, type ListenOptions, type PassiveProvider } from './stream.js';
import { formatHost } from './target.js';

export const tcpProvider: ActiveProvider<'tcp'> = {
  kind: 'active',
  prefix: 'tcp',
  needsProbes: true,
  async open(target, options) {
    const c = await connectInet(target, options);
    return new SocketStream(c.socket, {
      name: target.text,
      peerName: c.peerName,
      needsProbes: true,
      status: { localName: c.localName, dscp: c.dscp, dscpApplied: c.dscpApplied },
    });
  },
};

export const ptcpProvider: PassiveProvider<'ptcp'> = {
  kind: 'passive',
  prefix: 'ptcp',
  needsProbes: true,
  async listen(target, options: ListenOptions) {
    const dscp = effectiveDscp(options.dscp);
    let listener: ServerListener | null = null;
    const onConnection = (socket: Socket): void => {
      if (listener?.closed) {
        socket.destroy();
        return;
      }
      const accepted = prepareAccepted(socket, 'tcp', dscp);
      if (!accepted) return;
      options.onAccept(
        new SocketStream(socket, {
          name: accepted.name,
          peerName: accepted.peerName,
          needsProbes: true,
          status: { localName: accepted.localName, dscp, dscpApplied: accepted.dscpApplied },
        }),
      );
    };
    const onServerError = (error: ConnectError): void => {
      if (!listener?.closed) options.onAcceptError?.(error);
    };
    const { server, address, port } = await listenInet(target, options.backlog ?? DEFAULT_BACKLOG, onConnection, onServerError);
    listener = new ServerListener(server, { name: `ptcp:${port}:${formatHost(address)}`, port, needsProbes: true });
    return listener;
  },
};
