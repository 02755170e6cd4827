// Preloaded into the dry-run test's child process (NODE_OPTIONS=--require):
// loading the CloudBase manager or miniprogram-ci, or opening a TCP
// connection, fails loudly, so the test proves that a dry run talks to
// nothing. (Local IPC sockets, which tsx itself uses, stay allowed.)
const Module = require('module');
const net = require('net');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^(@cloudbase\/manager-node|miniprogram-ci)(\/|$)/.test(request)) {
    throw new Error(`dry run loaded ${request}`);
  }
  return load.call(this, request, ...rest);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isIpc =
    typeof first === 'string' || (first && typeof first === 'object' && 'path' in first && first.path);
  if (!isIpc) throw new Error('dry run opened a network connection');
  return connect.apply(this, args);
};
