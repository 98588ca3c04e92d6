#!/usr/bin/env node
// The webhook destination of bench/relay.sh: answers every POST with 204 and appends one line per delivery to a
// file, "<webhook-id> <alert_id> <epoch ms when the request arrived>", "-" where the body had no alert_id. Lines
// are buffered and written every 200 ms; GET /flush writes them at once and answers how many were written in all.
// Usage: node bench/receiver.js PORT FILE [DELAY_MS]   (SIGTERM writes what is buffered, then exits)
// DELAY_MS (0 by default) holds each answer that long after the delivery arrived, a slow destination: the gateway
// then has calls in flight at any moment (bench/faults.sh kills a gateway in the middle of them).
//
// One process, Node's own http module. It never parses the JSON: the alert's id is found by searching the bytes
// for "alert_id" in custom_details, which the gateway writes last, after the alert's document.
'use strict';

const http = require('http');
const fs = require('fs');

const [port, file, delayArg] = process.argv.slice(2);
if (!/^\d+$/.test(port || '') || !file || !/^\d*$/.test(delayArg || '')) {
  console.error('usage: node receiver.js PORT FILE [DELAY_MS]');
  process.exit(2);
}

const delay = Number(delayArg || 0);
const out = fs.openSync(file, 'w');
let buffered = [];
let written = 0;

function flush() {
  if (buffered.length > 0) {
    fs.writeSync(out, buffered.join(''));
    written += buffered.length;
    buffered = [];
  }
}

const DETAILS = Buffer.from('"custom_details":');
const ALERT_ID = Buffer.from('"alert_id":"');
const UUID_LENGTH = 36;

function alertId(body) {
  const details = body.lastIndexOf(DETAILS);
  if (details < 0) return '-';
  const at = body.indexOf(ALERT_ID, details);
  if (at < 0 || at + ALERT_ID.length + UUID_LENGTH > body.length) return '-';
  const start = at + ALERT_ID.length;
  return body.toString('latin1', start, start + UUID_LENGTH);
}

function record(req, res) {
  const arrived = Date.now();
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    buffered.push(`${req.headers['webhook-id'] || '-'} ${alertId(body)} ${arrived}\n`);
    if (delay > 0) {
      setTimeout(() => { res.writeHead(204); res.end(); }, delay);
    } else {
      res.writeHead(204);
      res.end();
    }
  });
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/flush') {
    flush();
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`${written}\n`);
    return;
  }
  record(req, res);
});
// The gateway's client closes idle connections after a minute; the server must never close one first, or a
// request sent on it just then fails and is retried.
server.keepAliveTimeout = 10 * 60 * 1000;
server.headersTimeout = 0;
server.requestTimeout = 0;

setInterval(flush, 200);

function stop() {
  flush();
  fs.closeSync(out);
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

server.listen(Number(port), '127.0.0.1');
