// The first floor `rc-tray status` is measured against (npm run bench): Node making one HTTP
// request and nothing else. Usage: node bare-request.cjs SERVER
const server = process.argv[2];
require('node:http').get(`${server}/api/info`, (response) => {
  response.resume();
  response.on('end', () => {
    process.exitCode = response.statusCode === 200 ? 0 : 1;
  });
});
