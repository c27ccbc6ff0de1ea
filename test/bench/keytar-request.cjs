// The floor the target is set against (npm run bench, issue 9 §4): what any resume must do, with
// nothing else: read the saved token from the keychain with keytar and make the same resume
// request rc-tray makes (GET /api/v1/me with X-User-Id and X-Auth-Token).
// Usage: node keytar-request.cjs SERVER KEYCHAIN_SERVICE
const keytar = require('keytar');
const [server, service] = process.argv.slice(2);
keytar.getPassword(service, server).then((item) => {
  const { userId, authToken } = JSON.parse(item);
  require('node:http').get(`${server}/api/v1/me`, { headers: { 'X-User-Id': userId, 'X-Auth-Token': authToken } }, (response) => {
    response.resume();
    response.on('end', () => {
      process.exitCode = response.statusCode === 200 ? 0 : 1;
    });
  });
});
