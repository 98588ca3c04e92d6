// A stand-in for VirusTotal v3 and AbuseIPDB v2 in bench/relay.sh's enrichment mode: every IP lookup is answered
// after a delay drawn between 100 and 300 ms, as the real services answer over the internet, with a body of the
// documented shape. It counts what it was asked: GET /count answers "<virustotal> <abuseipdb>".
// Usage: node provider.js PORT
'use strict';
const http = require('http');

const port = Number(process.argv[2]);
const counts = { virustotal: 0, abuseipdb: 0 };
const virusTotal = JSON.stringify({ data: { id: 'x', type: 'ip_address', attributes: {
  last_analysis_stats: { harmless: 60, malicious: 1, suspicious: 0, undetected: 10, timeout: 0 }, reputation: 0 } } });
const abuseIpDb = JSON.stringify({ data: { ipAddress: 'x', isPublic: true, ipVersion: 4, isWhitelisted: false,
  abuseConfidenceScore: 10, countryCode: 'US', usageType: 'Data Center/Web Hosting/Transit', isp: 'Example',
  domain: 'example.com', hostnames: [], isTor: false, totalReports: 1, numDistinctUsers: 1,
  lastReportedAt: '2026-11-30T10:00:00+00:00' } });

http.createServer((request, response) => {
  if (request.url === '/count') {
    response.end(counts.virustotal + ' ' + counts.abuseipdb);
    return;
  }
  const vt = request.url.startsWith('/api/v3/');
  counts[vt ? 'virustotal' : 'abuseipdb']++;
  setTimeout(() => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(vt ? virusTotal : abuseIpDb);
  }, 100 + Math.floor(Math.random() * 200));
}).listen(port, '127.0.0.1');
